// The tests' distributions. Our own implementations (student-t.ts, normal.ts, binomial.ts,
// special.ts; methods and sources in docs/distributions.md) give @stdlib's numbers to 1e-12
// relative over df 1..1e6 including far tails (tests/distributions-accuracy.test.ts, with @stdlib
// and scipy/mpmath as oracles) and cost ~1 ms to load instead of @stdlib's 120-300 ms.
import { binomialCdf } from './binomial.js';
import { normalCdf } from './normal.js';
import { tCdf, tQuantile } from './student-t.js';

/** A test statistic and its two-sided p-value. */
export interface TestResult {
  stat: number;
  p: number;
}

/**
 * Two-sided p-value of a Student t statistic with `df` degrees of freedom,
 * `2 * F(-|t|)` (computed in the lower tail so that tiny p-values keep their precision).
 *
 * @example
 * studentTwoSidedP(2.0, 10); // 0.07338803477...
 */
export function studentTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * normalCdf(-Math.abs(z));
}

/**
 * The Student t quantile `q` such that `P(T <= q) = prob`.
 *
 * @example
 * studentQuantile(0.975, 248); // 1.969575...
 */
export function studentQuantile(prob: number, df: number): number {
  return tQuantile(prob, df);
}

/** `P(X <= k)` for `X ~ Binomial(n, p)`. */
export function binomialCdfAt(k: number, n: number, p: number): number {
  return binomialCdf(k, n, p);
}

/**
 * A t-test of `value / se` and the two-sided confidence interval `value ± q * se` with
 * `q = t_{df}^{-1}((1 + level) / 2)`.
 */
export function tInference(value: number, se: number, df: number, level: number) {
  const t = value / se;
  const q = criticalT(df, level);
  return { se, t, p: studentTwoSidedP(t, df), lo: value - q * se, hi: value + q * se };
}

/** The last critical values asked for: a study asks for the same (df, level) dozens of times. */
const critical = new Map<string, number>();

/**
 * The two-sided critical value `t_{df}^{-1}((1 + level) / 2)`, remembered per (df, level).
 *
 * @example
 * criticalT(248, 0.95); // 1.969575...
 */
export function criticalT(df: number, level: number): number {
  const key = `${df}|${level}`;
  let q = critical.get(key);
  if (q === undefined) {
    q = studentQuantile((1 + level) / 2, df);
    if (critical.size >= 256) critical.clear();
    critical.set(key, q);
  }
  return q;
}
