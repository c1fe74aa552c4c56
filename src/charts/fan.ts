/**
 * Charts of the counterfactual simulation: the fan of simulated no-news price paths with the
 * observed close, and the histogram of the simulated event-day falls in market value with the
 * observed fall and the quoted figures marked (the distribution chart with the quotes added).
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, inSeries, requireFinite, requireIsoDate, requireRows, requireString, topLevel, type Spec } from './common.js';
import { distributionChart } from './distribution.js';
import { checkLang, formatDate, formatNumber, labels, NBSP, type Lang } from './i18n.js';
import { simulateLabels } from './simulate-labels.js';
import { dateAxis } from './tradingAxis.js';

/** One trading day of the fan: percentiles of the simulated no-news price and the observed close (USD per share). */
export interface FanRow {
  date: string;
  offset: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  /** Observed as-traded close; null where not recorded. */
  observed: number | null;
}

/** Input of {@link fanChart}. */
export interface FanInput {
  symbol: string;
  eventDate: string;
  rows: readonly FanRow[];
  /** A few simulated paths, each one price per row (drawn as thin lines). */
  paths?: readonly (readonly number[])[];
  /** How many paths were simulated, and how (for the subtitle). */
  trials: number;
  method?: 'bootstrap' | 't';
  lang?: Lang;
  title?: string;
}

/**
 * Fan chart of a counterfactual simulation: the 5-95 % and 25-75 % bands of the simulated
 * no-news price, its median, a few simulated paths, the observed close and the event day, on the
 * trading days of the window (one evenly spaced position per day).
 *
 * @example
 * const spec = fanChart({
 *   symbol: 'NVDA', eventDate: '2025-01-27', trials: 10000,
 *   rows: [
 *     { date: '2025-01-24', offset: -1, p05: 136, p25: 140, p50: 142, p75: 144, p95: 148, observed: 142.62 },
 *     { date: '2025-01-27', offset: 0, p05: 124, p25: 131, p50: 137, p75: 142, p95: 150, observed: 118.42 },
 *   ],
 * });
 */
export function fanChart(input: FanInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const S = simulateLabels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const eventDate = requireIsoDate(input.eventDate, 'eventDate', symbol);
  const trials = requireFinite(input.trials, 'trials');
  const method = input.method ?? 'bootstrap';
  if (method !== 'bootstrap' && method !== 't') throw new UsageError(`fanChart: unknown method "${String(method)}"`, { field: 'method' });
  const rows = requireRows(input.rows, 'fanChart', symbol).map((r) => {
    const date = requireIsoDate(r.date, 'date', symbol);
    const where = { symbol, date };
    const row: Record<string, number | string | null> = { date, offset: requireFinite(r.offset, 'offset', where) };
    for (const k of ['p05', 'p25', 'p50', 'p75', 'p95'] as const) row[k] = requireFinite(r[k], k, where);
    row.observed = r.observed === null || r.observed === undefined ? null : requireFinite(r.observed, 'observed', where);
    return row;
  });
  const paths = (input.paths ?? []).flatMap((path, i) => {
    if (!Array.isArray(path) || path.length !== rows.length) throw new UsageError(`fanChart: path ${i} has ${path?.length} prices for ${rows.length} days`, { symbol });
    return path.map((price, t) => ({ path: i, date: rows[t]!.date, price: requireFinite(price, `paths[${i}][${t}]`, { symbol }) }));
  });
  const title = input.title === undefined ? S.fanTitle(symbol) : requireString(input.title, 'title');
  const subtitle = S.fanSubtitle(formatNumber(trials, lang), S.method[method], formatDate(eventDate, lang));
  const x = dateAxis([...rows.map((r) => r.date as string), eventDate], L.date, lang);
  const yTitle = L.closeUsd;
  const domain = [S.outerBand, S.innerBand, ...(paths.length ? [S.samplePaths] : []), S.median, L.observedClose];
  const range = [COLORS.band, COLORS.counterfactual, ...(paths.length ? ['#b8c2cc'] : []), COLORS.counterfactual, COLORS.observed];
  const color = { scale: { domain, range }, legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const observed = rows.filter((r) => r.observed !== null);
  return {
    ...topLevel('fan', lang, `${title}. ${subtitle}`),
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: [
      inSeries(S.outerBand, { mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: { field: 'p05', type: 'quantitative', title: yTitle, scale: { zero: false } }, y2: { field: 'p95' } } }, color),
      inSeries(S.innerBand, { mark: { type: 'area', opacity: 0.35 }, encoding: { x, y: { field: 'p25', type: 'quantitative', title: yTitle }, y2: { field: 'p75' } } }),
      ...(paths.length
        ? [
            {
              data: { values: paths },
              ...inSeries(S.samplePaths, {
                mark: { type: 'line', strokeWidth: 0.8, opacity: 0.6 },
                encoding: { x, y: { field: 'price', type: 'quantitative', title: yTitle }, detail: { field: 'path', type: 'nominal' } },
              }),
            },
          ]
        : []),
      inSeries(S.median, { mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x, y: { field: 'p50', type: 'quantitative', title: yTitle } } }),
      {
        data: { values: observed },
        ...inSeries(L.observedClose, { mark: { type: 'line', strokeWidth: 2.5, point: { size: 30 } }, encoding: { x, y: { field: 'observed', type: 'quantitative', title: yTitle } } }),
      },
      {
        data: { values: [{ date: eventDate, label: `${L.event} · ${formatDate(eventDate, lang)}` }] },
        layer: [
          { mark: { type: 'rule', color: COLORS.event, strokeDash: [3, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'date', type: 'ordinal' } } },
          { mark: { type: 'text', align: 'left', baseline: 'top', dx: 5, y: 4, color: COLORS.event }, encoding: { x: { field: 'date', type: 'ordinal' }, text: { field: 'label' } } },
        ],
      },
    ],
  } as Spec;
}

