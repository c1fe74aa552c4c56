import { CHART_HEIGHT, CHART_WIDTH, COLORS, datedRows, inSeries, requireIsoDate, requireString, type Spec, topLevel } from './common.js';
import { checkLang, formatDate, labels } from './i18n.js';
import type { PricePathInput } from './types.js';

/**
 * Observed close around the event with the model's counterfactual path and its 95 % band: an
 * area for the band, a dashed line for the counterfactual, a solid line with points for the
 * observed close, and a vertical rule on the event day. Dates are read and drawn in UTC, so the
 * picture does not depend on the machine's time zone.
 *
 * @example
 * const spec = pricePathChart({
 *   symbol: 'NVDA',
 *   eventDate: '2025-01-27',
 *   rows: [
 *     { date: '2025-01-24', offset: -1, close: 142.62, counterfactual: 142.62, lo: 142.62, hi: 142.62 },
 *     { date: '2025-01-27', offset: 0, close: 118.42, counterfactual: 139.95, lo: 132.1, hi: 147.8 },
 *   ],
 *   lang: 'fr',
 * });
 * const svg = await toSvg(spec);
 */
export function pricePathChart(input: PricePathInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const eventDate = requireIsoDate(input.eventDate, 'eventDate', symbol);
  const rows = datedRows(input.rows, ['offset', 'close', 'counterfactual', 'lo', 'hi'], 'pricePathChart', symbol);
  const x = {
    field: 'date',
    type: 'temporal' as const,
    title: L.date,
    scale: { type: 'utc' as const },
    axis: { format: '%-d %b', labelAngle: 0, labelOverlap: true, tickCount: 8 },
  };
  const seriesDomain = [L.band95, L.counterfactual, L.observedClose];
  const color = {
    scale: { domain: seriesDomain, range: [COLORS.band, COLORS.counterfactual, COLORS.observed] },
    legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const yTitle = L.closeUsd;
  return {
    ...topLevel('pricePath', lang, `${L.pricePathTitle(symbol)}. ${L.eventOn(formatDate(eventDate, lang))}`),
    title: { text: L.pricePathTitle(symbol), subtitle: L.eventOn(formatDate(eventDate, lang)) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: [
      inSeries(L.band95, {
        mark: { type: 'area', opacity: 0.3 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: yTitle, scale: { zero: false } },
          y2: { field: 'hi' },
        },
      }, color),
      inSeries(L.counterfactual, {
        mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'counterfactual', type: 'quantitative', title: yTitle },
        },
      }),
      inSeries(L.observedClose, {
        mark: { type: 'line', strokeWidth: 2.5, point: { size: 30 } },
        encoding: {
          x,
          y: { field: 'close', type: 'quantitative', title: yTitle },
        },
      }),
      {
        data: { values: [{ date: eventDate, label: `${L.event} · ${formatDate(eventDate, lang)}` }] },
        layer: [
          {
            mark: { type: 'rule', color: COLORS.event, strokeDash: [3, 3], strokeWidth: 1.5 },
            encoding: { x: { field: 'date', type: 'temporal', scale: { type: 'utc' } } },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 5, y: 4, color: COLORS.event },
            encoding: { x: { field: 'date', type: 'temporal', scale: { type: 'utc' } }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as Spec;
}
