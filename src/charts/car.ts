import { CHART_HEIGHT, CHART_WIDTH, COLORS, datedRows, inSeries, requireString, type Spec, topLevel } from './common.js';
import { checkLang, formatDate, labels, levelText } from './i18n.js';
import { offsetAxis } from './tradingAxis.js';
import type { CarInput } from './types.js';

/**
 * Cumulative abnormal return (CAR) through the event window: a line with points for the CAR, an
 * area for its interval at `level` (default 95 %), a rule at zero and a vertical rule on the event day; the last day
 * is labelled with its value. Percent y axis; on the x axis one evenly spaced point per trading
 * day, labelled with its offset and short date.
 *
 * @example
 * const spec = carChart({
 *   symbol: 'NVDA',
 *   rows: [
 *     { date: '2025-01-24', offset: -1, car: -0.021, lo: -0.064, hi: 0.064 },
 *     { date: '2025-01-27', offset: 0, car: -0.152, lo: -0.071, hi: 0.071 },
 *   ],
 *   lang: 'en',
 * });
 */
export function carChart(input: CarInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const rows = datedRows(input.rows, ['offset', 'car', 'lo', 'hi'], 'carChart', symbol)
    .sort((a, b) => a.offset - b.offset);
  const event = rows.find((r) => r.offset === 0);
  const last = rows[rows.length - 1];
  const interval = L.interval(levelText(input.level ?? 0.95, lang));
  // One evenly spaced point per trading day, labelled with the offset over the short date (`0` / `27 Jan`).
  const x = offsetAxis(rows, L.tradingDayRel(event ? formatDate(event.date, lang) : undefined), lang, 'point');
  const yTitle = L.car;
  const color = {
    scale: { domain: [L.car, interval], range: [COLORS.counterfactual, COLORS.band] },
    legend: { title: null, symbolOpacity: 1 },
  };
  const layers: unknown[] = [
    inSeries(interval, {
      mark: { type: 'area', opacity: 0.3 },
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative', title: yTitle, axis: { format: '%' } },
        y2: { field: 'hi' },
      },
    }, color),
    {
      mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
    inSeries(L.car, {
      mark: { type: 'line', strokeWidth: 2.5, point: { size: 36 } },
      encoding: {
        x,
        y: { field: 'car', type: 'quantitative', title: yTitle },
        tooltip: [
          { field: 'date', type: 'nominal', title: L.date },
          { field: 'offset', type: 'quantitative', title: L.offset },
          { field: 'car', type: 'quantitative', title: yTitle, format: '.2%' },
          { field: 'lo', type: 'quantitative', title: L.lowerBound(interval), format: '.2%' },
          { field: 'hi', type: 'quantitative', title: L.upperBound(interval), format: '.2%' },
        ],
      },
    }),
  ];
  if (event) {
    layers.push({
      data: { values: [{ offset: 0 }] },
      mark: { type: 'rule', color: COLORS.event, strokeDash: [3, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'offset', type: 'ordinal' } },
    });
  }
  if (last) {
    layers.push({
      data: { values: [{ offset: last.offset, car: last.car }] },
      mark: { type: 'text', align: 'right', baseline: last.car < 0 ? 'top' : 'bottom', dy: last.car < 0 ? 8 : -8, color: COLORS.counterfactual, fontSize: 12 },
      encoding: {
        x: { field: 'offset', type: 'ordinal' },
        y: { field: 'car', type: 'quantitative' },
        text: { field: 'car', type: 'quantitative', format: '.2%' },
      },
    });
  }
  return {
    ...topLevel('car', lang, L.carTitle(symbol)),
    title: { text: L.carTitle(symbol), ...(event ? { subtitle: L.eventOn(formatDate(event.date, lang)) } : {}) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: layers,
  } as Spec;
}
