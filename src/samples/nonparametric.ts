// The nonparametric tests of the battery as small pure functions.
import { binomialCdfAt, normalTwoSidedP } from '../stats/distributions.js';
import { signedRank } from '../stats/signed-rank.js';
import type { Outcome } from './parametric.js';

/**
 * The sign test (the binomial test of a median of zero, as used in event studies since Brown &
 * Warner 1980): among the non-zero values (zeros are dropped, the usual treatment of ties
 * at the hypothesized median), the count of positives is Binomial(n, 1/2) under the null. The
 * statistic is the normal form `(n+ - n/2) / sqrt(n/4)`; the p-value is the exact two-sided
 * binomial one, `min(1, 2 min(P(X <= n+), P(X >= n+)))`, so it stays valid for small samples.
 *
 * @example
 * signTest([0.1, 0.2, 0.3], 3); // { stat: 1.732..., p: 0.25 }
 */
export function signTest(x: ArrayLike<number>, len: number): Outcome {
  let n = 0;
  let pos = 0;
  for (let i = 0; i < len; i++) {
    const v = x[i]!;
    if (v === v && v !== 0) {
      n++;
      if (v > 0) pos++;
    }
  }
  if (n === 0) return 'every value is zero';
  const stat = (pos - n / 2) / Math.sqrt(n / 4);
  const lower = binomialCdfAt(pos, n, 0.5);
  const upper = pos > 0 ? 1 - binomialCdfAt(pos - 1, n, 0.5) : 1;
  return { stat, p: Math.min(1, 2 * Math.min(lower, upper)) };
}

/**
 * Cowan's (1992, Review of Quantitative Finance and Accounting 2, 343-358) generalized sign
 * test: the number `w` of positive values (zero counts as not positive) against the fraction
 * `pHat` of positive abnormal returns expected from the estimation window,
 * `Z = (w - n pHat) / sqrt(n pHat (1 - pHat))`, standard normal.
 *
 * @example
 * generalizedSignTest([0.1, -0.2, 0.3], 3, 0.45); // w = 2
 */
export function generalizedSignTest(x: ArrayLike<number>, n: number, pHat: number): Outcome {
  if (n < 1) return 'no firm';
  if (!(pHat > 0 && pHat < 1)) return `the estimation-window fraction of positive abnormal returns is ${pHat}: zero variance`;
  let w = 0;
  for (let i = 0; i < n; i++) if (x[i]! > 0) w++;
  const stat = (w - n * pHat) / Math.sqrt(n * pHat * (1 - pHat));
  return { stat, p: normalTwoSidedP(stat) };
}

/**
 * Corrado's (1989, J. Financial Economics 23, 385-395) rank statistic over `L` days: the sum over
 * the days of the scaled mean centered rank `(1/sqrt(N_t)) sum_i (U_it - 1/2)` divided by
 * `sqrt(L)` times its time-series standard deviation `s` over the combined estimation and event
 * window (Cowan 1992 and Campbell & Wasley 1993 for windows and missing returns); standard normal.
 *
 * @example
 * corradoRankZ(0.3, 0.15, 1); // { stat: 2, p: 0.0455... }
 */
export function corradoRankZ(sumScaledMeanRanks: number, s: number, L: number): Outcome {
  if (!(s > 0)) return 'the ranks do not vary over the combined window';
  const stat = sumScaledMeanRanks / (Math.sqrt(L) * s);
  return { stat, p: normalTwoSidedP(stat) };
}

/**
 * Wilcoxon's (1945) signed-rank test of the `n` values: zeros dropped, ties given mid-ranks; the
 * statistic is the standardized `W+` (tie-corrected variance), the p-value exact up to 50
 * non-zero values and normal beyond (see `signedRank`).
 *
 * @example
 * wilcoxonTest([0.5, 1.2, -0.3, 0.8], 4); // { stat: 1.460..., p: 0.25 }
 */
export function wilcoxonTest(x: ArrayLike<number>, n: number): Outcome {
  const r = signedRank(x, n);
  if (r === null) return 'every value is zero';
  if (!Number.isFinite(r.z)) return 'the signed ranks do not vary';
  return { stat: r.z, p: r.p };
}
