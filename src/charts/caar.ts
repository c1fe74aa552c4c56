import { UsageError } from '../errors.js';
import { caarLabels } from './caar-labels.js';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, requireFinite, requireIsoDate, requireRows, requireString, type Spec, topLevel } from './common.js';
import { checkLang, formatDate, labels, levelText, type Lang } from './i18n.js';

/** One point of the CAAR chart: a group's running CAAR at an offset, with its interval. */
export interface CaarRow {
  /** The group (sample) the point belongs to, e.g. `'Semiconductors'`. */
  group: string;
  /** Trading-day offset from the event day. */
  offset: number;
  /** Calendar date of the offset (clustered events); absent or null in event time. */
  date?: string | null;
  /** Cumulative average abnormal return from the window's first day to this offset (fraction). */
  caar: number;
  /** Its interval at the chart's `level` (fractions); null or absent where there is none (one firm). */
  lo?: number | null;
  hi?: number | null;
  /** Firms behind the point (tooltip). */
  n?: number;
}

/** Input of {@link caarChart}. */
export interface CaarInput {
  rows: readonly CaarRow[];
  /** Language of titles, axes, legend and numbers. Default `'en'`. */
  lang?: Lang;
  /** Level the rows' `lo`/`hi` were computed at (named in the subtitle and tooltips). Default 0.95. */
  level?: number;
  /** Title; default "Cumulative average abnormal return by group". */
  title?: string;
}

/**
 * Okabe–Ito colours (colour-blind safe), one per group in order of appearance; vermillion is left
 * to the event-day rule, as in the other charts.
 */
const GROUP_COLORS = [COLORS.counterfactual, '#009e73', '#cc79a7', COLORS.claim, COLORS.band, '#000000', '#f0e442'];

/**
 * Cumulative average abnormal return (CAAR) by group through the event window: one line with
 * points per group, its interval as a translucent band (where the rows carry one), a rule at zero
 * and a dashed rule on the event day. Percent y axis, trading-day offsets on the x axis; the
 * event date is named when every group's offset 0 falls on the same date.
 *
 * @example
 * const spec = caarChart({
 *   rows: [
 *     { group: 'Semiconductors', offset: 0, date: '2025-01-27', caar: -0.115, lo: -0.158, hi: -0.073, n: 8 },
 *     { group: 'Big tech', offset: 0, date: '2025-01-27', caar: 0.004, lo: -0.02, hi: 0.028, n: 4 },
 *   ],
 *   lang: 'en',
 * });
 */
export function caarChart(input: CaarInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const C = caarLabels(lang);
  const title = input.title === undefined ? C.title : requireString(input.title, 'title');
  const interval = L.interval(levelText(input.level ?? 0.95, lang));
  const seen = new Set<string>();
  const groups: string[] = [];
  const rows = requireRows(input.rows, 'caarChart').map((r, i) => {
    const group = requireString(r.group, `rows[${i}].group`);
    if (group === '') throw new UsageError(`caarChart: rows[${i}].group is empty`, { field: 'group' });
    const offset = requireFinite(r.offset, 'offset', { symbol: group });
    if (!Number.isInteger(offset)) throw new UsageError(`caarChart: offset ${offset} of ${group} is not a whole number of trading days`, { symbol: group, field: 'offset' });
    const key = `${group}\u0000${offset}`;
    if (seen.has(key)) throw new UsageError(`caarChart: ${group} has two points at offset ${offset}`, { symbol: group });
    seen.add(key);
    if (!groups.includes(group)) groups.push(group);
    const date = r.date === undefined || r.date === null ? null : requireIsoDate(r.date, 'date', group);
    const where = { symbol: group, ...(date ? { date } : {}) };
    const caar = requireFinite(r.caar, 'caar', where);
    const hasLo = r.lo !== undefined && r.lo !== null;
    const hasHi = r.hi !== undefined && r.hi !== null;
    if (hasLo !== hasHi) throw new UsageError(`caarChart: ${group} at offset ${offset} has only one end of its interval`, { symbol: group });
    return {
      group,
      offset,
      date,
      caar,
      lo: hasLo ? requireFinite(r.lo, 'lo', where) : null,
      hi: hasHi ? requireFinite(r.hi, 'hi', where) : null,
      n: r.n === undefined ? null : requireFinite(r.n, 'n', where),
    };
  });
  rows.sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || a.offset - b.offset);
  // The event date, when every group's offset 0 is the same calendar day.
  const zero = rows.filter((r) => r.offset === 0);
  const eventDate = zero.length > 0 && zero.every((r) => r.date !== null && r.date === zero[0]!.date) ? zero[0]!.date : null;
  const hasBands = rows.some((r) => r.lo !== null);
  const x = {
    field: 'offset',
    type: 'quantitative' as const,
    title: L.tradingDayRel(eventDate ? formatDate(eventDate, lang) : undefined),
    scale: { nice: false },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const color = {
    field: 'group',
    type: 'nominal' as const,
    title: C.group,
    sort: groups,
    scale: { domain: groups, range: groups.map((_, i) => GROUP_COLORS[i % GROUP_COLORS.length]!) },
    legend: { symbolOpacity: 1 },
  };
  const tooltip = [
    { field: 'group', type: 'nominal', title: C.group },
    ...(rows.some((r) => r.date !== null) ? [{ field: 'date', type: 'nominal', title: L.date }] : []),
    { field: 'offset', type: 'quantitative', title: L.offset },
    { field: 'caar', type: 'quantitative', title: C.caar, format: '.2%' },
    ...(hasBands
      ? [
          { field: 'lo', type: 'quantitative', title: L.lowerBound(interval), format: '.2%' },
          { field: 'hi', type: 'quantitative', title: L.upperBound(interval), format: '.2%' },
        ]
      : []),
    ...(rows.some((r) => r.n !== null) ? [{ field: 'n', type: 'quantitative', title: C.firms }] : []),
  ];
  const layers: unknown[] = [];
  if (hasBands) {
    layers.push({
      transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
      mark: { type: 'area', opacity: 0.18 },
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative', title: C.caar, axis: { format: '%' } },
        y2: { field: 'hi' },
        color,
      },
    });
  }
  layers.push(
    {
      mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
    {
      mark: { type: 'line', strokeWidth: 2.5, point: { size: 36 } },
      encoding: {
        x,
        y: { field: 'caar', type: 'quantitative', title: C.caar, axis: { format: '%' } },
        color,
        tooltip,
      },
    },
  );
  if (zero.length > 0) {
    layers.push({
      data: { values: [{ offset: 0 }] },
      mark: { type: 'rule', color: COLORS.event, strokeDash: [3, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'offset', type: 'quantitative' } },
    });
  }
  const subtitle = [...(eventDate ? [L.eventOn(formatDate(eventDate, lang))] : []), ...(hasBands ? [C.bands(interval)] : [])];
  return {
    ...topLevel('caar', lang, title),
    title: { text: title, ...(subtitle.length ? { subtitle } : {}) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: layers,
  } as Spec;
}
