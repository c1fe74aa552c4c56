/** Simple or continuously compounded (log) returns. */
export type ReturnKind = 'simple' | 'log';

/** The return kinds, for validation and help texts. */
export const RETURN_KINDS: readonly ReturnKind[] = ['simple', 'log'];

/**
 * Period returns of a price list: `P_t / P_{t-1} - 1` (simple) or `ln(P_t / P_{t-1})` (log).
 * The first element, and any element next to a missing price, is `null` (a gap, never a zero).
 *
 * Source: Campbell, Lo & MacKinlay (1997), *The Econometrics of Financial Markets*, eq. 1.4.1
 * and 1.4.4.
 *
 * @example
 * returns([142.62, 118.42]);        // [null, -0.16968166...]
 * returns([100, 110], 'log');       // [null, 0.0953101798...]
 */
export function returns(prices: readonly (number | null)[], kind: ReturnKind = 'simple'): (number | null)[] {
  return prices.map((p, i) => {
    const prev = i > 0 ? prices[i - 1] : null;
    if (p === null || p === undefined || prev === null || prev === undefined) return null;
    return kind === 'log' ? Math.log(p / prev) : p / prev - 1;
  });
}

/**
 * How a return that would span a missing price is treated: `drop` leaves it out (NaN: the day
 * after a gap has no return), `multi-day` computes it from the last price before the gap and
 * assigns it to the later date (estudy2's `multi_day = TRUE`). The return ON a day without a
 * price is missing either way.
 */
export type GapPolicy = 'drop' | 'multi-day';

/** The gap policies, for validation and help texts. */
export const GAP_POLICIES: readonly GapPolicy[] = ['drop', 'multi-day'];

/**
 * {@link returns} on a typed array, with `NaN` for a missing price (the first element is always
 * `NaN`). After a missing price, `drop` (default) gives `NaN` too, and `multi-day` gives the
 * return since the last known price. The same arithmetic as `returns`, so the same numbers.
 *
 * @example
 * priceReturns(Float64Array.of(142.62, 118.42)); // Float64Array [NaN, -0.16968166...]
 * priceReturns(Float64Array.of(100, NaN, 121), 'simple', 'multi-day'); // [NaN, NaN, 0.21]
 */
export function priceReturns(prices: Float64Array, kind: ReturnKind = 'simple', gaps: GapPolicy = 'drop'): Float64Array {
  const out = new Float64Array(prices.length);
  out[0] = NaN;
  let last = prices[0]!;
  for (let i = 1; i < prices.length; i++) {
    const p = prices[i]!;
    const prev = gaps === 'multi-day' ? last : prices[i - 1]!;
    out[i] = kind === 'log' ? Math.log(p / prev) : p / prev - 1; // NaN in, NaN out: a gap stays a gap
    if (!Number.isNaN(p)) last = p;
  }
  return out;
}

/**
 * Compound a list of period returns into one holding-period return:
 * `prod(1 + r) - 1` for simple returns, `exp(sum r) - 1` for log returns.
 *
 * @example
 * compound([0.1, -0.1]); // -0.01 (up to rounding)
 */
export function compound(rs: readonly number[], kind: ReturnKind = 'simple'): number {
  if (kind === 'log') return Math.expm1(rs.reduce((a, r) => a + r, 0));
  return rs.reduce((a, r) => a * (1 + r), 1) - 1;
}
