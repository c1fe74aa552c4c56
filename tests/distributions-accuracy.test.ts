/**
 * Our Student t, normal and binomial distribution functions (src/stats/student-t.ts, normal.ts,
 * binomial.ts, special.ts) against three oracles:
 * - @stdlib (the implementation they replace), on dense grids, to a relative 1e-12;
 * - 40-digit mpmath (tests/reference/distributions.json, made by
 *   scripts/distributions-reference.py), which also settles every point where @stdlib and ours
 *   differ by more than 1e-12: each such point must be in the reference, ours must match
 *   mpmath and @stdlib must not (so the difference is @stdlib's error, shown, not waived);
 * - closed forms and textbook values that depend on neither.
 * Values below 1e-300 are not compared (both sides may underflow differently).
 */
import { readFileSync } from 'node:fs';
import stdlibBinomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import stdlibNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import stdlibTCdf from '@stdlib/stats-base-dists-t-cdf';
import stdlibTQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { binomialCdf } from '../src/stats/binomial.js';
import { normalCdf, normalQuantile } from '../src/stats/normal.js';
import { betaIncReg, gammaRatioHalf, lnBeta, lnGamma, stirlingError } from '../src/stats/special.js';
import { tCdf, tQuantile } from '../src/stats/student-t.js';

type Row = number[];
interface Reference {
  tCdf: Row[];
  tQuantile: Row[];
  normalCdf: Row[];
  normalQuantile: Row[];
  binomialCdf: Row[];
  special: { lnGamma: Row[]; gammaRatioHalf: Row[]; lnBeta: Row[]; betaIncReg: Row[] };
}
const REF = JSON.parse(readFileSync(new URL('./reference/distributions.json', import.meta.url), 'utf8')) as Reference;

/** The bound every comparison with @stdlib must meet. */
const BOUND = 1e-12;
/** Below this both implementations may underflow differently: not compared. */
const TINY = 1e-300;

/** |a − b| / |b|; 0 when equal (also for equal infinities); Infinity when exactly one is NaN. */
function rel(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  return Math.abs(a - b) / Math.abs(b);
}

/** The reference rows of one function, by their inputs. */
function refMap(rows: Row[]): Map<string, number> {
  return new Map(rows.map((r) => [r.slice(0, -1).join(','), r[r.length - 1] as number]));
}

interface Comparison {
  /** Points compared with @stdlib (both values above TINY, or either). */
  compared: number;
  /** Largest relative difference from @stdlib outside the proven @stdlib errors, and where. */
  worst: number;
  worstAt: number[];
  /** Points where @stdlib is more than 1e-12 off mpmath and ours is not. */
  stdlibErrors: { at: number[]; stdlibError: number; ourError: number }[];
  /** Points differing from @stdlib by more than 1e-12 that the reference cannot settle. */
  unexplained: { at: number[]; ours: number; stdlib: number; mpmath?: number }[];
}

/**
 * Compares `ours` with `stdlib` at every point; a difference above BOUND is accepted only as a
 * proven @stdlib error: the point is in the mpmath reference, ours is within `ourTolerance` of
 * it and @stdlib is more than BOUND away.
 */
function compareWithStdlib(
  points: number[][],
  ours: (...args: number[]) => number,
  stdlib: (...args: number[]) => number,
  reference: Map<string, number>,
  ourTolerance: number,
): Comparison {
  const out: Comparison = { compared: 0, worst: 0, worstAt: [], stdlibErrors: [], unexplained: [] };
  for (const at of points) {
    const a = ours(...at);
    const b = stdlib(...at);
    if (Math.abs(a) < TINY && Math.abs(b) < TINY && !Number.isNaN(a) && !Number.isNaN(b)) continue;
    out.compared++;
    const r = rel(a, b);
    if (r <= BOUND) {
      if (r > out.worst) {
        out.worst = r;
        out.worstAt = at;
      }
      continue;
    }
    const m = reference.get(at.join(','));
    if (m !== undefined && Math.abs(m) >= TINY && rel(a, m) <= ourTolerance && !(rel(b, m) <= BOUND)) {
      out.stdlibErrors.push({ at, stdlibError: rel(b, m), ourError: rel(a, m) });
    } else {
      out.unexplained.push({ at, ours: a, stdlib: b, ...(m === undefined ? {} : { mpmath: m }) });
    }
  }
  return out;
}

