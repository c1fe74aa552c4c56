import type { PriceRow, PriceSeries } from './types.js';

/** Which column returns are computed on. */
export type PriceBasis = 'adj_close' | 'close';

/**
 * The column a series' returns use: `adj_close` when the source recorded it, else `close`
 * (for index levels and files without adjusted prices). One basis per series, never mixed:
 * a row lacking the chosen column is a gap.
 */
export function priceBasis(series: PriceSeries): PriceBasis {
  return series.rows.some((r) => r.adjClose !== null) ? 'adj_close' : 'close';
}

/** The prices on a basis, row by row (`null` where the row lacks that column). */
export function basisPrices(rows: readonly PriceRow[], basis: PriceBasis): (number | null)[] {
  return rows.map((r) => (basis === 'adj_close' ? r.adjClose : r.close));
}

/**
 * The dates present in every list, ascending. Each list must itself be ascending (validated
 * series are).
 *
 * @example
 * commonDates(['2025-01-24', '2025-01-27'], ['2025-01-27']); // ['2025-01-27']
 */
export function commonDates(...lists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  const sets = rest.map((l) => new Set(l));
  return first.filter((d) => sets.every((s) => s.has(d)));
}

/** The rows of a series on the given dates (which must all be present). */
export function rowsOn(series: PriceSeries, dates: readonly string[]): PriceRow[] {
  const byDate = new Map(series.rows.map((r) => [r.date, r]));
  return dates.map((d) => {
    const row = byDate.get(d);
    if (!row) throw new Error(`internal: ${series.symbol} has no row on ${d}`);
    return row;
  });
}
