import { CHART_HEIGHT, CHART_WIDTH, COLORS, datedRows, inSeries, requireIsoDate, requireString, type Spec, topLevel } from './common.js';
import { checkLang, checkModel, formatDate, labels, levelText } from './i18n.js';
import { dateAxis } from './tradingAxis.js';
import type { PricePathInput } from './types.js';

/**
 * Observed close around the event with the model's counterfactual path and its band at `level`
 * (default 95 %), the model named in the title and legend (`model`, default the market model): an
 * area for the band, a dashed line for the counterfactual, a solid line with points for the
 * observed close, and a vertical rule on the event day. The x axis has one evenly spaced position
 * per trading day of the rows (see ./tradingAxis.ts): a weekend or a holiday between two sessions
 * is neither a slope nor a hole. Dates are plain ISO strings, so nothing depends on a time zone.
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
  const model = checkModel(input.model);
  const band = L.band(levelText(input.level ?? 0.95, lang));
  const counterfactual = L.counterfactualOf(model);
  const title = L.pricePathTitleFor(symbol, model);
  // One evenly spaced position per trading day (no weekend slope, no holiday hole), labelled `27 Jan`.
  const x = dateAxis([...rows.map((r) => r.date), eventDate], L.date, lang);
  const seriesDomain = [band, counterfactual, L.observedClose];
  const color = {
    scale: { domain: seriesDomain, range: [COLORS.band, COLORS.counterfactual, COLORS.observed] },
    legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const yTitle = L.closeUsd;
  return {
    ...topLevel('pricePath', lang, `${title}. ${L.eventOn(formatDate(eventDate, lang))}`),
    title: { text: title, subtitle: L.eventOn(formatDate(eventDate, lang)) },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: [
      inSeries(band, {
        mark: { type: 'area', opacity: 0.3 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: yTitle, scale: { zero: false } },
          y2: { field: 'hi' },
        },
      }, color),
      inSeries(counterfactual, {
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
            encoding: { x: { field: 'date', type: 'ordinal' } },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 5, y: 4, color: COLORS.event },
            encoding: { x: { field: 'date', type: 'ordinal' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as Spec;
}