/**
 * Largest relative error of `ours` against reference rows. In rows of probabilities a 0 stands
 * for a value below 1e-300, and is skipped.
 */
function worstAgainst(rows: Row[], ours: (...args: number[]) => number, probabilities = true): { worst: number; at: number[]; count: number } {
  let worst = 0;
  let at: number[] = [];
  let count = 0;
  for (const row of rows) {
    const expected = row[row.length - 1] as number;
    if (probabilities && expected === 0) continue;
    const args = row.slice(0, -1);
    const r = rel(ours(...args), expected);
    count++;
    if (r > worst) {
      worst = r;
      at = args;
    }
  }
  return { worst, at, count };
}

// ---------------------------------------------------------------------------------------------
// Grids. Decimal strings parse to the same doubles here and in scripts/distributions-reference.py.
// ---------------------------------------------------------------------------------------------
const DFS = [1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 20, 30, 50, 100, 248, 1e3, 1e4, 1e5, 1e6];
/** "Random" non-integers, fixed so that the reference can cover them. */
const DFS_NONINTEGER = [1.23, 3.7, 6.66, 12.34, 77.7, 248.5, 555.5, 3141.59, 31415.9, 271828.18];
const ALL_DFS = [...DFS, ...DFS_NONINTEGER];
/** |t| = 1e-8 and 40 points per decade from 0.1 to 1000. */
const T_MAGNITUDES = [1e-8, ...Array.from({ length: 161 }, (_, i) => 10 ** (-1 + i / 40))];
const T_GRID = [0, ...T_MAGNITUDES.flatMap((m) => [-m, m])];
/** p = 1, 2, 5 × 10^-e for e = 1..300 (without 0.5), then near ½, then the upper tail. */
const TAIL_P = Array.from({ length: 300 }, (_, i) => ['1', '2', '5'].map((m) => Number(`${m}e-${i + 1}`))).flat().filter((p) => p !== 0.5);
const CENTRE_P = ['0.25', '0.3', '0.4', '0.45', '0.49', '0.499', '0.4999999', '0.49999999', '0.4999999999', '0.499999999999',
  '0.49999999999999', '0.4999999999999999', '0.49999999999999994'].map(Number);
const UPPER_P = ['0.5000000000000001', '0.50000000000001', '0.500000000001', '0.5000000001', '0.50000001', '0.5000001', '0.501',
  '0.51', '0.55', '0.6', '0.7', '0.75', '0.8', '0.9', '0.95', '0.975', '0.99', '0.995', '0.999', '0.9999', '0.99999', '0.999999',
  '0.9999999', '0.99999999', '0.999999999', '0.9999999999', '0.99999999999', '0.999999999999', '0.9999999999999', '0.99999999999999',
  '0.999999999999999', '0.9999999999999999', '0.99999999999999989'].map(Number);
const P_GRID = [...TAIL_P, ...CENTRE_P, ...UPPER_P];
const BIN_N = [1, 2, 3, 5, 10, 20, 50, 100, 248, 1000, 10000, 100000];
const BIN_P = ['0.001', '0.01', '0.1', '0.123', '0.25', '0.3', '0.5', '0.7', '0.9', '0.99'].map(Number);

/** The k grid of scripts/distributions-reference.py: all k up to n = 20, else quantiles and ±10 sd. */
function binomialKs(n: number, p: number): number[] {
  if (n <= 20) return Array.from({ length: n + 1 }, (_, k) => k);
  const ks = new Set<number>();
  for (let i = 0; i <= 20; i += 2) ks.add(Math.floor((n * i) / 20 + 0.5));
  const sd = Math.sqrt(n * p * (1 - p));
  for (let j = -20; j <= 20; j++) {
    const k = Math.floor(n * p + (j * sd) / 2 + 0.5);
    if (k >= 0 && k <= n) ks.add(k);
  }
  return [...ks].sort((a, b) => a - b);
}

