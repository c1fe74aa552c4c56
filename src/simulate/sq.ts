/**
 * Single-firm inference without normality: the SQ ("sample quantile") test of Gelbach, Helland &
 * Klick (2013, "Valid inference in single-firm, single-event studies", American Law and Economics
 * Review 15(2), 495-541), and a bootstrap percentile interval for the CAR.
 *
 * The SQ test compares the event-day abnormal return with the empirical distribution of the
 * estimation window's fitted excess returns (the model's residuals): at level alpha, two-sided, it
 * rejects when the abnormal return lies below the alpha/2 sample quantile or above the
 * 1 - alpha/2 one. Its type I error rate is asymptotically exact whatever the distribution of the
 * returns, where the t test assumes normality (GHK's abstract and §3-4).
 *
 * Quantiles are order statistics (the inverse of the empirical CDF, Hyndman & Fan 1996
 * definition 1): `Q(p) = x_(ceil(n p))`. The two-sided empirical p-value is
 * `min(1, 2 min(#{x <= v}, #{x >= v}) / n)`; rejecting when `v < Q(alpha/2)` or
 * `v > Q(1 - alpha/2)` is the same as `p < alpha` (up to ties).
 *
 * **The CAR over L days.** The reference distribution of an L-day CAR implemented here is the
 * empirical distribution of the sums of L consecutive estimation residuals (the n - L + 1
 * overlapping L-day windows of the estimation period), which keeps whatever serial dependence and
 * volatility clustering the residuals have. GHK's own definition for multi-day windows could not
 * be read here (only the article's abstract was available); a reader who holds the article should
 * check it against this construction. The bootstrap interval below, which sums L residuals drawn
 * independently, is the alternative that assumes independent days.
 *
 * @module
 */
import { UsageError } from '../errors.js';

/** The SQ test of one value against a reference sample. */
export interface SqResult {
  /** The value tested (an abnormal return or a CAR). */
  value: number;
  /** Size of the reference sample (estimation days, or L-day windows). */
  n: number;
  /** Level of the two-sided test. */
  alpha: number;
  /** Critical values: the alpha/2 and 1 - alpha/2 sample quantiles (order statistics). */
  lower: number;
  upper: number;
  /** Empirical two-sided p-value, `min(1, 2 min(#{x <= v}, #{x >= v}) / n)`. */
  p: number;
  /** Empirical CDF at the value, `#{x <= v} / n`. */
  quantile: number;
  /** Whether the test rejects at alpha: `value < lower` or `value > upper`. */
  reject: boolean;
}

/**
 * The SQ test of `value` against the sample `reference` (Gelbach, Helland & Klick 2013).
 *
 * @example
 * sqTest([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6], -4, 0.2);
 * // { lower: -3, upper: 6, p: 0, reject: true, ... }
 */
export function sqTest(reference: ArrayLike<number>, value: number, alpha = 0.05): SqResult {
  const n = reference.length;
  if (n < 1) throw new UsageError('the SQ test needs at least one reference value');
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`the SQ test's level ${alpha} must be between 0 and 1`);
  if (!Number.isFinite(value)) throw new UsageError(`the SQ test's value ${value} is not a finite number`);
  const x = Float64Array.from(reference);
  for (const v of x) if (!Number.isFinite(v)) throw new UsageError('the SQ test\'s reference sample has a value that is not a finite number');
  x.sort();
  // Order statistics x_(ceil(n p)), 1-based; the upper one mirrors the lower.
  const j = Math.max(1, Math.ceil(n * (alpha / 2) - 1e-12));
  const lower = x[j - 1]!;
  const upper = x[n - j]!;
  let below = 0;
  let above = 0;
  for (const v of x) {
    if (v <= value) below++;
    if (v >= value) above++;
  }
  return {
    value,
    n,
    alpha,
    lower,
    upper,
    p: Math.min(1, (2 * Math.min(below, above)) / n),
    quantile: below / n,
    reject: value < lower || value > upper,
  };
}

/**
 * The sums of `L` consecutive values of `residuals` (the n - L + 1 overlapping windows), the
 * reference sample of an L-day CAR in the SQ test (see the module comment).
 *
 * @example
 * windowSums([1, 2, 3, 4], 2); // Float64Array [3, 5, 7]
 */
export function windowSums(residuals: ArrayLike<number>, L: number): Float64Array {
  const n = residuals.length;
  if (!Number.isInteger(L) || L < 1 || L > n) throw new UsageError(`a window of ${L} days cannot be summed over ${n} estimation residuals`);
  const out = new Float64Array(n - L + 1);
  for (let a = 0; a + L <= n; a++) {
    let s = 0;
    for (let q = a; q < a + L; q++) s += residuals[q]!;
    out[a] = s;
  }
  return out;
}

/**
 * The SQ test of a CAR over `L` days: `car` against the sums of L consecutive estimation
 * residuals. With L = 1 it is the single-day SQ test.
 *
 * @example
 * sqCarTest(residuals, -0.12, 3); // the CAR of [-1, 1] against 3-day sums of residuals
 */
export function sqCarTest(residuals: ArrayLike<number>, car: number, L: number, alpha = 0.05): SqResult {
  return sqTest(windowSums(residuals, L), car, alpha);
}
