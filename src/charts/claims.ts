import { UsageError } from '../errors.js';
import { COLORS, barsHeight, requireFinite, requireRows, requireString, topLevel, type Spec } from './common.js';
import { checkLang, labels } from './i18n.js';
import type { ClaimBar, ClaimGroup, ClaimMeasure } from './types.js';
import type { ClaimsInput } from './types.js';

const MEASURES: readonly ClaimMeasure[] = ['claim', 'raw', 'expected', 'abnormal'];
const GROUPS: readonly ClaimGroup[] = ['quoted', 'observed'];

/**
 * Quoted versus observed losses in USD billions: one horizontal bar per figure, in the order
 * given (each quoted claim beside the raw, expected and abnormal figures), coloured by what it
 * measures, with an error bar where `lo` and `hi` are given and the value printed at the end of
 * the bar. Losses are positive numbers; the `note` goes to the tooltip.
 *
 * @example
 * const spec = claimsChart({
 *   bars: [
 *     { label: 'Press: "600 milliards de dollars"', group: 'quoted', measure: 'claim', value: 600 },
 *     { label: 'Raw change (142.62 → 118.42)', group: 'observed', measure: 'raw', value: 592.66 },
 *     { label: 'Abnormal (market model)', group: 'observed', measure: 'abnormal', value: 462.1, lo: 355.2, hi: 569.0 },
 *   ],
 *   lang: 'fr',
 * });
 */
export function claimsChart(input: ClaimsInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const title = input.title === undefined ? L.claimsTitle : requireString(input.title, 'title');
  const seen = new Set<string>();
  const bars = requireRows(input.bars, 'claimsChart').map((b: ClaimBar, i) => {
    const label = requireString(b.label, `bars[${i}].label`);
    if (seen.has(label)) throw new UsageError(`claimsChart: two bars have the label "${label}"`, { field: 'label' });
    seen.add(label);
    if (!MEASURES.includes(b.measure)) {
      throw new UsageError(`claimsChart: unknown measure "${String(b.measure)}" (expected ${MEASURES.join(', ')})`, { field: 'measure' });
    }
    if (!GROUPS.includes(b.group)) {
      throw new UsageError(`claimsChart: unknown group "${String(b.group)}" (expected ${GROUPS.join(', ')})`, { field: 'group' });
    }
    const value = requireFinite(b.value, `bars[${i}].value`);
    const hasBand = b.lo !== undefined && b.hi !== undefined && b.lo !== null && b.hi !== null;
    const lo = hasBand ? requireFinite(b.lo, `bars[${i}].lo`) : null;
    const hi = hasBand ? requireFinite(b.hi, `bars[${i}].hi`) : null;
    const labelX = value >= 0 ? Math.max(value, hi ?? value) : Math.min(value, lo ?? value);
    return {
      label,
      group: L.groupLabel[b.group],
      measure: L.measureLabel[b.measure],
      value,
      lo,
      hi,
      labelX,
      note: b.note === undefined ? '' : requireString(b.note, `bars[${i}].note`),
    };
  });
  const order = bars.map((b) => b.label);
  // Room for the value labels: 12 % beyond the furthest bar end on each side that has bars.
  const ends = bars.flatMap((b) => [b.value, b.labelX, b.lo ?? 0, b.hi ?? 0, 0]);
  const [minEnd, maxEnd] = [Math.min(...ends), Math.max(...ends)];
  const span = maxEnd - minEnd || 1;
  const domain = [minEnd < 0 ? minEnd - 0.12 * span : 0, maxEnd > 0 ? maxEnd + 0.12 * span : 0];
  const y = {
    field: 'label',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: { labelLimit: 320, labelFontSize: 11.5 },
  };
  const xTitle = L.lossUsdBn;
  const withBand = bars.filter((b) => b.lo !== null && b.hi !== null).map((b) => ({ label: b.label, lo: b.lo, hi: b.hi }));
  const labelRows = (positive: boolean) =>
    bars.filter((b) => (b.value >= 0) === positive).map((b) => ({ label: b.label, labelX: b.labelX, value: b.value }));
  const layers: unknown[] = [
    {
      mark: { type: 'bar', height: { band: 0.72 } },
      encoding: {
        y,
        x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: ',d' }, scale: { domain, nice: true } },
        color: {
          field: 'measure',
          type: 'nominal',
          title: null,
          scale: {
            domain: MEASURES.map((m) => L.measureLabel[m]),
            range: [COLORS.claim, COLORS.raw, COLORS.expected, COLORS.abnormal],
          },
          legend: { columns: 2 },
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: L.figure },
          { field: 'group', type: 'nominal', title: L.groupLabel.quoted + ' / ' + L.groupLabel.observed },
          { field: 'value', type: 'quantitative', title: xTitle, format: ',.1f' },
          { field: 'note', type: 'nominal', title: L.note },
        ],
      },
    },
    {
      mark: { type: 'rule', color: '#444444' },
      encoding: { x: { datum: 0, type: 'quantitative' } },
    },
  ];
  if (withBand.length > 0) {
    layers.push({
      data: { values: withBand },
      mark: { type: 'errorbar', ticks: { height: 10 }, thickness: 1.5, color: '#222222' },
      encoding: { y, x: { field: 'lo', type: 'quantitative', title: xTitle }, x2: { field: 'hi' } },
    });
  }
  for (const positive of [true, false]) {
    const values = labelRows(positive);
    if (values.length === 0) continue;
    layers.push({
      data: { values },
      mark: { type: 'text', align: positive ? 'left' : 'right', dx: positive ? 5 : -5, baseline: 'middle', color: '#222222' },
      encoding: { y, x: { field: 'labelX', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: ',.0f' } },
    });
  }
  return {
    ...topLevel('claims', lang, title),
    title: { text: title },
    width: 560,
    height: barsHeight(bars.length, 34),
    data: { values: bars },
    layer: layers,
  } as Spec;
}
