// The multi-firm test battery: AAR and CAAR with ten tests, pure functions over plain arrays.
// Conventions and sources for every test: docs/sample-tests.md.
import { UsageError } from '../errors.js';
import type { TestResult } from '../stats/distributions.js';
import { corradoRankZ, generalizedSignTest, signTest, wilcoxonTest } from './nonparametric.js';
import { crossSectionalT, kolariPynnonenT, patellZ, portfolioT, type Outcome } from './parametric.js';
import { isPreparedSample, prepareSample, type PreparedSample } from './prepare.js';
import type { CaarSampleResult, DailySampleResult, SampleInput, SampleNote, SampleTestName, SampleTests } from './types.js';

/**
 * For each event-time position p < W of rows of width W aligned on each firm's last estimation day
 * (`estAligned`, `rankAligned`), the sum and the count of the non-missing values of the firms of
 * `mask`, each firm from its first estimation day on; in `sc.sums` and `sc.counts`.
 */
function alignedSums(prep: PreparedSample, mask: Uint8Array, values: Float64Array, W: number, sc: Scratch): { sums: Float64Array; counts: Int32Array } {
  const { sums, counts } = sc;
  sums.fill(0, 0, W);
  counts.fill(0, 0, W);
  for (let i = 0; i < prep.N; i++) {
    if (!mask[i]) continue;
    const row = i * W;
    for (let p = prep.maxEst - prep.estLen[i]!; p < W; p++) {
      const v = values[row + p]!;
      if (v === v) {
        sums[p] = sums[p]! + v;
        counts[p] = counts[p]! + 1;
      }
    }
  }
  return { sums, counts };
}

/** Time-series standard deviation of the portfolio mean abnormal return over the estimation window. */
interface PortfolioSd {
  sd: number;
  /** Estimation days that entered the series. */
  T: number;
}

/**
 * The estimation-window series of the equally weighted portfolio's mean abnormal return, in event
 * time: each firm's estimation window is aligned on its last day (`estAligned`). With `balanced`
 * (Brown & Warner 1980: a fixed set of N securities with complete data) only days on which every
 * firm of `mask` has a return enter; otherwise (Brown & Warner 1985) each day averages the N_t
 * firms that have one. Standard deviation with divisor T - 1.
 */
function portfolioSd(prep: PreparedSample, mask: Uint8Array, members: number, balanced: boolean, sc: Scratch): PortfolioSd {
  const W = prep.maxEst;
  const { sums, counts } = alignedSums(prep, mask, prep.estAligned, W, sc);
  let T = 0;
  let total = 0;
  for (let p = 0; p < W; p++) {
    const c = counts[p]!;
    if (c === 0 || (balanced && c < members)) continue;
    const m = sums[p]! / c;
    sums[T++] = m; // compact the series in place (T <= p)
    total += m;
  }
  if (T < 2) return { sd: NaN, T };
  const mean = total / T;
  let ss = 0;
  for (let k = 0; k < T; k++) {
    const d = sums[k]! - mean;
    ss += d * d;
  }
  return { sd: Math.sqrt(ss / (T - 1)), T };
}

/**
 * Corrado's (1989) standard deviation of the scaled mean centered rank over the combined window:
 * `s = sqrt((1/T) sum_tau Ubar_tau^2)`, `Ubar_tau = (1/sqrt(N_tau)) sum_i (U_i,tau - 1/2)` over the
 * firms of `mask` with a return at event time tau (estimation days aligned on each firm's last
 * estimation day, then the event days), T = number of such days with N_tau > 0. Corrado's
 * divisor is T (the mean of a centered rank is known to be zero); the 1/sqrt(N_tau) scaling is
 * Campbell & Wasley's (1993) for a varying number of firms and equals Corrado's mean when N_tau
 * is constant.
 */
