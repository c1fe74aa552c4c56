import { clean, COLORS, datedRows, inSeries, extent, requireFinite, requireIsoDate, requireString, type Spec, topLevel } from './common.js';
import { checkLang, checkModel, NBSP, formatDate, formatNumber, labels } from './i18n.js';
import { UsageError } from '../errors.js';
import type { EstimationScatterInput } from './types.js';

/**
 * The estimation window as a scatter of the firm's daily returns against the market's, with the
 * model's line y = alpha + beta x drawn across the whole x range (event day included), and the
 * event day highlighted and labelled with its date and both returns. Percent axes. The line and
 * the subtitle follow `model`: the fitted line of the market model (default), the 45° line y = x
 * of the market-adjusted model, the horizontal line y = mean of the constant-mean model; the
 * Fama-French model has no such line (a UsageError).
 *
 * @example
 * const spec = estimationScatterChart({
 *   symbol: 'NVDA',
 *   market: 'SPY',
 *   points: [
 *     { date: '2024-07-24', x: -0.0228, y: -0.0677 },
 *     { date: '2024-07-25', x: -0.0048, y: -0.0174 },
 *     { date: '2024-07-26', x: 0.0113, y: 0.0111 },
 *   ],
 *   alpha: 0.0000936,
 *   beta: 2.649,
 *   event: { date: '2025-01-27', x: -0.01414, y: -0.16968 },
 * });
 */
export function estimationScatterChart(input: EstimationScatterInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const symbol = requireString(input.symbol, 'symbol');
  const market = requireString(input.market, 'market');
  const points = datedRows(input.points, ['x', 'y'], 'estimationScatterChart', symbol);
  const alpha = requireFinite(input.alpha, 'alpha', { symbol });
  const beta = requireFinite(input.beta, 'beta', { symbol });
  const model = checkModel(input.model);
  if (model === 'ff3') {
    throw new UsageError('estimationScatterChart: the Fama-French 3-factor model has no single line against one market (no scatter)', { symbol, field: 'model' });
  }
  const lineName = L.scatterLine[model];
  const ev = input.event;
  if (ev === null || typeof ev !== 'object') throw new UsageError('estimationScatterChart: event is required', { symbol, field: 'event' });
  const event = {
    date: requireIsoDate(ev.date, 'event.date', symbol),
    x: requireFinite(ev.x, 'event.x', { symbol, date: ev.date }),
    y: requireFinite(ev.y, 'event.y', { symbol, date: ev.date }),
  };
  const [x0, x1] = extent([...points.map((p) => p.x), event.x]);
  const line = [x0, x1].map((x) => ({ x: clean(x), y: clean(alpha + beta * x) }));
  const pct = (v: number) => formatNumber(v, lang, { style: 'percent', digits: 2 });
  const colon = lang === 'fr' ? `${NBSP}: ` : ': ';
  const eventLabel = `${formatDate(event.date, lang)}${colon}${symbol} ${pct(event.y)}, ${market} ${pct(event.x)}`;
  // Put the label on the side of the point that faces the middle of the plot.
  const [xmin, xmax] = [Math.min(x0, 0), Math.max(x1, 0)];
  const leftHalf = event.x < (xmin + xmax) / 2;
  const xAxis = { field: 'x', type: 'quantitative' as const, title: L.dailyReturnOf(market), axis: { format: '%' } };
  const yAxis = { field: 'y', type: 'quantitative' as const, title: L.dailyReturnOf(symbol), axis: { format: '%' } };
  const alphaText = formatNumber(alpha, lang, { style: 'percent', digits: 3 });
  const betaText = formatNumber(beta, lang, { digits: 3 });
  const color = {
    scale: { domain: [L.estimationDays, lineName, L.event], range: [COLORS.point, COLORS.counterfactual, COLORS.event] },
    legend: { title: null, symbolOpacity: 1 },
  };
  return {
    ...topLevel('estimationScatter', lang, L.scatterTitle(symbol, market)),
    title: { text: L.scatterTitle(symbol, market), subtitle: L.scatterSubtitle(model, alphaText, betaText, points.length) },
    width: 520,
    height: 400,
    data: { values: points },
    layer: [
      inSeries(L.estimationDays, {
        mark: { type: 'point', filled: true, opacity: 0.55, size: 28 },
        encoding: {
          x: xAxis,
          y: yAxis,
          tooltip: [
            { field: 'date', type: 'nominal', title: L.date },
            { field: 'x', type: 'quantitative', title: market, format: '.2%' },
            { field: 'y', type: 'quantitative', title: symbol, format: '.2%' },
          ],
        },
      }, color),
      inSeries(lineName, {
        data: { values: line },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x: xAxis, y: yAxis },
      }),
      {
        data: { values: [{ ...event, label: eventLabel }] },
        layer: [
          inSeries(L.event, {
            mark: { type: 'point', filled: true, size: 110, shape: 'diamond', opacity: 1 },
            encoding: { x: xAxis, y: yAxis },
          }),
          {
            mark: {
              type: 'text',
              align: leftHalf ? 'left' : 'right',
              dx: leftHalf ? 10 : -10,
              baseline: 'middle',
              color: COLORS.event,
            },
            encoding: { x: xAxis, y: yAxis, text: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    ],
  } as Spec;
}
