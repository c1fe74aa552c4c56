import { UsageError } from '../errors.js';
import { COLORS, CHART_HEIGHT, CHART_WIDTH, clean, extent, requireFinite, requireRows, requireString, topLevel, type Spec } from './common.js';
import { checkLang, NBSP, formatNumber, labels } from './i18n.js';
import type { DistributionInput } from './types.js';

/** One histogram bin: `[x0, x1)` (the last bin also holds its right edge) and its count. */
export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * Equal-width histogram over the range of `values` and `include` (so a marker outside the
 * values still falls on the axis). Deterministic: no random numbers, no `nice()` rounding.
 *
 * @example
 * histogram([0.1, 0.2, 0.2, 0.9], 3); // 3 bins over [0.1, 0.9]
 */
export function histogram(values: readonly number[], bins: number, include: readonly number[] = []): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new UsageError(`histogram: bins must be an integer from 1 to 1000, got ${bins}`);
  let [lo, hi] = extent([...values, ...include]);
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) throw new UsageError('histogram: no finite value');
  if (lo === hi) {
    const pad = lo === 0 ? 0.5 : Math.abs(lo) * 0.01;
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  // Inner edges are rounded to 12 digits (no float noise in the spec); the outer ones stay exact
  // so that the smallest and largest values are inside. Each value is counted by the edges as
  // written, so a value on an edge goes to the bin that starts there.
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === 0 ? lo : i === bins ? hi : clean(lo + i * width)));
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ x0: edges[i]!, x1: edges[i + 1]!, count: 0 }));
  for (const v of values) {
    if (Number.isNaN(v)) throw new UsageError('histogram: a value is NaN');
    let i = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    while (i > 0 && v < edges[i]!) i--;
    while (i < bins - 1 && v >= edges[i + 1]!) i++;
    out[i]!.count++;
  }
  return out;
}

/**
 * Histogram of simulated values (bootstrap, placebo, permutation...) with the observed value
 * marked by a rule and a text label (`label: value`). Values are binned here, so the spec holds
 * the bins, not the raw simulations. `format` says whether values are fractions shown as
 * percent (default) or plain numbers.
 *
 * @example
 * const spec = distributionChart({
 *   values: [-0.012, 0.004, 0.021, -0.033, 0.008],
 *   observed: -0.1313,
 *   label: '27 Jan 2025',
 *   lang: 'en',
 * });
 */
export function distributionChart(input: DistributionInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const title = input.title === undefined ? L.distributionTitle : requireString(input.title, 'title');
  const label = requireString(input.label, 'label');
  const values = requireRows(input.values, 'distributionChart').map((v, i) => requireFinite(v, `values[${i}]`));
  const observed = requireFinite(input.observed, 'observed');
  const format = input.format ?? 'percent';
  if (format !== 'percent' && format !== 'number') throw new UsageError(`distributionChart: unknown format "${String(format)}"`, { field: 'format' });
  const nBins = input.bins ?? Math.min(60, Math.max(10, Math.ceil(Math.sqrt(values.length))));
  const bins = histogram(values, nBins, [observed]);
  const maxCount = Math.max(...bins.map((b) => b.count));
  const first = bins[0];
  const last = bins[bins.length - 1];
  const mid = first && last ? (first.x0 + last.x1) / 2 : 0;
  const valueText =
    format === 'percent' ? formatNumber(observed, lang, { style: 'percent', digits: 2 }) : formatNumber(observed, lang, { digits: 2 });
  const colon = lang === 'fr' ? `${NBSP}: ` : ': ';
  const markerText = label === '' ? valueText : `${label}${colon}${valueText}`;
  const axisFormat = format === 'percent' ? { format: '%' } : {};
  const xTitle = input.xTitle === undefined ? L.value : requireString(input.xTitle, 'xTitle');
  const leftHalf = observed < mid;
  return {
    ...topLevel('distribution', lang, title),
    title: { text: title, subtitle: input.subtitle === undefined ? L.simulations(values.length) : requireString(input.subtitle, 'subtitle') },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: bins },
    layer: [
      {
        mark: { type: 'bar', color: COLORS.bar, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: xTitle, scale: { zero: false, nice: false }, axis: axisFormat },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: L.count, axis: { format: 'd', tickMinStep: 1 } },
          tooltip: [
            { field: 'x0', type: 'quantitative', title: '≥', ...(format === 'percent' ? { format: '.2%' } : {}) },
            { field: 'x1', type: 'quantitative', title: '<', ...(format === 'percent' ? { format: '.2%' } : {}) },
            { field: 'count', type: 'quantitative', title: L.count },
          ],
        },
      },
      {
        data: { values: [{ observed, y: maxCount, text: markerText }] },
        layer: [
          {
            mark: { type: 'rule', color: COLORS.event, strokeWidth: 2 },
            encoding: { x: { field: 'observed', type: 'quantitative' } },
          },
          {
            mark: {
              type: 'text',
              align: leftHalf ? 'left' : 'right',
              dx: leftHalf ? 6 : -6,
              baseline: 'top',
              color: COLORS.event,
              fontSize: 12,
            },
            encoding: {
              x: { field: 'observed', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              text: { field: 'text', type: 'nominal' },
            },
          },
        ],
      },
    ],
  } as Spec;
}