/** (u − sin u)/(2π), by its series for small u (no cancellation). */
function uMinusSinU(u: number): number {
  if (u > 0.5) return (u - Math.sin(u)) / (2 * Math.PI);
  let sum = 0;
  let term = u;
  for (let k = 1; k < 12; k++) {
    term *= (-u * u) / (2 * k * (2 * k + 1));
    sum -= term;
  }
  return sum / (2 * Math.PI);
}

describe('Student t distribution function tCdf(t, df)', () => {
  const points = ALL_DFS.flatMap((df) => T_GRID.map((t) => [t, df]));
  const reference = refMap(REF.tCdf);

  // Measured: worst difference 2.0e-13 at t = −35.48, df = 31415.9 (P = 1.05e-270), which is
  // @stdlib's error (ours is 1e-15 from mpmath there); @stdlib errors > 1e-12 only at df = 1, t = ±1e-8.
  it('equals @stdlib to 1e-12 on 8,609 points (28 df from 1 to 1e6, |t| from 1e-8 to 1e3, both signs, P ≥ 1e-300); worst seen 2.0e-13', () => {
    const c = compareWithStdlib(points, tCdf, stdlibTCdf, reference, 1e-14);
    expect(c.unexplained).toEqual([]);
    expect(c.compared).toBe(8609);
    expect(c.worst, `worst at ${c.worstAt}`).toBeLessThan(3e-13);
    // The only larger differences: @stdlib's tCdf(±1e-8, 1) = 0.5 ± 4.7e-9 (exact: 0.5 ± 3.2e-9).
    expect(c.stdlibErrors.map((e) => e.at)).toEqual([[-1e-8, 1], [1e-8, 1]]);
  });

  it('agrees with 40-digit mpmath (1,193 points incl. far tails down to 1e-300, df < 1 and df up to 1e20); worst seen 2.9e-15', () => {
    const { worst, at, count } = worstAgainst(REF.tCdf, tCdf);
    expect(count).toBe(1193);
    expect(worst, `worst at ${at}`).toBeLessThan(5e-15);
  });

  it('@stdlib errors it does not share: df = 1 near t = 0, and |t| ≥ 1e155 at df = 1 (stdlib underflows to 0)', () => {
    for (const t of [1e-10, 1e-8, 1e-7, 1e-6]) {
      const exact = 0.5 + Math.atan(t) / Math.PI; // Cauchy, A&S 26.7.3 with ν = 1
      expect(rel(tCdf(t, 1), exact)).toBeLessThan(1e-15);
      expect(rel(stdlibTCdf(t, 1), exact)).toBeGreaterThan(1e-11);
      expect(rel(tCdf(-t, 1), 0.5 - Math.atan(t) / Math.PI)).toBeLessThan(1e-15);
    }
    for (const t of [1e155, 1e200, 1e300]) {
      expect(rel(tCdf(-t, 1), 1 / (Math.PI * t))).toBeLessThan(1e-15);
      expect(stdlibTCdf(-t, 1)).toBe(0);
    }
  });

  it('closed forms (Abramowitz & Stegun 26.7.3-26.7.4: df = 1, 2, 3) to 1e-14 over |t| up to 1e6', () => {
    for (let i = -60; i <= 60; i++) {
      const t = Math.sign(i) * 10 ** (Math.abs(i) / 10 - 1);
      if (i === 0) continue;
      const s = Math.abs(t);
      // lower tails P(T ≤ −s), written without cancellation
      const df1 = Math.atan2(1, s) / Math.PI;
      const r2 = Math.sqrt(2 + s * s);
      const df2 = 1 / ((r2 + s) * r2);
      // P(T ≤ −s) = (φ − sin φ cos φ)/π = (2φ − sin 2φ)/(2π), φ = atan(√3/s)
      const df3 = uMinusSinU(2 * Math.atan2(Math.sqrt(3), s));
      for (const [df, lower] of [[1, df1], [2, df2], [3, df3]] as const) {
        const expected = t < 0 ? lower : 1 - lower;
        expect(rel(tCdf(t, df), expected), `t=${t} df=${df}`).toBeLessThan(1e-14);
      }
    }
  });

  it('table values: t = 2.228 at df = 10 is the 97.5 % point; P(T ≤ −1.9696) at df = 248 is 2.5 %', () => {
    // the quantiles to 25 digits (mpmath): 2.228138851986274224519862, 1.969575653626095112806044
    expect(rel(tCdf(2.228138851986274, 10), 0.975)).toBeLessThan(1e-15);
    expect(rel(tCdf(-1.969575653626095, 248), 0.025)).toBeLessThan(1e-14);
    expect(rel(tCdf(-50, 3), 8.808576020635988e-6)).toBeLessThan(3e-15); // mpmath: 8.808576020635987078e-6
    expect(rel(tCdf(-37, 1e6), 9.149865430901131e-300)).toBeLessThan(3e-15); // mpmath: 9.149865430901131531e-300
  });

  it('conventions: NaN in → NaN, df ≤ 0 → NaN, t = ±Infinity → 1 / 0, df = Infinity → normal', () => {
    expect(tCdf(NaN, 3)).toBeNaN();
    expect(tCdf(1, NaN)).toBeNaN();
    expect(tCdf(1, 0)).toBeNaN();
    expect(tCdf(1, -2)).toBeNaN();
    expect(tCdf(Infinity, 3)).toBe(1);
    expect(tCdf(-Infinity, 3)).toBe(0);
    expect(tCdf(0, 3)).toBe(0.5);
    expect(tCdf(-0, 1e6)).toBe(0.5);
    // @stdlib returns 0.5 for every t at df = Infinity; the limit is the normal distribution.
    expect(tCdf(-1.96, Infinity)).toBe(normalCdf(-1.96));
    expect(tCdf(-1.96, 1e300)).toBe(normalCdf(-1.96)); // df > 1e30: the normal (t⁴/df < 1e-23)
    // continuous across the switch to the normal at df = 1e30, far tail included
    expect(rel(tCdf(-37, 1e29), normalCdf(-37))).toBeLessThan(1e-14);
  });
});

