/**
 * Summaries of simulated values: percentiles and binomial intervals of a rejection rate. Built on
 * the distribution functions of `src/stats`.
 *
 * @module
 */
import { binomialCdfAt } from '../stats/distributions.js';

/**
 * The `p`-quantile of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan 1996, "Sample quantiles in statistical packages", The American Statistician
 * 50(4), definition 7; numpy's and R's default): `h = (n - 1) p`, `x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h])`.
 *
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** p05, p50 and p95 of some values (sorted in place when a Float64Array is given). */
export interface Percentiles {
  p05: number;
  p50: number;
  p95: number;
}

/** p05, p50, p95 (Hyndman & Fan definition 7) of `values`, which are sorted in place. */
export function percentiles(values: Float64Array): Percentiles {
  values.sort();
  return { p05: quantileSorted(values, 0.05), p50: quantileSorted(values, 0.5), p95: quantileSorted(values, 0.95) };
}

/**
 * The Clopper-Pearson ("exact") interval of a binomial proportion at `level` (Clopper & Pearson
 * 1934, Biometrika 26(4), 404-413): the `p` for which observing `x` of `n` is not rejected by
 * either one-sided exact test at `(1 - level)/2`: lower bound solves `P(X >= x | p) = (1-level)/2`,
 * upper bound `P(X <= x | p) = (1-level)/2` (0 and 1 at the edges), found by bisection on the
 * binomial CDF. Conservative: its coverage is at least `level`.
 *
 * @example
 * clopperPearson(50, 1000, 0.95); // [0.0373..., 0.0654...]
 */
export function clopperPearson(x: number, n: number, level = 0.95): [number, number] {
  if (!(n > 0) || x < 0 || x > n) return [NaN, NaN];
  const a = (1 - level) / 2;
  /**
   * The p in (0, 1) where the increasing function f reaches `target`, by bisection: at most 100
   * halvings, stopping early once a halving changes neither end (the next midpoint would be the
   * same, so would every later step: the result is the 100-step one, after ~60 steps).
   */
  const solve = (f: (p: number) => number, target: number): number => {
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 100; k++) {
      const mid = (lo + hi) / 2;
      if (f(mid) < target) {
        if (mid === lo) break;
        lo = mid;
      } else {
        if (mid === hi) break;
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  };
  // P(X >= x | p) = 1 - F(x - 1; p) increases with p.
  const lower = x === 0 ? 0 : solve((p) => 1 - binomialCdfAt(x - 1, n, p), a);
  // P(X <= x | p) = F(x; p) decreases with p: solve 1 - F(x; p) = 1 - a.
  const upper = x === n ? 1 : solve((p) => 1 - binomialCdfAt(x, n, p), 1 - a);
  return [lower, upper];
}
