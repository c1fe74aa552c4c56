/**
 * The binomial distribution function, through the regularized incomplete beta function.
 */
import { betaFractionLambda, betaPowerTerms, productError } from './special.js';

/**
 * P(X ≤ k) for X ~ Binomial(n, p), with full relative precision in the lower tail (values down
 * to 1e-300 keep ~13 digits for n up to 1e5 and beyond).
 *
 * Conventions (those of @stdlib/stats-base-dists-binomial-cdf): NaN for a NaN argument, p
 * outside [0, 1], or n not a non-negative integer; 0 for k < 0; 1 for k ≥ n; a non-integer k is
 * rounded down (after adding 1e-7, so that 2.9999999999 counts as 3).
 *
 * Source: P(X ≤ k) = I_(1−p)(n − k, k + 1) = 1 − I_p(k + 1, n − k) (Abramowitz & Stegun 26.5.24),
 * with the power terms of Loader (2000) and DiDonato & Morris's continued fraction (TOMS 708
 * BFRAC) on the side of the mean where it converges; λ = (k + 1) − (n + 1)p is formed from the
 * exact product (Dekker 1971). k = 0 and k = n − 1 use (1 − p)^n and 1 − p^n.
 *
 * @example
 * binomialCdf(2, 10, 0.5);    // 0.054687500000000014  (56/1024 = 0.0546875)
 * binomialCdf(0, 100, 0.01);  // 0.3660323412732295
 * binomialCdf(10, 1000, 0.5); // 2.483338791489691e-278
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (Number.isNaN(k) || Number.isNaN(n) || Number.isNaN(p)) return NaN;
  if (p < 0 || p > 1 || !(n >= 0) || n === Infinity || Math.floor(n) !== n) return NaN;
  if (k < 0) return 0;
  if (k >= n) return 1;
  k = Math.floor(k + 1e-7);
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n - 1) return -Math.expm1(n * Math.log(p));
  const a = k + 1;
  const b = n - k;
  const s = a + b;
  const sp = s * p;
  // λ = a − (a + b) p = (a + b)(1 − p) − b: which side of the mean k + 1 lies on.
  const lambda = a - sp - productError(s, p, sp);
  const power = betaPowerTerms(a, b, p);
  const q = 1 - p;
  if (lambda >= 0) return 1 - power * betaFractionLambda(a, b, p, q, lambda);
  return power * betaFractionLambda(b, a, q, p, -lambda);
}
