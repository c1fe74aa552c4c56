import { CHART_HEIGHT, CHART_WIDTH, COLORS, datedRows, requireString, type Spec, topLevel } from './common.js';
import { checkLang, formatDate, labels, levelText } from './i18n.js';
import { offsetAxis } from './tradingAxis.js';
import type { AbnormalReturnsInput } from './types.js';

/**
 * Daily abnormal returns around the event as bars (the event day, offset 0, in the event
 * colour and labelled with its value), each with its interval at `level` (default 95 %) as an error bar, on a
 * percent axis. The x axis is the trading-day offset to the event, one band per trading day,
 * each labelled with its offset and short date.
 *
 * @example
 * const spec = abnormalReturnsChart({
 *   symbol: 'NVDA',
 *   rows: [
 *     { date: '2025-01-24', offset: -1, ar: -0.0341, lo: -0.0454, hi: 0.0454 },
 *     { date: '2025-01-27', offset: 0, ar: -0.1313, lo: -0.0454, hi: 0.0454 },
 *   ],
 * });
 */
export function abnormalReturnsChart(input: AbnormalReturnsInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const rows = datedRows(input.rows, ['offset', 'ar', 'lo', 'hi'], 'abnormalReturnsChart', symbol).map((r) => ({
    ...r,
    kind: r.offset === 0 ? L.eventDay : L.otherDays,
  }));
  const event = rows.find((r) => r.offset === 0);
  const interval = L.interval(levelText(input.level ?? 0.95, lang));
  // One bar per trading day, in order, labelled with the offset over the short date (`−1` / `24 Jan`).
  const x = offsetAxis(rows, L.tradingDayRel(event ? formatDate(event.date, lang) : undefined), lang, 'band');
  const yTitle = L.abnormalReturn;
  const layers: unknown[] = [
    {
      mark: { type: 'bar', width: { band: 0.7 } },
      encoding: {
        x,
        y: { field: 'ar', type: 'quantitative', title: yTitle, axis: { format: '%' }, scale: { padding: 18 } },
        color: {
          field: 'kind',
          type: 'nominal',
          title: null,
          scale: { domain: [L.eventDay, L.otherDays, interval], range: [COLORS.event, COLORS.bar, '#222222'] },
          legend: { symbolType: 'square', symbolOpacity: 1 },
        },
        tooltip: [
          { field: 'date', type: 'nominal', title: L.date },
          { field: 'offset', type: 'quantitative', title: L.offset },
          { field: 'ar', type: 'quantitative', title: yTitle, format: '.2%' },
          { field: 'lo', type: 'quantitative', title: L.lowerBound(interval), format: '.2%' },
          { field: 'hi', type: 'quantitative', title: L.upperBound(interval), format: '.2%' },
        ],
      },
    },
    {
      mark: { type: 'errorbar', ticks: { width: 8 }, thickness: 1.5, opacity: 1 },
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative', title: yTitle },
        y2: { field: 'hi' },
        color: { datum: interval, type: 'nominal' },
      },
    },
    {
      mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
  ];
  if (event) {
    const below = event.ar < 0;
    layers.push({
      data: { values: [{ offset: event.offset, ar: event.ar, y: below ? Math.min(event.ar, event.lo) : Math.max(event.ar, event.hi) }] },
      mark: {
        type: 'text',
        baseline: below ? 'top' : 'bottom',
        dy: below ? 4 : -4,
        color: COLORS.event,
        fontSize: 12,
      },
      encoding: {
        x: { field: 'offset', type: 'ordinal' },
        y: { field: 'y', type: 'quantitative' },
        text: { field: 'ar', type: 'quantitative', format: '.2%' },
      },
    });
  }
  return {
    ...topLevel('abnormalReturns', lang, L.abnormalReturnsTitle(symbol)),
    title: { text: L.abnormalReturnsTitle(symbol), ...(event ? { subtitle: L.eventOn(formatDate(event.date, lang)) } : {}) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: layers,
  } as Spec;
}