function rankSd(prep: PreparedSample, mask: Uint8Array, sc: Scratch): number {
  const W = prep.maxEst + prep.L;
  const { sums, counts } = alignedSums(prep, mask, prep.rankAligned, W, sc);
  let T = 0;
  let ss = 0;
  for (let p = 0; p < W; p++) {
    const c = counts[p]!;
    if (c === 0) continue;
    ss += (sums[p]! * sums[p]!) / c;
    T++;
  }
  return T > 0 ? Math.sqrt(ss / T) : NaN;
}

/**
 * Average pairwise correlation over all n(n-1)/2 pairs of the listed firms (Kolari & Pynnönen
 * 2010): the estimation-residual correlation for firms with the same event date, zero for firms
 * whose event days differ (their event-day returns are not contemporaneous). A string when a
 * needed correlation cannot be estimated.
 */
function averageCorrelation(prep: PreparedSample, idx: Int32Array, n: number): { r: number; pairs: number } | string {
  if (n < 2) return { r: 0, pairs: 0 };
  const firms = prep.input.firms;
  // Firms by event date; within a date, gap-free firms on one calendar by calendar.
  const groups = new Map<string, { fast: Map<number, number[]>; slow: number[] }>();
  for (let a = 0; a < n; a++) {
    const i = idx[a]!;
    const date = firms[i]!.eventDate;
    let g = groups.get(date);
    if (!g) groups.set(date, (g = { fast: new Map(), slow: [] }));
    if (prep.unit[i]) {
      const c = prep.calendarId[i]!;
      const list = g.fast.get(c);
      if (list) list.push(i);
      else g.fast.set(c, [i]);
    } else g.slow.push(i);
  }
  let sum = 0;
  let pairs = 0;
  const pairwise = (i: number, j: number): string | null => {
    const r = prep.correlation(i, j);
    if (r !== r) {
      const fi = firms[i]!;
      const fj = firms[j]!;
      return `cannot estimate the correlation of ${fi.symbol} and ${fj.symbol} (same event date ${fi.eventDate}): fewer than 3 common estimation dates with both returns, or no variation`;
    }
    sum += r;
    pairs++;
    return null;
  };
  for (const g of groups.values()) {
    const buckets = [...g.fast.values()];
    // Within a bucket: the sum of all pairwise dot products of unit vectors, (|sum z|^2 - m) / 2.
    for (const b of buckets) {
      if (b.length < 2) continue;
      const T = prep.unit[b[0]!]!.length;
      const total = new Float64Array(T);
      for (const i of b) {
        const z = prep.unit[i]!;
        for (let k = 0; k < T; k++) total[k] = total[k]! + z[k]!;
      }
      let ss = 0;
      for (let k = 0; k < T; k++) ss += total[k]! * total[k]!;
      sum += (ss - b.length) / 2;
      pairs += (b.length * (b.length - 1)) / 2;
    }
    // Every other pair of the date (across buckets, or with a firm that has a gap): one by one.
    for (let k1 = 0; k1 < buckets.length; k1++) {
      for (let k2 = k1 + 1; k2 < buckets.length; k2++) {
        for (const i of buckets[k1]!) for (const j of buckets[k2]!) {
          const why = pairwise(i, j);
          if (why) return why;
        }
      }
    }
    const fast = buckets.flat();
    for (let a = 0; a < g.slow.length; a++) {
      const i = g.slow[a]!;
      for (const j of [...fast, ...g.slow.slice(a + 1)]) {
        const why = pairwise(i, j);
        if (why) return why;
      }
    }
  }
  return { r: sum / ((n * (n - 1)) / 2), pairs };
}

/** Reusable buffers of one call. */
interface Scratch {
  idx: Int32Array;
  x: Float64Array;
  std: Float64Array;
  mask: Uint8Array;
  sums: Float64Array;
  counts: Int32Array;
}

function scratch(prep: PreparedSample): Scratch {
  const W = prep.maxEst + prep.L;
  return {
    idx: new Int32Array(prep.N),
    x: new Float64Array(prep.N),
    std: new Float64Array(prep.N),
    mask: new Uint8Array(prep.N),
    sums: new Float64Array(W),
    counts: new Int32Array(W),
  };
}

