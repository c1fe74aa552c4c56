import { UsageError } from '../errors.js';
import { COLORS, barsHeight, requireFinite, requireRows, requireString, topLevel, type Spec } from './common.js';
import { checkLang, labels } from './i18n.js';
import type { PeersInput } from './types.js';

/**
 * Peers' event-day returns as horizontal bars sorted from the worst to the best; when some rows
 * carry an abnormal return (`ar`), each peer gets two bars side by side (return and abnormal
 * return). Every bar is labelled with its value; percent x axis.
 *
 * @example
 * const spec = peersChart({
 *   rows: [
 *     { symbol: 'AVGO', ret: -0.1734, ar: -0.1391 },
 *     { symbol: 'MSFT', ret: -0.0214, ar: -0.0068 },
 *     { symbol: 'META', ret: 0.0191 },
 *   ],
 *   lang: 'fr',
 * });
 */
export function peersChart(input: PeersInput): Spec {
  const lang = checkLang(input.lang);
  const L = labels(lang);
  const title = input.title === undefined ? L.peersTitle : requireString(input.title, 'title');
  const seen = new Set<string>();
  const rows = requireRows(input.rows, 'peersChart').map((r, i) => {
    const symbol = requireString(r.symbol, `rows[${i}].symbol`);
    if (seen.has(symbol)) throw new UsageError(`peersChart: ${symbol} appears twice`, { symbol });
    seen.add(symbol);
    return {
      symbol,
      ret: requireFinite(r.ret, 'ret', { symbol }),
      ar: r.ar === undefined || r.ar === null ? undefined : requireFinite(r.ar, 'ar', { symbol }),
    };
  });
  // Worst first; ties by symbol so the order never depends on the input order.
  rows.sort((a, b) => a.ret - b.ret || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const hasAr = rows.some((r) => r.ar !== undefined);
  const values = rows.flatMap((r) => [
    { symbol: r.symbol, measure: L.rawReturn, value: r.ret },
    ...(r.ar !== undefined ? [{ symbol: r.symbol, measure: L.abnormalReturn, value: r.ar }] : []),
  ]);
  const y = { field: 'symbol', type: 'nominal' as const, sort: rows.map((r) => r.symbol), title: L.symbol };
  const measures = hasAr ? [L.rawReturn, L.abnormalReturn] : [L.rawReturn];
  const yOffset = hasAr ? { yOffset: { field: 'measure', type: 'nominal' as const, sort: measures } } : {};
  const xTitle = L.eventDayReturn;
  const labelLayer = (positive: boolean) => ({
    transform: [{ filter: positive ? 'datum.value >= 0' : 'datum.value < 0' }],
    mark: {
      type: 'text',
      align: positive ? 'left' : 'right',
      dx: positive ? 4 : -4,
      baseline: 'middle',
      fontSize: hasAr ? 9.5 : 10,
      color: '#222222',
    },
    encoding: { y, ...yOffset, x: { field: 'value', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: '.1%' } },
  });
  return {
    ...topLevel('peers', lang, title),
    title: { text: title },
    width: 560,
    height: barsHeight(rows.length, hasAr ? 34 : 22),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          ...yOffset,
          x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: '%' }, scale: { padding: 44 } },
          color: {
            field: 'measure',
            type: 'nominal',
            title: null,
            scale: { domain: measures, range: hasAr ? [COLORS.ret, COLORS.ar] : [COLORS.ret] },
            ...(hasAr ? {} : { legend: null }),
          },
          tooltip: [
            { field: 'symbol', type: 'nominal', title: L.symbol },
            { field: 'measure', type: 'nominal', title: L.measure },
            { field: 'value', type: 'quantitative', title: xTitle, format: '.2%' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#444444' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      labelLayer(true),
      labelLayer(false),
    ],
  } as Spec;
}