describe('Student t quantile tQuantile(p, df)', () => {
  const points = ALL_DFS.flatMap((df) => P_GRID.map((p) => [p, df]));
  const reference = refMap(REF.tQuantile);

  // Measured: worst difference 1.6e-15 (p = 0.1, df = 12.34) over the 25,182 points where @stdlib
  // is right; its 1,278 errors: 0 (or up to 12 % off) for 0 < |p − ½| ≤ 1e-6, and −Infinity where
  // |t| > 1e153 (df 1, 1.23, 1.5 below p ≈ 1e-155, 1e-190, 5e-232): ours is within 4.5e-16 of mpmath there.
  it('equals @stdlib to 1e-12 on 26,460 points (28 df, p from 1e-300 to 1 − 1e-16) except its 1,278 proven errors; worst seen 1.6e-15', () => {
    const c = compareWithStdlib(points, tQuantile, stdlibTQuantile, reference, 1e-14);
    expect(c.unexplained).toEqual([]);
    expect(c.compared).toBe(26460);
    expect(c.worst, `worst at ${c.worstAt}`).toBeLessThan(5e-15);
    const zones = { nearHalf: 0, overflow: 0 };
    for (const { at } of c.stdlibErrors) {
      const [p, df] = at as [number, number];
      if (Math.abs(p - 0.5) <= 1e-6) zones.nearHalf++; // @stdlib returns 0, or a value up to 12 % off
      else if (df < 2 && Math.abs(tQuantile(p, df)) > 1e153) zones.overflow++; // @stdlib: −Infinity (t² ≈ 1e308 overflows)
      else expect.fail(`@stdlib error outside the known zones at p=${p}, df=${df}`);
    }
    // 303 = 10 to 12 points near ½ for each of the 28 df; 975 = df 1, 1.23, 1.5 below p ≈ 1e-155, 1e-190, 5e-232.
    expect(zones).toEqual({ nearHalf: 303, overflow: 975 });
  });

  it('agrees with 40-digit mpmath (3,163 points incl. p = 1e-300, ½ ± 1e-16, 1 − 1e-16, df < 1 and df = 1e12); worst seen 2.3e-15', () => {
    const { worst, at, count } = worstAgainst(REF.tQuantile, tQuantile, false);
    expect(count).toBe(3163);
    expect(worst, `worst at ${at}`).toBeLessThan(5e-15);
  });

  it('closed forms: df = 1 (cot), df = 2 and df = 4 (Hill 1970) to 1e-14', () => {
    for (const p of [1e-300, 1e-100, 1e-10, 0.001, 0.025, 0.1, 0.2, 0.8, 0.975, 0.999999]) {
      const q = Math.min(p, 1 - p);
      const sign = p < 0.5 ? -1 : 1;
      expect(rel(tQuantile(p, 1), sign / Math.tan(Math.PI * q))).toBeLessThan(2e-15); // q < ¼: cot(πq) is well conditioned
      expect(rel(tQuantile(p, 2), (sign * Math.SQRT2 * (0.5 - q)) / Math.sqrt(q * (1 - q)))).toBeLessThan(2e-15);
      if (q > 1e-100) {
        // df = 4: t² = 4(cos(θ/3)/√α − 1), α = 4q(1 − q), θ = arccos √α
        const alpha = 4 * q * (1 - q);
        const t4 = sign * 2 * Math.sqrt(Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha) - 1);
        expect(rel(tQuantile(p, 4), t4), `p=${p}`).toBeLessThan(q > 0.3 ? 1e-12 : 1e-14);
      }
    }
  });

  it('table values: t(0.975, 10) = 2.228138851986274, t(0.975, 248) = 1.969575653626095, t(0.995, 30) = 2.749995653567225', () => {
    // mpmath, 25 digits: 2.228138851986274224519862, 1.969575653626095112806044, 2.749995653567224966393475
    expect(rel(tQuantile(0.975, 10), 2.228138851986274)).toBeLessThan(1e-15);
    expect(rel(tQuantile(0.975, 248), 1.969575653626095)).toBeLessThan(1e-15);
    expect(rel(tQuantile(0.995, 30), 2.749995653567225)).toBeLessThan(1e-15);
    expect(tQuantile(0.975, 10).toFixed(3)).toBe('2.228'); // Fisher & Yates' table
    expect(tQuantile(0.975, 1).toFixed(3)).toBe('12.706');
  });

  it('inverts tCdf: P(T ≤ −|tQuantile(p, df)|) = min(p, 1 − p) to 2e-14 plus the rounding of t', () => {
    for (const df of [1.5, 3, 10, 248, 1e6]) {
      for (const p of [1e-300, 1e-50, 1e-5, 0.01, 0.3, 0.49, 0.5000001, 0.8, 0.999, 1 - 1e-12]) {
        const s = Math.abs(tQuantile(p, df));
        const q = Math.min(p, 1 - p);
        // d ln F / d ln t, so that a 1-ulp change of t is allowed for
        const cond = Math.abs(Math.log(tCdf(-s * (1 + 1e-7), df) / tCdf(-s, df))) / 1e-7;
        // tCdf's own error (≤ 5e-15, twice: in the iteration and here) plus one rounding of t
        expect(rel(tCdf(-s, df), q), `p=${p} df=${df}`).toBeLessThan(2e-14 + cond * 2.3e-16);
      }
    }
  });

  it("conventions (@stdlib's): p = 0 → −Infinity, p = 1 → Infinity, p = ½ → 0, outside [0, 1] / NaN / df ≤ 0 → NaN", () => {
    for (const df of [1, 3, 248]) {
      expect(tQuantile(0, df)).toBe(-Infinity);
      expect(tQuantile(1, df)).toBe(Infinity);
      expect(tQuantile(0.5, df)).toBe(0);
      expect(tQuantile(-0.1, df)).toBeNaN();
      expect(tQuantile(1.1, df)).toBeNaN();
      expect(tQuantile(NaN, df)).toBeNaN();
      expect([tQuantile(0, df), tQuantile(1, df), tQuantile(0.5, df)]).toEqual([stdlibTQuantile(0, df), stdlibTQuantile(1, df), stdlibTQuantile(0.5, df)]);
    }
    expect(tQuantile(0.3, 0)).toBeNaN();
    expect(tQuantile(0.3, -1)).toBeNaN();
    expect(tQuantile(0.3, NaN)).toBeNaN();
    // Quantiles beyond the largest double (df < 1) are ±Infinity; df = Infinity is the normal.
    expect(tQuantile(1e-100, 0.1)).toBe(-Infinity);
    expect(tQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
  });
});