/** A whole-sample quantity, computed once per prepared sample. */
function cached<T>(prep: PreparedSample, key: string, make: () => T): T {
  if (prep.cache.has(key)) return prep.cache.get(key) as T;
  const v = make();
  prep.cache.set(key, v);
  return v;
}

/** What the battery needs for one day or window, over the n firms listed in `sc.idx`. */
interface Aggregates {
  n: number;
  /** Days aggregated (1 for a day, the window length for a CAAR). */
  L: number;
  /** Mean of `sc.x` (AAR or CAAR). */
  mean: number;
  patellSum: number;
  patellVar: number;
  /** Firms whose df <= 2 (Patell's variance does not exist). */
  patellBad: string[];
  bw1980: PortfolioSd;
  bw1985: PortfolioSd;
  rankSum: number;
  rankS: number;
  pHat: number;
  /** Average cross-correlation and the number of same-event-date pairs behind it, or why it cannot be estimated. */
  rBar: { r: number; pairs: number } | string;
}

const EMPTY: SampleTests = {
  bw1980: null,
  bw1985: null,
  crossSectionalT: null,
  patell: null,
  bmp: null,
  kolariPynnonen: null,
  sign: null,
  generalizedSign: null,
  corradoRank: null,
  wilcoxon: null,
};

function battery(prep: PreparedSample, sc: Scratch, g: Aggregates, notes: SampleNote[]): SampleTests {
  const tests: SampleTests = { ...EMPTY };
  const put = (name: SampleTestName, o: Outcome): TestResult | null => {
    if (typeof o === 'string') {
      notes.push({ test: name, message: o });
      tests[name] = null;
      return null;
    }
    tests[name] = o;
    return o;
  };
  const { n, L } = g;
  put('bw1980', portfolioT(g.mean, g.bw1980.sd, g.bw1980.T, L));
  put('bw1985', portfolioT(g.mean, g.bw1985.sd, g.bw1985.T, L));
  put('crossSectionalT', crossSectionalT(sc.x, n));
  put(
    'patell',
    g.patellBad.length > 0
      ? `${g.patellBad.join(', ')}: ${g.patellBad.length > 1 ? 'have' : 'has'} 2 or fewer residual degrees of freedom (the standardized abnormal return has no variance)`
      : patellZ(g.patellSum, g.patellVar),
  );
  const bmp = put('bmp', crossSectionalT(sc.std, n));
  if (bmp === null) put('kolariPynnonen', 'needs the BMP statistic, which cannot be computed');
  else if (typeof g.rBar === 'string') put('kolariPynnonen', g.rBar);
  else {
    put('kolariPynnonen', kolariPynnonenT(bmp, n, g.rBar.r));
    if (g.rBar.pairs === 0) notes.push({ test: 'kolariPynnonen', message: 'no two firms share an event date: the average cross-correlation is 0 and the statistic equals BMP' });
  }
  let zeros = 0;
  for (let k = 0; k < n; k++) if (sc.x[k] === 0) zeros++;
  if (zeros > 0) {
    const message = `${zeros} zero value${zeros > 1 ? 's' : ''} dropped (counted as not positive by the generalized sign test)`;
    notes.push({ test: 'sign', message }, { test: 'wilcoxon', message });
  }
  put('sign', signTest(sc.x, n));
  put('generalizedSign', generalizedSignTest(sc.x, n, g.pHat));
  put('corradoRank', corradoRankZ(g.rankSum, g.rankS, L));
  put('wilcoxon', wilcoxonTest(sc.x, n));
  return tests;
}

/** Mean of the estimation-window positive fractions of the listed firms (Cowan 1992). */
function meanFraction(prep: PreparedSample, idx: Int32Array, n: number): number {
  let s = 0;
  for (let a = 0; a < n; a++) s += prep.fracPositive[idx[a]!]!;
  return s / n;
}