/** A quoted figure to mark on the losses histogram. */
export interface QuotedMark {
  id: string;
  /** USD. */
  usd: number;
  /** Short text shown beside the rule (default: the id). */
  label?: string;
}

/** Input of {@link simulatedLossesChart}. */
export interface SimulatedLossesInput {
  symbol: string;
  /** The event day (ISO). */
  date: string;
  /** The simulated no-news falls in market value on that day (USD, positive = loss). */
  values: ArrayLike<number>;
  /** The observed fall (USD). */
  observed: number;
  quoted?: readonly QuotedMark[];
  bins?: number;
  lang?: Lang;
}

/**
 * Histogram of the simulated event-day falls in market value without news (USD bn), with the
 * observed fall marked (the distribution chart) and each quoted figure as a dashed rule.
 *
 * @example
 * const spec = simulatedLossesChart({ symbol: 'NVDA', date: '2025-01-27', values: falls, observed: 592.66e9,
 *   quoted: [{ id: '000-07', usd: 600e9, label: '600 bn' }] });
 */
export function simulatedLossesChart(input: SimulatedLossesInput): Spec {
  const lang = checkLang(input.lang);
  const S = simulateLabels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const date = requireIsoDate(input.date, 'date', symbol);
  const values = Array.from(input.values ?? [], (v, i) => requireFinite(v, `values[${i}]`) / 1e9);
  const observed = requireFinite(input.observed, 'observed') / 1e9;
  // One rule per quoted amount (quotes of the same amount share it and its label).
  const byAmount = new Map<number, string[]>();
  (input.quoted ?? []).forEach((q, i) => {
    const usd = requireFinite(q.usd, `quoted[${i}].usd`) / 1e9;
    const text = q.label ?? requireString(q.id, `quoted[${i}].id`);
    byAmount.set(usd, [...(byAmount.get(usd) ?? []), text]);
  });
  const amounts = [...byAmount.keys()].sort((a, b) => a - b);
  let lo = observed;
  let hi = observed;
  for (const v of [...values, ...amounts]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const mid = (lo + hi) / 2;
  // Labels below the observed value's, one line each; right of the rule in the left half of the axis, left of it in the right half.
  const quoted = amounts.map((usd, i) => ({
    usd,
    text: `${S.quoted}${lang === 'fr' ? NBSP : ''}: ${byAmount.get(usd)!.join(', ')}`,
    ypix: 34 + 15 * i,
    side: usd > mid ? 'left' : 'right',
  }));
  const base = distributionChart({
    values,
    observed,
    label: S.observedFall,
    format: 'number',
    xTitle: S.fallUsdBn,
    title: S.lossesTitle(symbol),
    subtitle: S.lossesSubtitle(formatNumber(values.length, lang), formatDate(date, lang)),
    lang,
    ...(input.bins !== undefined ? { bins: input.bins } : {}),
  }) as unknown as { layer: unknown[]; usermeta: Record<string, string> } & Record<string, unknown>;
  if (quoted.length === 0) return { ...base, usermeta: { ...base.usermeta, chart: 'simulatedLosses' } } as unknown as Spec;
  return {
    ...base,
    usermeta: { ...base.usermeta, chart: 'simulatedLosses' },
    layer: [
      ...base.layer,
      {
        data: { values: quoted },
        layer: [
          { mark: { type: 'rule', color: COLORS.claim, strokeDash: [5, 3], strokeWidth: 2 }, encoding: { x: { field: 'usd', type: 'quantitative' } } },
          ...(['left', 'right'] as const).filter((side) => quoted.some((q) => q.side === side)).map((side) => ({
            transform: [{ filter: `datum.side === '${side}'` }],
            mark: { type: 'text', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -5 : 5, baseline: 'middle', color: '#8a5a00', fontSize: 11 },
            // y in pixels from the top (no scale): one line per amount, so close figures do not overlap.
            encoding: { x: { field: 'usd', type: 'quantitative' }, y: { field: 'ypix', type: 'quantitative', scale: null }, text: { field: 'text', type: 'nominal' } },
          })),
        ],
      },
    ],
  } as unknown as Spec;
}
