// The parametric tests of the battery as small pure functions over plain numbers and arrays.
// Each returns a `TestResult` or, when the test cannot be computed, a string giving the reason
// (the battery turns it into `null` plus a note).
import { normalTwoSidedP, studentTwoSidedP, type TestResult } from '../stats/distributions.js';

/** A test result, or the reason it cannot be computed. */
export type Outcome = TestResult | string;

/** Sample mean and standard deviation (divisor n - 1) of the first `n` entries of `x`. */
export function meanSd(x: ArrayLike<number>, n: number): { mean: number; sd: number } {
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    ss += d * d;
  }
  return { mean: m, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/**
 * Brown & Warner's portfolio t-test with the "crude dependence adjustment"
 * (Brown & Warner 1980, J. Financial Economics 8, 205-258, appendix; Brown & Warner 1985,
 * J. Financial Economics 14, 3-31, §2.3): the mean abnormal return of the portfolio of sample
 * firms over `L` days, divided by `sqrt(L)` times the time-series standard deviation `sd` of the
 * portfolio's mean abnormal return over `T` estimation days (divisor T - 1), Student t with
 * T - 1 degrees of freedom.
 *
 * @example
 * portfolioT(0.02, 0.01, 100, 1); // { stat: 2, p: 0.0482... }
 */
export function portfolioT(portfolioMean: number, sd: number, T: number, L: number): Outcome {
  if (T < 2) return `needs at least two estimation days with a portfolio mean (${T})`;
  if (!(sd > 0)) return 'the portfolio mean abnormal return does not vary over the estimation window';
  const stat = portfolioMean / (Math.sqrt(L) * sd);
  return { stat, p: studentTwoSidedP(stat, T - 1) };
}

/**
 * The cross-sectional t-test (Boehmer, Musumeci & Poulsen 1991, J. Financial Economics 30,
 * 253-272, their "ordinary cross-sectional" test): mean of the `n` values over its standard
 * error `s / sqrt(n)` (sample standard deviation, divisor n - 1), Student t with n - 1 degrees of
 * freedom. Applied to event-day abnormal returns it is the cross-sectional test; applied to
 * standardized abnormal returns it is the BMP test.
 *
 * @example
 * crossSectionalT([0.01, 0.03, 0.02], 3); // { stat: 3.464..., p: 0.0742... }
 */
export function crossSectionalT(x: ArrayLike<number>, n: number): Outcome {
  if (n < 2) return `needs at least two firms (${n})`;
  const { mean, sd } = meanSd(x, n);
  if (!(sd > 0)) return 'the values are all equal: zero cross-sectional variance';
  const stat = mean / (sd / Math.sqrt(n));
  return { stat, p: studentTwoSidedP(stat, n - 1) };
}

/**
 * Patell's (1976, J. Accounting Research 14, 246-276) standardized residual test: the sum of the
 * standardized abnormal returns (each divided by its forecast-error-corrected standard error)
 * over firms (and days, for a window) divided by the square root of the sum of their variances
 * `df_i / (df_i - 2)` (a standardized residual is Student t with df_i degrees of freedom);
 * standard normal.
 *
 * @example
 * patellZ(3.2, 3 * 1.5); // { stat: 1.508..., p: 0.131... }
 */
export function patellZ(sumStandardized: number, sumVariance: number): Outcome {
  if (!(sumVariance > 0)) return 'no standardized abnormal return';
  const stat = sumStandardized / Math.sqrt(sumVariance);
  return { stat, p: normalTwoSidedP(stat) };
}

/**
 * Kolari & Pynnönen's (2010, Review of Financial Studies 23, 3996-4025) adjustment of
 * the BMP statistic for cross-correlation: `t_BMP * sqrt((1 - r) / (1 + (n - 1) r))` with `r` the
 * average pairwise correlation of the firms' abnormal returns; Student t with n - 1 degrees of
 * freedom, as the BMP statistic it rescales.
 *
 * @example
 * kolariPynnonenT({ stat: 3, p: 0.01 }, 10, 0.1); // stat = 3 * sqrt(0.9 / 1.9)
 */
export function kolariPynnonenT(bmp: TestResult, n: number, rBar: number): Outcome {
  if (!Number.isFinite(rBar)) return 'the average cross-correlation cannot be estimated';
  const denom = 1 + (n - 1) * rBar;
  if (!(denom > 0) || !(rBar < 1)) return `the average cross-correlation ${rBar} leaves no variance (1 + (n - 1) r <= 0 or r >= 1)`;
  const stat = bmp.stat * Math.sqrt((1 - rBar) / denom);
  return { stat, p: studentTwoSidedP(stat, n - 1) };
}