function asPrepared(sample: SampleInput | PreparedSample): PreparedSample {
  return isPreparedSample(sample) ? sample : prepareSample(sample);
}

/**
 * The battery for each day of the event window: AAR over the firms with a return that day and
 * ten tests (`docs/sample-tests.md` gives every formula and its source). Tests that cannot be
 * computed on a day are `null`, with the reason in `notes`. Throws a `UsageError` (naming the
 * symbol) for impossible input.
 *
 * @example
 * const days = dailyTests({ window: [-1, 1], firms });
 * days[1].aar; days[1].tests.bmp; // { stat, p }
 */
export function dailyTests(sample: SampleInput | PreparedSample): DailySampleResult[] {
  const prep = asPrepared(sample);
  const { N, L } = prep;
  const firms = prep.input.firms;
  const sc = scratch(prep);
  const all = new Uint8Array(N).fill(1);
  // Brown & Warner 1985 and Corrado use every firm's estimation window, whatever the day.
  const bw1985 = cached(prep, 'bw1985', () => portfolioSd(prep, all, N, false, sc));
  const rankS = cached(prep, 'rankS', () => rankSd(prep, all, sc));
  const out: DailySampleResult[] = [];
  for (let t = 0; t < L; t++) {
    let n = 0;
    let sum = 0;
    let patellSum = 0;
    let patellVar = 0;
    let rankSum = 0;
    const patellBad: string[] = [];
    sc.mask.fill(0);
    for (let i = 0; i < N; i++) {
      const a = firms[i]!.event[t]!;
      if (a !== a) continue;
      sc.idx[n] = i;
      sc.x[n] = a;
      const z = prep.sar[i * L + t]!;
      sc.std[n] = z;
      sc.mask[i] = 1;
      sum += a;
      patellSum += z;
      const q = prep.patellQ[i]!;
      if (q === q) patellVar += q;
      else patellBad.push(firms[i]!.symbol);
      rankSum += prep.rankU[i]![prep.estLen[i]! + t]!;
      n++;
    }
    const offset = prep.from + t;
    const notes: SampleNote[] = [];
    if (n === 0) {
      notes.push({ test: 'sample', message: `no firm has an abnormal return at offset ${offset}` });
      out.push({ offset, aar: null, n: 0, tests: { ...EMPTY }, notes });
      continue;
    }
    let bw1980: PortfolioSd;
    if (n === N) bw1980 = cached(prep, 'bw1980', () => portfolioSd(prep, all, N, true, sc));
    else bw1980 = portfolioSd(prep, sc.mask, n, true, sc);
    const g: Aggregates = {
      n,
      L: 1,
      mean: sum / n,
      patellSum,
      patellVar,
      patellBad,
      bw1980,
      bw1985,
      rankSum: rankSum / Math.sqrt(n),
      rankS,
      // With every firm present, sc.idx lists 0..N-1 on every day: the whole-sample values.
      pHat: n === N ? cached(prep, 'pHat', () => meanFraction(prep, sc.idx, n)) : meanFraction(prep, sc.idx, n),
      rBar: n === N ? cached(prep, 'rBar', () => averageCorrelation(prep, sc.idx, n)) : averageCorrelation(prep, sc.idx, n),
    };
    out.push({ offset, aar: g.mean, n, tests: battery(prep, sc, g, notes), notes });
  }
  return out;
}

/**
 * The battery on the cumulative window `[from, to]` (offsets inside the event window). A firm
 * with a missing abnormal return on any day of `[from, to]` is left out (its CAR would not be
 * over the same days); `n` counts the firms kept and `excluded` names the others. Every test,
 * including the estimation-window quantities (Brown & Warner's portfolio series, Corrado's rank
 * deviation, Cowan's expected fraction, the cross-correlations), is then computed on the firms
 * kept. See `docs/sample-tests.md` for each multi-day statistic.
 *
 * @example
 * const car = caarTests({ window: [-5, 5], firms }, -1, 1);
 * car.caar; car.tests.patell; // { stat, p }
 */
