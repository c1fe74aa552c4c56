/**
 * What every chart shares: the Vega-Lite schema URL, the font, sizes, colours, the base config
 * (font + locale) and input checks. Internal to `src/charts`; the constants are re-exported.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { isIsoDate } from '../util/dates.js';
import { UsageError } from '../errors.js';
import { vegaLocale, type Lang } from './i18n.js';

/** `$schema` of every spec: Vega-Lite 6, as used by the installed vega-lite 6.4. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The one font used for every text in every chart (pinned in assets/fonts). */
export const CHART_FONT = 'DejaVu Sans';

/** Default plot size (the data rectangle, without axes and titles), in pixels. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

/** Colours, colour-blind safe (Okabe–Ito based) and readable in grey scale. */
export const COLORS = {
  observed: '#1b1b1b',
  counterfactual: '#0072b2',
  band: '#56b4e9',
  event: '#d55e00',
  bar: '#7a8a99',
  claim: '#e69f00',
  raw: '#4d4d4d',
  expected: '#a6a6a6',
  abnormal: '#0072b2',
  ar: '#0072b2',
  ret: '#7a8a99',
  point: '#5b6b7b',
} as const;

/** Base `config`: font everywhere, locale, white background, readable sizes. */
export function baseConfig(lang: Lang): Config {
  return {
    font: CHART_FONT,
    locale: vegaLocale(lang),
    background: 'white',
    padding: 8,
    view: { stroke: '#d0d0d0' },
    title: { fontSize: 15, fontWeight: 'normal', subtitleFontSize: 12, subtitleColor: '#444444', anchor: 'start', offset: 10 },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: '#222222',
      labelColor: '#333333',
      gridColor: '#e6e6e6',
    },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal', labelLimit: 320 },
    text: { fontSize: 11 },
  };
}

/** Fields every spec carries at the top level. */
export function topLevel(
  chart: string,
  lang: Lang,
  description: string,
): { $schema: string; description: string; config: Config; usermeta: Record<string, string> } {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    config: baseConfig(lang),
    usermeta: { generator: 'sputnik-study', chart, lang },
  };
}

/** Throws a UsageError unless `rows` is a non-empty array. */
export function requireRows<T>(rows: readonly T[] | undefined, what: string, symbol?: string): readonly T[] {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new UsageError(`${what}: no rows to draw`, symbol ? { symbol } : {});
  }
  return rows;
}

/** Throws a UsageError unless `value` is a finite number. */
export function requireFinite(
  value: unknown,
  field: string,
  where: { symbol?: string; date?: string } = {},
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new UsageError(`${field} must be a finite number, got ${String(value)}`, { ...where, field });
  }
  return value;
}

/** Throws a UsageError unless `value` is a string (possibly empty). */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new UsageError(`${field} must be a string, got ${typeof value}`, { field });
  return value;
}

/** Throws a UsageError unless `value` is an ISO `YYYY-MM-DD` date. */
export function requireIsoDate(value: unknown, field: string, symbol?: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new UsageError(`${field} must be an ISO date YYYY-MM-DD, got ${String(value)}`, {
      field,
      ...(symbol ? { symbol } : {}),
    });
  }
  return value;
}

/**
 * Check dated rows: a non-empty list, each with an ISO `date` and finite numbers in `fields`.
 * Returns plain copies holding just those fields, so a spec never carries more than it draws.
 */
export function datedRows<K extends string>(
  rows: readonly ({ date: string } & Record<K, number>)[] | undefined,
  fields: readonly K[],
  what: string,
  symbol: string,
): ({ date: string } & Record<K, number>)[] {
  return requireRows(rows, what, symbol).map((r) => {
    const date = requireIsoDate(r.date, 'date', symbol);
    const out = { date } as { date: string } & Record<K, number>;
    for (const f of fields) (out as Record<K, number>)[f] = requireFinite(r[f], f, { symbol, date });
    return out;
  });
}

/**
 * A layer drawn as one named series of the legend: a `calculate` transform names the series, and
 * the colour encodes that name. Layers that pass the same `scale` (domain and range) share one
 * legend. (A constant `datum` colour would be shorter, but the Vega-Lite schema allows `scale`
 * and `legend` only on field definitions.)
 */
export function inSeries<L extends { encoding: object }>(name: string, layer: L, scaleAndLegend: { scale?: unknown; legend?: unknown } = {}) {
  return {
    transform: [{ calculate: JSON.stringify(name), as: 'series' }],
    ...layer,
    encoding: { ...layer.encoding, color: { field: 'series', type: 'nominal' as const, ...scaleAndLegend } },
  };
}

/** Plot height for `n` horizontal bars of `step` pixels, at least `min`. */
export function barsHeight(n: number, step: number, min = 120): number {
  return Math.max(min, Math.round(n * step));
}

/** Smallest and largest of a non-empty list. */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Round to 12 significant digits so that spec JSON does not carry float noise. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/** The title of a spec as plain text (title and subtitle lines joined), if it has one. */
export function specTitle(spec: TopLevelSpec): string | undefined {
  const t = (spec as { title?: unknown }).title;
  const text = t !== null && typeof t === 'object' && !Array.isArray(t) ? (t as { text?: unknown }).text : t;
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.join(' ');
  return undefined;
}

/** A spec type alias for readability. */
export type Spec = TopLevelSpec;
