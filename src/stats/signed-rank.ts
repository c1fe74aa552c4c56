// The null distribution of the Wilcoxon (1945) signed-rank statistic.
import { normalTwoSidedP } from './distributions.js';

/** Largest number of non-zero observations for which the exact distribution is used. */
export const SIGNED_RANK_EXACT_MAX = 50;

/** The signed-rank statistic, its standardized form and two-sided p. */
export interface SignedRankResult {
  /** W+ = sum of the (mid)ranks of |x| over the positive x. */
  wPlus: number;
  /** (W+ - n(n+1)/4) / sd, with the tie-corrected variance. */
  z: number;
  /** Two-sided p: exact (permutation distribution given the mid-ranks) when n <= 50, else normal. */
  p: number;
  /** Non-zero observations used (zeros are dropped). */
  n: number;
  exact: boolean;
}

/**
 * Wilcoxon (1945) signed-rank test of a zero centre, with zeros dropped and ties given mid-ranks
 * (Hollander & Wolfe, *Nonparametric Statistical Methods*, 2nd ed. 1999, §3.1, comments 6-7).
 * The p-value is exact for up to 50 non-zero values: the distribution of W+ when each mid-rank
 * enters with probability 1/2 independently (the conditional null distribution, which is the
 * classical Wilcoxon distribution when there are no ties), built by dynamic programming over
 * doubled ranks. Above 50, the normal approximation with the tie-corrected variance
 * `n(n+1)(2n+1)/24 - sum(t^3 - t)/48` and no continuity correction. Returns `null` when every
 * value is zero or missing.
 *
 * Only the first `len` entries of `x` are used.
 *
 * @example
 * signedRank([0.5, 1.2, -0.3, 0.8]); // { wPlus: 9, n: 4, exact: true, p: 0.25, ... }
 */
export function signedRank(x: ArrayLike<number>, len = x.length): SignedRankResult | null {
  if (absBuf.length < len) {
    absBuf = new Float64Array(len);
    sortedBuf = new Float64Array(len);
  }
  const abs = absBuf;
  const sorted = sortedBuf;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const v = x[i]!;
    if (v === v && v !== 0) abs[n++] = Math.abs(v);
  }
  if (n === 0) return null;
  // Sort a copy of |x| once; ties give the correction sum (t^3 - t).
  sorted.set(abs.subarray(0, n));
  const s = sorted.subarray(0, n).sort();
  let ties = 0;
  for (let k = 0; k < n; ) {
    let j = k + 1;
    while (j < n && s[j] === s[k]) j++;
    const t = j - k;
    if (t > 1) ties += t * t * t - t;
    k = j;
  }
  // Doubled mid-ranks (integers) by binary search: 2 * midrank = lo + 1 + hi.
  const doubled = (v: number): number => {
    let a = 0;
    let b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (s[m]! < v) a = m + 1;
      else b = m;
    }
    const lo = a;
    b = n;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (s[m]! <= v) a = m + 1;
      else b = m;
    }
    return lo + 1 + a;
  };
  let w2 = 0;
  const total2 = n * (n + 1);
  if (rankBuf.length < n) rankBuf = new Int32Array(Math.max(n, 2 * rankBuf.length));
  for (let i = 0, m = 0; i < len; i++) {
    const v = x[i]!;
    if (v === v && v !== 0) {
      const r2 = doubled(Math.abs(v));
      rankBuf[m++] = r2;
      if (v > 0) w2 += r2;
    }
  }
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  const wPlus = w2 / 2;
  const z = variance > 0 ? (wPlus - mean) / Math.sqrt(variance) : NaN;
  if (n <= SIGNED_RANK_EXACT_MAX) {
    if (distBuf.length < total2 + 1) distBuf = new Float64Array(total2 + 1);
    const f = distBuf;
    doubledRankDistribution(f, rankBuf, n);
    let lower = 0;
    for (let q = 0; q <= w2; q++) lower += f[q]!;
    let upper = 0;
    for (let q = w2; q <= total2; q++) upper += f[q]!;
    return { wPlus, z, p: Math.min(1, 2 * Math.min(lower, upper)), n, exact: true };
  }
  return { wPlus, z, p: normalTwoSidedP(z), n, exact: false };
}

/**
 * The null distribution of the doubled W+ of `n` non-zero values: `f[s]` = P(sum of the included
 * doubled (mid)ranks = s) for s = 0..n(n+1), each of `doubled[0..n)` included with probability 1/2
 * independently (dynamic programming, one rank at a time). Doubled mid-ranks of n values sum to
 * n(n+1); `f` needs n(n+1) + 1 entries and is overwritten there.
 */
export function doubledRankDistribution(f: Float64Array, doubled: ArrayLike<number>, n: number): void {
  f.fill(0, 0, n * (n + 1) + 1);
  f[0] = 1;
  let reach = 0;
  for (let i = 0; i < n; i++) {
    const r = doubled[i]!;
    reach += r;
    for (let q = reach; q >= r; q--) f[q] = 0.5 * (f[q]! + f[q - r]!);
    for (let q = r - 1; q >= 0; q--) f[q] = 0.5 * f[q]!;
  }
}

// Grow-only scratch buffers (the function is synchronous and not re-entrant).
let absBuf = new Float64Array(64);
let sortedBuf = new Float64Array(64);
let rankBuf = new Int32Array(64);
let distBuf = new Float64Array(1024);