export function caarTests(sample: SampleInput | PreparedSample, from: number, to: number): CaarSampleResult {
  const prep = asPrepared(sample);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || from < prep.from || to > prep.to) {
    throw new UsageError(`CAR window [${from}, ${to}] must be integer offsets with from <= to inside the event window [${prep.from}, ${prep.to}]`);
  }
  const { N, L } = prep;
  const firms = prep.input.firms;
  const sc = scratch(prep);
  const t0 = from - prep.from;
  const t1 = to - prep.from;
  const Lw = t1 - t0 + 1;
  const excluded: string[] = [];
  let n = 0;
  let sum = 0;
  let patellSum = 0;
  let patellVar = 0;
  const patellBad: string[] = [];
  for (let i = 0; i < N; i++) {
    const f = firms[i]!;
    let car = 0;
    let sarSum = 0;
    let complete = true;
    for (let t = t0; t <= t1; t++) {
      const a = f.event[t]!;
      if (a !== a) {
        complete = false;
        break;
      }
      car += a;
      sarSum += prep.sar[i * L + t]!;
    }
    if (!complete) {
      excluded.push(f.symbol);
      continue;
    }
    // Variance of the CAR: 1' V 1 over the window (Campbell, Lo & MacKinlay 1997, §4.4).
    let v = 0;
    for (let t = t0; t <= t1; t++) for (let u = t0; u <= t1; u++) v += f.eventCov[t * L + u]!;
    if (!(v > 0)) throw new UsageError(`the variance of the CAR over [${from}, ${to}] from eventCov is ${v}, not positive`, { symbol: f.symbol });
    sc.idx[n] = i;
    sc.x[n] = car;
    sc.std[n] = car / Math.sqrt(v);
    sc.mask[i] = 1;
    sum += car;
    patellSum += sarSum;
    const q = prep.patellQ[i]!;
    if (q === q) patellVar += Lw * q;
    else patellBad.push(f.symbol);
    n++;
  }
  const notes: SampleNote[] = [];
  if (excluded.length > 0) {
    notes.push({ test: 'sample', message: `left out for a missing abnormal return in [${from}, ${to}]: ${excluded.join(', ')}` });
  }
  if (n === 0) {
    notes.push({ test: 'sample', message: `no firm has an abnormal return on every day of [${from}, ${to}]` });
    return { from, to, caar: null, n: 0, excluded, tests: { ...EMPTY }, notes };
  }
  let rankSum = 0;
  for (let t = t0; t <= t1; t++) {
    let s = 0;
    for (let a = 0; a < n; a++) {
      const i = sc.idx[a]!;
      s += prep.rankU[i]![prep.estLen[i]! + t]!;
    }
    rankSum += s / Math.sqrt(n);
  }
  const g: Aggregates = {
    n,
    L: Lw,
    mean: sum / n,
    patellSum,
    patellVar,
    patellBad,
    bw1980: n === N ? cached(prep, 'bw1980', () => portfolioSd(prep, sc.mask, n, true, sc)) : portfolioSd(prep, sc.mask, n, true, sc),
    bw1985: n === N ? cached(prep, 'bw1985', () => portfolioSd(prep, sc.mask, n, false, sc)) : portfolioSd(prep, sc.mask, n, false, sc),
    rankSum,
    rankS: n === N ? cached(prep, 'rankS', () => rankSd(prep, sc.mask, sc)) : rankSd(prep, sc.mask, sc),
    pHat: n === N ? cached(prep, 'pHat', () => meanFraction(prep, sc.idx, n)) : meanFraction(prep, sc.idx, n),
    rBar: n === N ? cached(prep, 'rBar', () => averageCorrelation(prep, sc.idx, n)) : averageCorrelation(prep, sc.idx, n),
  };
  return { from, to, caar: g.mean, n, excluded, tests: battery(prep, sc, g, notes), notes };
}