describe('normal distribution function normalCdf(z) and quantile normalQuantile(p)', () => {
  // Measured: worst difference 1.8e-13 at z = −36.79 (Φ = 1.3e-296), @stdlib's error: it rounds
  // z/√2 before erfc (a relative error ~z²ε); ours is 1.5e-16 from mpmath there.
  it('normalCdf equals @stdlib (mu 0, sigma 1) to 1e-12 on 7,555 points z = −38.5 … 38.5 (Φ ≥ 1e-300); worst seen 1.8e-13', () => {
    const points = Array.from({ length: 7701 }, (_, i) => [(i - 3850) / 100]);
    const c = compareWithStdlib(points, normalCdf, (z) => stdlibNormalCdf(z as number, 0, 1), refMap(REF.normalCdf), 1e-14);
    expect(c.unexplained).toEqual([]);
    expect(c.stdlibErrors).toEqual([]);
    expect(c.worst, `worst at ${c.worstAt}`).toBeLessThan(2.5e-13);
  });

  it('normalCdf agrees with 40-digit mpmath to 1e-15 (451 points, z = −37 … 8; worst seen 4.7e-16); @stdlib is up to 1.8e-13 off there', () => {
    const { worst, at, count } = worstAgainst(REF.normalCdf, normalCdf);
    expect(count).toBeGreaterThan(450);
    expect(worst, `worst at ${at}`).toBeLessThan(1e-15);
  });

  it('normalQuantile agrees with 40-digit mpmath and with scipy.special.ndtri to 1e-15 (646 points, p from 1e-300 to 1 − 1e-16; worst seen 7.5e-16)', () => {
    let worstMp = 0;
    let worstScipy = 0;
    for (const [p, mp, scipy] of REF.normalQuantile as [number, number, number][]) {
      const z = normalQuantile(p);
      worstMp = Math.max(worstMp, rel(z, mp));
      worstScipy = Math.max(worstScipy, rel(z, scipy));
    }
    expect(REF.normalQuantile.length).toBeGreaterThan(600);
    expect(worstMp).toBeLessThan(1e-15); // measured 7.5e-16 (p = 1e-179)
    expect(worstScipy).toBeLessThan(1e-15);
  });

  it('table values: Φ(−1.96) = 0.0249978951482204, Φ(1) = 0.841344746068543, Φ⁻¹(0.975) = 1.95996398454005', () => {
    // mpmath, 25 digits: 0.02499789514822043621282369, 0.8413447460685429485852325; Φ(−37.5) = 4.605353009581954844e-308
    expect(rel(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-15);
    expect(rel(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(rel(normalCdf(-37.5), 4.605353009581955e-308)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.975), 1.9599639845400538)).toBeLessThan(1e-15);
    expect(normalCdf(-1.96).toFixed(4)).toBe('0.0250'); // Abramowitz & Stegun table 26.1
  });

  it('conventions: NaN → NaN, ±Infinity → 1 / 0; quantile 0 → −Infinity, 1 → Infinity, outside → NaN', () => {
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(-1e-9)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});

describe('binomial distribution function binomialCdf(k, n, p)', () => {
  const grid = BIN_N.flatMap((n) => BIN_P.flatMap((p) => binomialKs(n, p).map((k) => [k, n, p])));
  // all k for n = 248 and 1000 too (no reference needed there: @stdlib is within 1e-13)
  const dense = [...grid, ...[248, 1000].flatMap((n) => BIN_P.flatMap((p) => Array.from({ length: n + 1 }, (_, k) => [k, n, p])))];
  const reference = refMap(REF.binomialCdf);

  // Measured, n ≤ 1e4: worst difference 6.8e-13 at k = 6000, n = 1e4, p = 0.7 (P = 1.9e-100), which
  // is @stdlib's error (7.0e-13 from the exact sum; ours 1.7e-14). @stdlib's error grows like 4e-17·n:
  // at n = 1e5 it passes 1e-12 on 38 of the 474 points (up to 3.9e-12); ours stays within 1.7e-14 there.
  it('equals @stdlib to 1e-12 for n ≤ 1e4 (13,524 points); worst seen 6.8e-13', () => {
    const c = compareWithStdlib(dense.filter((at) => (at[1] as number) <= 1e4), binomialCdf, stdlibBinomialCdf, reference, 2e-13);
    expect(c.unexplained).toEqual([]);
    expect(c.stdlibErrors).toEqual([]);
    expect(c.compared).toBe(13524);
    expect(c.worst, `worst at ${c.worstAt}`).toBeLessThan(7e-13);
  });

  it('at n = 1e5 every difference above 1e-12 (38 of 474 points) is an @stdlib error, up to 3.9e-12, proven by the exact sums', () => {
    const c = compareWithStdlib(dense.filter((at) => at[1] === 1e5), binomialCdf, stdlibBinomialCdf, reference, 2e-13);
    expect(c.unexplained).toEqual([]);
    expect(c.compared).toBe(474);
    expect(c.stdlibErrors.length).toBe(38);
    expect(Math.max(...c.stdlibErrors.map((e) => e.stdlibError))).toBeGreaterThan(3.9e-12);
    expect(Math.max(...c.stdlibErrors.map((e) => e.ourError))).toBeLessThan(2e-14);
  });

  it('far lower tails with small k (found by fuzzing): @stdlib loses up to 9 digits or returns 0 below ~1e-265; ours does not', () => {
    const cases: [number, number, number, number][] = [
      // k, n, p, @stdlib's relative error (1 = it returns 0)
      [30, 532, 0.76, 2.5e-9], [24, 652, 0.68, 3.3e-10], [32, 580, 0.76, 1], [37, 479, 0.82, 1], [33, 3847, 0.18, 1],
    ];
    for (const [k, n, p, stdlibError] of cases) {
      const exact = reference.get([k, n, p].join(','));
      expect(exact, `reference for ${k}, ${n}, ${p}`).toBeGreaterThan(1e-300);
      expect(rel(binomialCdf(k, n, p), exact as number), `${k}, ${n}, ${p}`).toBeLessThan(2e-13);
      expect(rel(stdlibBinomialCdf(k, n, p), exact as number)).toBeCloseTo(stdlibError, stdlibError === 1 ? 12 : 9);
    }
  });

  it('agrees with the exact sums (mpmath, 40 digits) on 2,863 points, n up to 1e5; worst seen 1.7e-13', () => {
    const { worst, at, count } = worstAgainst(REF.binomialCdf, binomialCdf);
    expect(count).toBe(2863);
    expect(worst, `worst at ${at}`).toBeLessThan(2e-13);
  });

  it('by hand: P(X ≤ 2 | 10, ½) = 56/1024, P(X ≤ 3 | 20, 0.3), (1 − p)^n and 1 − p^n', () => {
    expect(rel(binomialCdf(2, 10, 0.5), 56 / 1024)).toBeLessThan(5e-16); // 0.054687500000000014
    // 0.7^20 + 20·0.3·0.7^19 + 190·0.3²·0.7^18 + 1140·0.3³·0.7^17
    const hand = 0.7 ** 17 * (0.7 ** 3 + 20 * 0.3 * 0.7 ** 2 + 190 * 0.09 * 0.7 + 1140 * 0.027);
    expect(rel(binomialCdf(3, 20, 0.3), hand)).toBeLessThan(1e-14);
    expect(rel(binomialCdf(0, 100, 0.01), 0.99 ** 100)).toBeLessThan(1e-14);
    expect(rel(binomialCdf(99, 100, 0.99), 1 - 0.99 ** 100)).toBeLessThan(1e-14);
  });

  it("conventions (@stdlib's): NaN, p ∉ [0, 1], n not a non-negative integer → NaN; k < 0 → 0; k ≥ n → 1; k rounded down after + 1e-7", () => {
    const cases: [number, number, number][] = [
      [NaN, 10, 0.5], [3, NaN, 0.5], [3, 10, NaN], [3, 10, -0.1], [3, 10, 1.1], [3, 10.5, 0.5], [3, -1, 0.5], [3, Infinity, 0.5],
      [-1, 10, 0.5], [-0.5, 10, 0.5], [10, 10, 0.5], [11, 10, 0.5], [9.99999999, 10, 0.5], [2.9999999999, 10, 0.5], [2.5, 10, 0.5],
      [3, 10, 0], [3, 10, 1], [0, 0, 0.5], [Infinity, 10, 0.5], [-Infinity, 10, 0.5], [0, 10, 1], [10, 10, 1],
    ];
    for (const [k, n, p] of cases) {
      const ours = binomialCdf(k, n, p);
      const theirs = stdlibBinomialCdf(k, n, p);
      expect(rel(ours, theirs), `binomialCdf(${k}, ${n}, ${p}) = ${ours}, @stdlib ${theirs}`).toBeLessThan(1e-15);
    }
  });
});

describe('special functions (special.ts) against 40-digit mpmath', () => {
  it('lnGamma: absolute error ≤ 1e-14, relative ≤ 1e-15 above 10', () => {
    for (const [x, expected] of REF.special.lnGamma as [number, number][]) {
      const err = Math.abs(lnGamma(x) - expected);
      expect(err, `x=${x}`).toBeLessThanOrEqual((x < 10 ? 1e-14 : 1e-15) * Math.max(1, Math.abs(expected)));
    }
    expect(stirlingError(0.5)).toBe(0.15342640972002736);
  });

  it('gammaRatioHalf Γ(a+½)/Γ(a) and lnBeta to 1e-15 relative, a up to 1e15 (no lgamma cancellation)', () => {
    for (const [a, expected] of REF.special.gammaRatioHalf as [number, number][]) expect(rel(gammaRatioHalf(a), expected), `a=${a}`).toBeLessThan(1e-15);
    for (const [a, b, expected] of REF.special.lnBeta as [number, number, number][]) {
      expect(Math.abs(lnBeta(a, b) - expected), `a=${a} b=${b}`).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(expected)));
    }
  });

  it('betaIncReg I_x(a, b) and its complement, each with its own relative precision', () => {
    for (const [x, a, b, lower, upper] of REF.special.betaIncReg as [number, number, number, number, number][]) {
      if (lower !== 0) expect(rel(betaIncReg(x, a, b), lower), `I_${x}(${a}, ${b})`).toBeLessThan(1e-13);
      if (upper !== 0) expect(rel(betaIncReg(x, a, b, true), upper), `1 − I_${x}(${a}, ${b})`).toBeLessThan(1e-13);
    }
    expect(rel(betaIncReg(0.25, 2, 3), 67 / 256)).toBeLessThan(5e-16);
    expect(betaIncReg(-0.1, 2, 3)).toBeNaN();
    expect(betaIncReg(0.5, 0, 3)).toBeNaN();
  });
});
