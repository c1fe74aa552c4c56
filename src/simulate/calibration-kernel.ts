/**
 * The hot loop of the Brown-Warner calibration: for each trial, draw K firm-events, fit the
 * market model on each estimation window (O(1) from prefix sums), compute the estimation and
 * event-window abnormal returns, and evaluate the ten tests of the battery on day 0 with each
 * abnormal-return shift added to that day's abnormal return.
 *
 * The statistics are the battery's own formulas (`docs/sample-tests.md`, `src/samples/`) applied
 * to precomputed arrays, and `tests/simulate-calibration.test.ts` checks that they equal what
 * `dailyTests` gives on the same firm-events. What is specific here is only how they are
 * computed fast:
 * - the fit: `b = Sxy/Sxx`, `a = ȳ - b x̄`, `sigma² = (Syy - b Sxy)/(n - 2)` from centred sums,
 *   each a difference of two prefix sums;
 * - what depends only on the firm-event (its fit, the ranks of its n + L abnormal returns, which
 *   values day 0 passes under each shift) is computed once per firm-event and kept in a store
 *   shared by the threads (`ElementStore`, SharedArrayBuffers): a calibration draws its
 *   firm-events from a finite set (about 11,000 here), so 1,000 trials of 50 reuse each one four
 *   or five times. A trial then only aggregates: the portfolio series from the firms' returns,
 *   the rank sums two 16-bit values per 32-bit addition;
 * - ranks (Corrado): one bucket sort of each firm-event's n + L abnormal returns (exact: the
 *   buckets only pre-order, an insertion pass finishes the sort, ties get mid-ranks); ranks are
 *   kept doubled (integers), so sums over firm-events are exact integer sums. A shift d of day 0
 *   only lowers by one the rank of the values it passes: for each shift the store keeps how many
 *   values day 0 passes and which (in sorted order), so no shift sorts again;
 * - pairwise correlations (Kolari & Pynnönen) only for firm-events that share an event date;
 * - p-values are never computed: a test rejects at level alpha when |stat| exceeds the critical
 *   value (Student t, normal) or when the count falls in the exact rejection region (sign,
 *   Wilcoxon up to 50 values), both found once by the caller. `p < alpha` and `|stat| > critical`
 *   are the same event for these continuous, symmetric null distributions.
 * Nothing is allocated per trial: all buffers are sized once per call. The work is split in small
 * functions, which V8 optimizes sooner and without deoptimizing (a run lasts a fraction of a
 * second, so the JIT's warm-up is a large part of it).
 *
 * Firm-event g (an index into `CalibrationData.events`) is firm f's feasible day
 * `events[g]`, with `eventStart[f] <= g < eventStart[f + 1]`.
 *
 * This module imports only the random streams, so a worker thread loads little.
 *
 * @module
 */
import { RandomStream } from './random.js';
import type { CalibrationData } from './calibration-data.js';

/** Test indices, in the battery's contract order (`SAMPLE_TEST_NAMES`). */
export const T_BW1980 = 0;
export const T_BW1985 = 1;
export const T_CROSS = 2;
export const T_PATELL = 3;
export const T_BMP = 4;
export const T_KP = 5;
export const T_SIGN = 6;
export const T_GSIGN = 7;
export const T_RANK = 8;
export const T_WILCOXON = 9;
export const TEST_COUNT = 10;

/** Largest number of non-zero values for which the Wilcoxon test is exact (the battery's SIGNED_RANK_EXACT_MAX). */
export const WILCOXON_EXACT_MAX = 50;

/** What the caller computes once: the design's random draws and the rejection rules. */
export interface KernelParams {
  seed: number;
  /** Firm-events per trial. */
  K: number;
  /** Abnormal returns added to day 0 (fractions), e.g. [0, 0.005, 0.01, 0.02]. */
  shifts: readonly number[];
  /** Critical values of |stat| at the level: Student t with n - 1 df (Brown & Warner), with K - 1 df (cross-sectional, BMP, KP), and the normal. */
  critBw: number;
  critCross: number;
  critZ: number;
  /**
   * Sign test: for m non-zero values (index m, 0..K), the largest count of positives `c` with
   * exact two-sided p < alpha (reject when positives <= c or >= m - c); -1 when none.
   */
  signLow: Int32Array;
  /**
   * Wilcoxon without ties, m non-zero values (m <= min(K, 50)): `wilcoxonReject[m * stride + W+]`
   * is 1 when the exact two-sided p of W+ is below alpha (the battery's exact distribution).
   */
  wilcoxonReject: Uint8Array;
  wilcoxonStride: number;
  /** Largest m in `wilcoxonReject`. */
  wilcoxonMax: number;
  /** Level of the tests (for the rare paths that compute an exact p: Wilcoxon with ties). */
  alpha: number;
}

/**
 * Per-trial results for trials `from..to-1` (trial-major, then shift, then test): `reject` is 1
 * when the test rejects, 0 when not, 2 when it cannot be computed; `stats` the statistic (NaN
 * when not computed).
 */
export interface KernelOutput {
  from: number;
  to: number;
  reject: Uint8Array;
  stats: Float64Array;
  /** Mean over the trial's firm-events of the market model's residual variance sigma². */
  sigma2: Float64Array;
  /** Number of firm-event pairs sharing an event date in each trial. */
  sameDatePairs: Int32Array;
  /** The firm-events drawn (firm index, event calendar index), trial-major, when asked for. */
  draws: Int32Array | null;
}

/** Per firm-event scalars in `ElementStore.scal`. */
const S_AR0 = 0;
const S_SD0 = 1;
const S_FRAC = 2;
const S_SIGMA2 = 3;
const S_ALPHA = 4;
const S_BETA = 5;
const SCALARS = 6;

/**
 * What each firm-event contributes, computed once. Slots 0..pool-1 are the firm-events themselves
 * (when cached); each thread also has K private slots for a firm-event another thread is still
 * computing, or for every draw when there is no cache. The residuals themselves are not kept
 * (8 bytes a value would make the store four times larger and slower to read): the few places
 * that need them (the correlations of same-day pairs, rows with ties) recompute them from the
 * firm's returns and the stored alpha and beta.
 */
export interface ElementStore {
  /**
   * Doubled mid-ranks of each value of the row (Corrado); slots x `r2Stride` (M rounded up to an
   * even number, so that a row is also a whole number of 32-bit pairs: see `trialTests`).
   */
  r2: Int16Array;
  r2Stride: number;
  /** For each shift, how many values day 0 passes; -1 when the slot needs full ranks (ties); slots x shifts. */
  moved: Int16Array;
  /** The row positions day 0 passes under the largest shift, in ascending order, at `passOff[slot]`. */
  passData: Int16Array;
  passOff: Int32Array;
  /** Next free entry of `passData` for cached firm-events (bumped with Atomics), and where the private slots' fixed parts begin. */
  passNext: Int32Array;
  passPrivate: number;
  /** ar0, sd0 (forecast-error-corrected), fraction of positive estimation residuals, sigma², alpha, beta; slots x 6. */
  scal: Float64Array;
  /** Per cached firm-event: 0 not computed, 1 being computed, 2 ready (Atomics across threads). */
  state: Int32Array;
  /** Number of firm-events cached (0: no cache) and of private slots per thread. */
  pool: number;
  privatePerThread: number;
}

/** Bytes of the store per cached firm-event. */
export function bytesPerSlot(M: number, shifts: number): number {
  return (M + (M & 1)) * 2 + Math.ceil(M / 2) * 2 + 4 + shifts * 2 + SCALARS * 8 + 4;
}

/**
 * A store for `pool` cached firm-events (0 for none) plus `threads` x `K` private slots, in
 * SharedArrayBuffers when `shared` (so worker threads fill and read the same cache).
 */
export function createStore(pool: number, threads: number, K: number, M: number, shifts: number, shared: boolean): ElementStore {
  const slots = pool + threads * K;
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  // Cached firm-events share a region sized for M/2 passed values each on average (a firm-event
  // that does not fit takes the slow path); private slots have M entries each.
  const passPrivate = pool * Math.ceil(M / 2);
  return {
    r2: new Int16Array(buf(slots * (M + (M & 1)) * 2)),
    r2Stride: M + (M & 1),
    moved: new Int16Array(buf(Math.max(1, slots * shifts) * 2)),
    passData: new Int16Array(buf((passPrivate + threads * K * M) * 2)),
    passOff: new Int32Array(buf(slots * 4)),
    passNext: new Int32Array(buf(4)),
    passPrivate,
    scal: new Float64Array(buf(slots * SCALARS * 8)),
    state: new Int32Array(buf(Math.max(1, pool) * 4)),
    pool,
    privatePerThread: K,
  };
}

/** Which half of a 32-bit word holds the first of two 16-bit values (0: the low half, on little-endian machines). */
const LOW = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 0 : 1;

/** Number of buckets of the rank sort. */
const BUCKETS = 256;

/** Every buffer of a kernel call, allocated once. */
interface Scratch {
  K: number;
  n: number;
  L: number;
  M: number;
  /** Position of day 0 in a row (n estimation days, then the L event days). */
  d0: number;
  /** This thread's first private slot. */
  privateBase: number;
  /** The drawn firm-events, the store slot holding each, its firm, its event day and its estimation window's first day. */
  firmEvent: Int32Array;
  slot: Int32Array;
  firm: Int32Array;
  day: Int32Array;
  start: Int32Array;
  /** The shifts' indices in increasing order of shift (day 0 passes more values as the shift grows). */
  order: Int32Array;
  ar0: Float64Array;
  sd0: Float64Array;
  port: Float64Array;
  /** Sum over the trial's firm-events of the doubled rank at each position, and its shifted copy (exact integers). */
  R2: Int32Array;
  R2shift: Int32Array;
  /**
   * The store's doubled ranks read two at a time (a 32-bit word holds two 16-bit ranks), when the
   * sums of K of them fit in 16 bits (K * 2M < 2^16); their pairwise sums. Null otherwise.
   */
  pairs32: Int32Array | null;
  R2pair: Int32Array;
  /** A firm-event's residuals (n + L), and a second firm-event's estimation residuals (correlations). */
  row: Float64Array;
  row2: Float64Array;
  sorted: Int32Array;
  bucketOf: Int32Array;
  counts: Int32Array;
  xs: Float64Array;
  absBuf: Float64Array;
  signBuf: Int8Array;
  ranks2: Int32Array;
  dist: Float64Array;
  tmpVals: Float64Array;
  tmpIdx: Int32Array;
  tmpR: Float64Array;
  tmpVals2: Float64Array;
  /** The trial's aggregates (see `aggregate`). */
  pHat: number;
  arMean: number;
  arSd: number;
  portSd: number;
  rBar: number;
  rBad: boolean;
  /** The Wilcoxon result of the last call: statistic and decision (0, 1, or 2 = not computed). */
  wz: number;
  wReject: number;
}

function scratch(K: number, n: number, L: number, w0: number, store: ElementStore, thread: number, shifts: readonly number[]): Scratch {
  const M = n + L;
  const privateBase = store.pool + thread * store.privatePerThread;
  const wMax = Math.min(K, WILCOXON_EXACT_MAX);
  return {
    K,
    n,
    L,
    M,
    d0: n - w0,
    privateBase,
    firmEvent: new Int32Array(K),
    slot: new Int32Array(K),
    firm: new Int32Array(K),
    day: new Int32Array(K),
    start: new Int32Array(K),
    order: Int32Array.from(shifts.map((_, i) => i).sort((x, y) => shifts[x]! - shifts[y]! || x - y)),
    ar0: new Float64Array(K),
    sd0: new Float64Array(K),
    port: new Float64Array(n),
    R2: new Int32Array(M + 1),
    R2shift: new Int32Array(M + 1),
    pairs32: K * 2 * M < 0x10000 ? new Int32Array(store.r2.buffer, store.r2.byteOffset, store.r2.length >> 1) : null,
    R2pair: new Int32Array((M + 1) >> 1),
    row: new Float64Array(M),
    row2: new Float64Array(M),
    sorted: new Int32Array(M),
    bucketOf: new Int32Array(M),
    counts: new Int32Array(BUCKETS + 1),
    xs: new Float64Array(K),
    absBuf: new Float64Array(K),
    signBuf: new Int8Array(K),
    ranks2: new Int32Array(K),
    dist: new Float64Array(wMax * (wMax + 1) + 1),
    tmpVals: new Float64Array(M),
    tmpIdx: new Int32Array(M),
    tmpR: new Float64Array(M),
    tmpVals2: new Float64Array(M),
    pHat: 0,
    arMean: 0,
    arSd: 0,
    portSd: 0,
    rBar: 0,
    rBad: false,
    wz: NaN,
    wReject: 2,
  };
}

/**
 * Run trials `from..to-1` of a calibration, reading and filling `store` (thread `thread`'s private
 * slots are its own). The hot work is split in small functions: V8 optimizes each sooner than one
 * large one, which matters for a run of a fraction of a second.
 */
export function runCalibrationTrials(
  data: CalibrationData,
  p: KernelParams,
  store: ElementStore,
  thread: number,
  from: number,
  to: number,
  record = false,
): KernelOutput {
  const K = p.K;
  const n = data.estimation[1] - data.estimation[0] + 1;
  const L = data.window[1] - data.window[0] + 1;
  const S = p.shifts.length;
  const trials = to - from;
  const out: KernelOutput = {
    from,
    to,
    reject: new Uint8Array(trials * S * TEST_COUNT),
    stats: new Float64Array(trials * S * TEST_COUNT),
    sigma2: new Float64Array(trials),
    sameDatePairs: new Int32Array(trials),
    draws: record ? new Int32Array(trials * K * 2) : null,
  };
  const sc = scratch(K, n, L, data.window[0], store, thread, p.shifts);
  const rng = new RandomStream(p.seed, from);
  for (let t = from; t < to; t++) {
    const row = t - from;
    rng.reseed(p.seed, t);
    drawFirmEvents(sc, data, rng);
    out.sigma2[row] = placeFirmEvents(sc, data, p, store);
    if (out.draws) {
      for (let j = 0; j < K; j++) {
        out.draws[(row * K + j) * 2] = sc.firm[j]!;
        out.draws[(row * K + j) * 2 + 1] = sc.day[j]!;
      }
    }
    trialTests(sc, p, store, out, row, data);
  }
  return out;
}

/**
 * Makes sure each drawn firm-event is in the store (computing it, or a private copy when another
 * thread is computing it), and copies what the trial reads often. Returns the mean sigma².
 */
function placeFirmEvents(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore): number {
  const { K, firmEvent, slot, firm, day, start, ar0, sd0 } = sc;
  const { state, scal } = store;
  const cached = store.pool > 0;
  const e0 = data.estimation[0];
  let sigma2Sum = 0;
  for (let j = 0; j < K; j++) {
    const g = firmEvent[j]!;
    let sl = sc.privateBase + j;
    if (cached) {
      const st = Atomics.load(state, g);
      if (st === 2) sl = g;
      else if (st === 0 && Atomics.compareExchange(state, g, 0, 1) === 0) {
        computeElement(sc, data, p, store, g, g);
        Atomics.store(state, g, 2);
        sl = g;
      } else computeElement(sc, data, p, store, g, sl); // another thread is on it: compute a private copy
    } else computeElement(sc, data, p, store, g, sl);
    slot[j] = sl;
    firm[j] = firmOf(data, g);
    day[j] = data.events[g]!;
    start[j] = day[j]! + e0;
    ar0[j] = scal[sl * SCALARS + S_AR0]!;
    sd0[j] = scal[sl * SCALARS + S_SD0]!;
    sigma2Sum += scal[sl * SCALARS + S_SIGMA2]!;
  }
  return sigma2Sum / K;
}

/** The firm of firm-event g (binary search in `eventStart`). */
function firmOf(data: CalibrationData, g: number): number {
  let lo = 0;
  let hi = data.F - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (data.eventStart[mid]! <= g) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Draw the trial's K distinct firm-events: a firm uniformly, then one of its feasible event days
 * uniformly (Brown & Warner: securities at random, each with its own random event date).
 */
function drawFirmEvents(sc: Scratch, data: CalibrationData, rng: RandomStream): void {
  const { firmEvent, K } = sc;
  const { eventStart, F } = data;
  for (let j = 0; j < K; j++) {
    for (;;) {
      const f = rng.int(F);
      const a = eventStart[f]!;
      const g = a + rng.int(eventStart[f + 1]! - a);
      let dup = false;
      for (let q = 0; q < j; q++) {
        if (firmEvent[q] === g) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      firmEvent[j] = g;
      break;
    }
  }
}

/**
 * Firm-event g into `slot`: the market-model fit from prefix sums, its estimation and event-window
 * abnormal returns, the day-0 abnormal return and its forecast-error-corrected standard error, the
 * fraction of positive estimation residuals, sigma², the doubled mid-ranks of the row and, for each
 * shift, which values day 0 passes.
 */
function computeElement(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore, g: number, slot: number): void {
  const { T, r, m, pm, pmm, pr, prr, prm } = data;
  const f = firmOf(data, g);
  const e = data.events[g]!;
  const e0 = data.estimation[0];
  const { n, M, d0, row } = sc;
  const s = e + e0;
  const u = s + n;
  const fb = f * (T + 1);
  const Sx = pm[u]! - pm[s]!;
  const Sy = pr[fb + u]! - pr[fb + s]!;
  const Sxx = pmm[u]! - pmm[s]! - (Sx * Sx) / n;
  const Syy = prr[fb + u]! - prr[fb + s]! - (Sy * Sy) / n;
  const Sxy = prm[fb + u]! - prm[fb + s]! - (Sx * Sy) / n;
  const b = Sxy / Sxx;
  const a = (Sy - b * Sx) / n;
  const sigma2 = (Syy - b * Sxy) / (n - 2);
  fullRow(data, f, e, a, b, n, row);
  let pos = 0;
  for (let q = 0; q < n; q++) if (row[q]! > 0) pos++;
  const x0 = m[e]! - Sx / n;
  const ar0 = row[d0]!;
  const o = slot * SCALARS;
  store.scal[o + S_AR0] = ar0;
  // Forecast-error-corrected standard error (CLM 1997 eq. 4.4.9; Patell 1976).
  store.scal[o + S_SD0] = Math.sqrt(sigma2 * (1 + 1 / n + (x0 * x0) / Sxx));
  store.scal[o + S_FRAC] = pos / n;
  store.scal[o + S_SIGMA2] = sigma2;
  store.scal[o + S_ALPHA] = a;
  store.scal[o + S_BETA] = b;
  const k0 = rankRow(sc, row, store.r2, slot * store.r2Stride, Math.sqrt(sigma2));
  const S = p.shifts.length;
  const moved = store.moved;
  const slow = () => {
    for (let si = 0; si < S; si++) moved[slot * S + si] = -1;
  };
  if (k0 < 0) return slow();
  // The values day 0 passes under each shift: those strictly between AR0 and AR0 + d, in sorted
  // order; a shift landing exactly on a value (a tie) sends the slot to the full path.
  const sorted = sc.sorted;
  let maxMoved = 0;
  for (let si = 0; si < S; si++) {
    const d = p.shifts[si]!;
    if (d === 0) {
      moved[slot * S + si] = 0;
      continue;
    }
    const nv = ar0 + d;
    let z = k0 + 1;
    while (z < M && row[sorted[z]!]! < nv) z++;
    if (z < M && row[sorted[z]!]! === nv) return slow();
    moved[slot * S + si] = z - k0 - 1;
    if (z - k0 - 1 > maxMoved) maxMoved = z - k0 - 1;
  }
  let off: number;
  if (slot < store.pool) {
    off = Atomics.add(store.passNext, 0, maxMoved);
    if (off + maxMoved > store.passPrivate) return slow(); // the shared region is full
  } else off = store.passPrivate + (slot - store.pool) * M;
  store.passOff[slot] = off;
  const pass = store.passData;
  for (let y = 0; y < maxMoved; y++) pass[off + y] = sorted[k0 + 1 + y]!;
}

/** Firm f's abnormal returns around event day e under the fit (a, b): n estimation days, then the event window, into `out`. */
function fullRow(data: CalibrationData, f: number, e: number, a: number, b: number, n: number, out: Float64Array): void {
  const { T, r, m } = data;
  const s = e + data.estimation[0];
  const fr = f * T + s;
  for (let q = 0; q < n; q++) out[q] = r[fr + q]! - a - b * m[s + q]!;
  const ws = e + data.window[0];
  const fw = f * T + ws;
  const L = data.window[1] - data.window[0] + 1;
  for (let q = 0; q < L; q++) out[n + q] = r[fw + q]! - a - b * m[ws + q]!;
}

/** The bucket of a residual from its size in residual sigmas: GRID cells of 1/GRID_STEP sigma over [-8, 8). */
const GRID_STEP = 128;
const GRID_HALF = 8 * GRID_STEP;
const GRID = 2 * GRID_HALF;
const BUCKET_OF = (() => {
  const out = new Uint8Array(GRID);
  for (let i = 0; i < GRID; i++) {
    const z = (i + 0.5 - GRID_HALF) / GRID_STEP;
    // Normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7: only used to spread values over buckets).
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    const cdf = z < 0 ? (1 - erf) / 2 : (1 + erf) / 2;
    out[i] = Math.min(BUCKETS - 1, Math.floor(cdf * BUCKETS));
  }
  return out;
})();

/**
 * Sorts `row` (into `sc.sorted`) and writes each value's doubled mid-rank into `r2` at `base`
 * (Corrado 1989: U = rank/(M + 1) - 1/2). A bucket pass (buckets of equal normal probability in
 * units of the residual sigma, so about one value each) pre-orders the row; an insertion pass
 * makes the order exact and detects ties. Returns day 0's sorted position, or -1 when the row has
 * ties.
 */
function rankRow(sc: Scratch, row: Float64Array, r2: Int16Array, base: number, sigma: number): number {
  bucketSort(row, sc.M, sigma, sc.sorted, sc.bucketOf, sc.counts);
  if (!insertionPass(row, sc.M, sc.sorted)) return writeRanks(sc.sorted, sc.M, r2, base, sc.d0);
  writeMidranks(row, sc.M, sc.sorted, r2, base);
  return -1;
}

/** Orders the positions of `row` by bucket (BUCKET_OF of value / sigma) into `sorted`. */
function bucketSort(row: Float64Array, M: number, sigma: number, sorted: Int32Array, bucketOf: Int32Array, counts: Int32Array): void {
  // z = value / sigma on a grid of GRID_STEP, then the bucket of its normal quantile (BUCKET_OF):
  // about one value per bucket, so the insertion pass has little to move.
  const scale = sigma > 0 ? GRID_STEP / sigma : 0;
  counts.fill(0);
  for (let q = 0; q < M; q++) {
    let cell = (row[q]! * scale + GRID_HALF) | 0;
    if (cell < 0) cell = 0;
    else if (cell >= GRID) cell = GRID - 1;
    const bk = BUCKET_OF[cell]!;
    bucketOf[q] = bk;
    counts[bk + 1]!++;
  }
  for (let bk = 0; bk < BUCKETS; bk++) counts[bk + 1]! += counts[bk]!;
  for (let q = 0; q < M; q++) sorted[counts[bucketOf[q]!]!++] = q;
}

/** Finishes sorting `sorted` by the values of `row` (insertion; the buckets left little to do). Returns whether two values are equal. */
function insertionPass(row: Float64Array, M: number, sorted: Int32Array): boolean {
  let tied = false;
  for (let q = 1; q < M; q++) {
    const idx = sorted[q]!;
    const v = row[idx]!;
    let z = q - 1;
    let w = row[sorted[z]!]!;
    if (w <= v) {
      if (w === v) tied = true;
      continue;
    }
    do {
      sorted[z + 1] = sorted[z]!;
      z--;
    } while (z >= 0 && (w = row[sorted[z]!]!) > v);
    if (z >= 0 && w === v) tied = true;
    sorted[z + 1] = idx;
  }
  return tied;
}

/** Doubled ranks 2(q + 1) of the sorted positions (no ties) into `r2` at `base`; returns day 0's sorted position. */
function writeRanks(sorted: Int32Array, M: number, r2: Int16Array, base: number, d0: number): number {
  let k0 = 0;
  for (let q = 0; q < M; q++) {
    const idx = sorted[q]!;
    r2[base + idx] = 2 * (q + 1);
    if (idx === d0) k0 = q;
  }
  return k0;
}

/** Doubled mid-ranks of the sorted positions (with ties) into `r2` at `base`. */
function writeMidranks(row: Float64Array, M: number, sorted: Int32Array, r2: Int16Array, base: number): void {
  for (let q = 0; q < M; ) {
    const v = row[sorted[q]!]!;
    let z = q + 1;
    while (z < M && row[sorted[z]!]! === v) z++;
    for (let y = q; y < z; y++) r2[base + sorted[y]!] = q + 1 + z; // doubled mid-rank
    q = z;
  }
}

/** Doubled mid-ranks of `row` with day 0 shifted by d, into `out` (the rare path: ties). */
function rowMidranks2(sc: Scratch, row: Float64Array, d: number, out: Float64Array): void {
  const { M, tmpVals, tmpIdx, d0 } = sc;
  for (let q = 0; q < M; q++) tmpVals[q] = row[q]!;
  tmpVals[d0] = tmpVals[d0]! + d;
  midranksInto(tmpVals, tmpIdx, out, M);
  for (let q = 0; q < M; q++) out[q] = 2 * out[q]!;
}

/** Writes one test's statistic and decision (2 when it cannot be computed: a NaN statistic). */
function put(out: KernelOutput, o: number, test: number, stat: number, reject: number): void {
  out.stats[o + test] = stat;
  out.reject[o + test] = stat !== stat ? 2 : reject;
}

/**
 * The trial's sums over its firm-events: the portfolio's residual at each estimation day (Brown &
 * Warner), from the firms' own returns (a few hundred kB that stay in the cache):
 * `sum_i e_ip = sum_i (r_i,p - b_i m_p) - sum_i a_i`; the doubled rank sums at each position
 * (Corrado), two at a time when they fit in 16 bits; the mean positive fraction (Cowan); the mean
 * and sd of the day-0 abnormal returns.
 */
function aggregate(sc: Scratch, store: ElementStore, data: CalibrationData): void {
  // Small functions, each with one loop: V8 optimizes each with the feedback of all its code
  // (one large function optimized in its first loop would deoptimize at the next one).
  const aSum = sumPortfolio(sc, store, data);
  if (sc.pairs32) {
    sumRankPairs(sc, store);
    unpackRankPairs(sc);
  } else sumRanks(sc, store);
  sc.portSd = portfolioSd(sc.port, sc.n, sc.K, aSum);
  sc.pHat = meanScalar(sc, store, S_FRAC);
  dayZeroMeanSd(sc);
}

/** Portfolio sums `sum_j (r_j,p - b_j m_p)` over the trial's firm-events; returns `sum_j a_j`. */
function sumPortfolio(sc: Scratch, store: ElementStore, data: CalibrationData): number {
  const { K, n, port, slot, firm, start } = sc;
  const scal = store.scal;
  const { r, m, T } = data;
  port.fill(0);
  let aSum = 0;
  for (let j = 0; j < K; j++) {
    const sl = slot[j]!;
    const b = scal[sl * SCALARS + S_BETA]!;
    aSum += scal[sl * SCALARS + S_ALPHA]!;
    const fr = firm[j]! * T + start[j]!;
    const ms = start[j]!;
    for (let q = 0; q < n; q++) port[q] = port[q]! + (r[fr + q]! - b * m[ms + q]!);
  }
  return aSum;
}

/** Doubled rank sums at each position, two positions per 32-bit add (no carry: K * 2M < 2^16). */
function sumRankPairs(sc: Scratch, store: ElementStore): void {
  const { K, slot, R2pair } = sc;
  const pairs32 = sc.pairs32!;
  const half = store.r2Stride >> 1;
  R2pair.fill(0);
  for (let j = 0; j < K; j++) {
    const base2 = slot[j]! * half;
    for (let q = 0; q < half; q++) R2pair[q] = R2pair[q]! + pairs32[base2 + q]!;
  }
}

/** The two 16-bit sums of each 32-bit word into `R2` (index M, when M is odd, is the padding). */
function unpackRankPairs(sc: Scratch): void {
  const { R2, R2pair } = sc;
  const half = R2pair.length;
  for (let q = 0; q < half; q++) {
    const w = R2pair[q]!;
    R2[2 * q + LOW] = w & 0xffff;
    R2[2 * q + 1 - LOW] = w >>> 16;
  }
}

/** Doubled rank sums at each position, one at a time (when K * 2M >= 2^16). */
function sumRanks(sc: Scratch, store: ElementStore): void {
  const { K, M, slot, R2 } = sc;
  const { r2, r2Stride } = store;
  R2.fill(0);
  for (let j = 0; j < K; j++) {
    const base = slot[j]! * r2Stride;
    for (let q = 0; q < M; q++) R2[q] = R2[q]! + r2[base + q]!;
  }
}

/** Brown & Warner: sd (T - 1) of the portfolio's mean residual `(port_p - aSum) / K` over the n estimation days. */
function portfolioSd(port: Float64Array, n: number, K: number, aSum: number): number {
  let mean = 0;
  for (let q = 0; q < n; q++) {
    port[q] = (port[q]! - aSum) / K;
    mean += port[q]!;
  }
  mean /= n;
  let ss = 0;
  for (let q = 0; q < n; q++) {
    const dv = port[q]! - mean;
    ss += dv * dv;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Mean over the trial's firm-events of one stored scalar. */
function meanScalar(sc: Scratch, store: ElementStore, which: number): number {
  let s = 0;
  for (let j = 0; j < sc.K; j++) s += store.scal[sc.slot[j]! * SCALARS + which]!;
  return s / sc.K;
}

/** Mean and sd (K - 1) of the day-0 abnormal returns. */
function dayZeroMeanSd(sc: Scratch): void {
  const { K, ar0 } = sc;
  let mean = 0;
  for (let j = 0; j < K; j++) mean += ar0[j]!;
  mean /= K;
  let ss = 0;
  for (let j = 0; j < K; j++) {
    const dv = ar0[j]! - mean;
    ss += dv * dv;
  }
  sc.arMean = mean;
  sc.arSd = Math.sqrt(ss / (K - 1));
}

/**
 * Kolari & Pynnönen: the average correlation over all K(K-1)/2 pairs, zero unless the event days
 * match; the estimation residuals of a same-day pair are recomputed from the returns and each fit
 * (such pairs are few). Returns the number of same-day pairs.
 */
function sameDayCorrelation(sc: Scratch, store: ElementStore, data: CalibrationData): number {
  const { K, n, slot, firm, day } = sc;
  const scal = store.scal;
  let rSum = 0;
  let pairs = 0;
  let rBad = false;
  for (let i = 0; i < K; i++) {
    const ei = day[i]!;
    for (let j = i + 1; j < K; j++) {
      if (day[j] !== ei) continue;
      pairs++;
      fullRow(data, firm[i]!, ei, scal[slot[i]! * SCALARS + S_ALPHA]!, scal[slot[i]! * SCALARS + S_BETA]!, n, sc.row);
      fullRow(data, firm[j]!, ei, scal[slot[j]! * SCALARS + S_ALPHA]!, scal[slot[j]! * SCALARS + S_BETA]!, n, sc.row2);
      const c = correlation(sc.row, sc.row2, n);
      if (c !== c) rBad = true;
      else rSum += c;
    }
  }
  sc.rBar = rSum / ((K * (K - 1)) / 2);
  sc.rBad = rBad;
  return pairs;
}

/** The parametric tests and the sign tests on day 0 with shift d, into the outputs at `o`. */
function parametricTests(sc: Scratch, p: KernelParams, out: KernelOutput, o: number, d: number): void {
  const { K, n, ar0, sd0, xs, arMean, arSd, portSd, rBar, pHat } = sc;
  const df = n - 2;
  // Brown & Warner 1980 and 1985 (equal here: no missing return in any window).
  const bw = portSd > 0 ? (arMean + d) / portSd : NaN;
  put(out, o, T_BW1980, bw, Math.abs(bw) > p.critBw ? 1 : 0);
  put(out, o, T_BW1985, bw, Math.abs(bw) > p.critBw ? 1 : 0);
  // Cross-sectional t (the shift moves the mean, not the spread).
  const cs = arSd > 0 ? (arMean + d) / (arSd / Math.sqrt(K)) : NaN;
  put(out, o, T_CROSS, cs, Math.abs(cs) > p.critCross ? 1 : 0);
  // Patell and BMP on standardized abnormal returns.
  let zSum = 0;
  for (let j = 0; j < K; j++) {
    const z = (ar0[j]! + d) / sd0[j]!;
    xs[j] = z;
    zSum += z;
  }
  const patell = df > 2 ? zSum / Math.sqrt((K * df) / (df - 2)) : NaN;
  put(out, o, T_PATELL, patell, Math.abs(patell) > p.critZ ? 1 : 0);
  const zMean = zSum / K;
  let zSs = 0;
  for (let j = 0; j < K; j++) {
    const dv = xs[j]! - zMean;
    zSs += dv * dv;
  }
  const zSd = Math.sqrt(zSs / (K - 1));
  const bmp = zSd > 0 ? zMean / (zSd / Math.sqrt(K)) : NaN;
  put(out, o, T_BMP, bmp, Math.abs(bmp) > p.critCross ? 1 : 0);
  const kpDen = 1 + (K - 1) * rBar;
  const kp = !sc.rBad && bmp === bmp && kpDen > 0 && rBar < 1 ? bmp * Math.sqrt((1 - rBar) / kpDen) : NaN;
  put(out, o, T_KP, kp, Math.abs(kp) > p.critCross ? 1 : 0);
  // Sign test (zeros dropped, exact region) and Cowan's generalized sign test.
  let nz = 0;
  let positive = 0;
  for (let j = 0; j < K; j++) {
    const v = ar0[j]! + d;
    if (v !== 0) {
      nz++;
      if (v > 0) positive++;
    }
  }
  if (nz > 0) {
    const c = p.signLow[nz]!;
    put(out, o, T_SIGN, (positive - nz / 2) / Math.sqrt(nz / 4), positive <= c || positive >= nz - c ? 1 : 0);
  } else put(out, o, T_SIGN, NaN, 2);
  const gs = pHat > 0 && pHat < 1 ? (positive - K * pHat) / Math.sqrt(K * pHat * (1 - pHat)) : NaN;
  put(out, o, T_GSIGN, gs, Math.abs(gs) > p.critZ ? 1 : 0);
}

/**
 * Corrado's rank statistic on day 0 after shift number `oi` in increasing order (`si` its index in
 * `p.shifts`). A shift d > 0 moves day 0 up past the values in (AR0, AR0 + d), each of which loses
 * one rank (two doubled) while day 0 gains as many; the values passed under one shift are passed
 * under every larger one, so `R2shift` is updated incrementally from the previous shift's state.
 */
function rankTest(sc: Scratch, p: KernelParams, store: ElementStore, data: CalibrationData, oi: number, prevShift: number): number {
  const { K, n, M, d0, R2shift, slot, firm, day, order } = sc;
  const { r2, passData, passOff, moved, scal } = store;
  const S = p.shifts.length;
  const si = order[oi]!;
  const d = p.shifts[si]!;
  const stride = store.r2Stride;
  let u2Sum = 0;
  for (let j = 0; j < K; j++) {
    const sl = slot[j]!;
    const base = sl * stride;
    const mv = moved[sl * S + si]!;
    if (mv >= 0) {
      const before = oi > 0 ? Math.max(0, moved[sl * S + order[oi - 1]!]!) : 0;
      const off = passOff[sl]!;
      for (let y = before; y < mv; y++) R2shift[passData[off + y]!]! -= 2;
      R2shift[d0]! += 2 * (mv - before);
      u2Sum += r2[base + d0]! + 2 * mv;
    } else {
      // Ties: full mid-ranks after this shift and after the previous one (what R2shift holds).
      const after = sc.tmpR;
      const prev = sc.tmpVals2;
      fullRow(data, firm[j]!, day[j]!, scal[sl * SCALARS + S_ALPHA]!, scal[sl * SCALARS + S_BETA]!, n, sc.row);
      rowMidranks2(sc, sc.row, d, after);
      if (oi > 0 && prevShift !== 0) rowMidranks2(sc, sc.row, prevShift, prev);
      else for (let q = 0; q < M; q++) prev[q] = r2[base + q]!;
      for (let q = 0; q < M; q++) R2shift[q]! += after[q]! - prev[q]!;
      u2Sum += after[d0]!;
    }
  }
  // U = r2 / (2(M + 1)) - 1/2: the rank sums at each position, from the exact integer sums.
  const twoM1 = 2 * (M + 1);
  const halfK = K / 2;
  let ss = 0;
  for (let q = 0; q < M; q++) {
    const u = R2shift[q]! / twoM1 - halfK;
    ss += (u * u) / K;
  }
  const rankS = Math.sqrt(ss / M);
  return rankS > 0 ? (u2Sum / twoM1 - halfK) / Math.sqrt(K) / rankS : NaN;
}

/** The ten tests on day 0 for every shift, once the trial's firm-events are in the store. */
function trialTests(sc: Scratch, p: KernelParams, store: ElementStore, out: KernelOutput, row: number, data: CalibrationData): void {
  aggregate(sc, store, data);
  out.sameDatePairs[row] = sameDayCorrelation(sc, store, data);
  const S = p.shifts.length;
  sc.R2shift.set(sc.R2);
  let prevShift = 0;
  for (let oi = 0; oi < S; oi++) {
    const si = sc.order[oi]!;
    const d = p.shifts[si]!;
    const o = (row * S + si) * TEST_COUNT;
    parametricTests(sc, p, out, o, d);
    const rank = rankTest(sc, p, store, data, oi, prevShift);
    put(out, o, T_RANK, rank, Math.abs(rank) > p.critZ ? 1 : 0);
    wilcoxon(sc, p, d);
    put(out, o, T_WILCOXON, sc.wz, sc.wReject);
    prevShift = d;
  }
}

/** The Wilcoxon signed-rank test of the K day-0 abnormal returns plus d (zeros dropped), into `sc.wz`, `sc.wReject`. */
function wilcoxon(sc: Scratch, p: KernelParams, d: number): void {
  const { K, ar0, absBuf, signBuf, ranks2, dist } = sc;
  let nz = 0;
  for (let j = 0; j < K; j++) {
    const v = ar0[j]! + d;
    if (v !== 0) {
      absBuf[nz] = Math.abs(v);
      signBuf[nz] = v > 0 ? 1 : -1;
      nz++;
    }
  }
  if (nz === 0) {
    sc.wz = NaN;
    sc.wReject = 2;
    return;
  }
  // Insertion sort of |values| carrying their signs; mid-ranks; W+ doubled (an integer).
  for (let q = 1; q < nz; q++) {
    const v = absBuf[q]!;
    const sg = signBuf[q]!;
    let z = q - 1;
    while (z >= 0 && absBuf[z]! > v) {
      absBuf[z + 1] = absBuf[z]!;
      signBuf[z + 1] = signBuf[z]!;
      z--;
    }
    absBuf[z + 1] = v;
    signBuf[z + 1] = sg;
  }
  let w2 = 0;
  let ties = 0;
  for (let q = 0; q < nz; ) {
    let z = q + 1;
    while (z < nz && absBuf[z] === absBuf[q]) z++;
    const tcount = z - q;
    if (tcount > 1) ties += tcount * tcount * tcount - tcount;
    const r2 = q + 1 + z; // doubled mid-rank
    for (let y = q; y < z; y++) {
      ranks2[y] = r2;
      if (signBuf[y]! > 0) w2 += r2;
    }
    q = z;
  }
  const mean = (nz * (nz + 1)) / 4;
  const variance = (nz * (nz + 1) * (2 * nz + 1)) / 24 - ties / 48;
  const zstat = variance > 0 ? (w2 / 2 - mean) / Math.sqrt(variance) : NaN;
  sc.wz = zstat;
  if (nz > WILCOXON_EXACT_MAX) {
    sc.wReject = Math.abs(zstat) > p.critZ ? 1 : 0;
    return;
  }
  if (ties === 0 && nz <= p.wilcoxonMax) {
    sc.wReject = p.wilcoxonReject[nz * p.wilcoxonStride + w2 / 2]!;
    return;
  }
  // Ties: the exact conditional distribution given the mid-ranks (as the battery computes it).
  const total2 = nz * (nz + 1);
  dist.fill(0, 0, total2 + 1);
  dist[0] = 1;
  let reach = 0;
  for (let i = 0; i < nz; i++) {
    const rr = ranks2[i]!;
    reach += rr;
    for (let q = reach; q >= rr; q--) dist[q] = 0.5 * (dist[q]! + dist[q - rr]!);
    for (let q = rr - 1; q >= 0; q--) dist[q] = 0.5 * dist[q]!;
  }
  let lower = 0;
  for (let q = 0; q <= w2; q++) lower += dist[q]!;
  let upper = 0;
  for (let q = w2; q <= total2; q++) upper += dist[q]!;
  sc.wReject = Math.min(1, 2 * Math.min(lower, upper)) < p.alpha ? 1 : 0;
}

/** Pearson correlation of the first `n` entries of `x` and `y` (two passes, centred). */
function correlation(x: Float64Array, y: Float64Array, n: number): number {
  let mx = 0;
  let my = 0;
  for (let q = 0; q < n; q++) {
    mx += x[q]!;
    my += y[q]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let q = 0; q < n; q++) {
    const u = x[q]! - mx;
    const v = y[q]! - my;
    sxy += u * v;
    sxx += u * u;
    syy += v * v;
  }
  if (!(sxx > 0 && syy > 0)) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Mid-ranks (1-based) of `vals[0..m)` into `ranks`, by an insertion sort of `idx` (the rare path). */
function midranksInto(vals: Float64Array, idx: Int32Array, ranks: Float64Array, m: number): void {
  for (let q = 0; q < m; q++) idx[q] = q;
  for (let q = 1; q < m; q++) {
    const i = idx[q]!;
    const v = vals[i]!;
    let z = q - 1;
    while (z >= 0 && vals[idx[z]!]! > v) {
      idx[z + 1] = idx[z]!;
      z--;
    }
    idx[z + 1] = i;
  }
  for (let q = 0; q < m; ) {
    const v = vals[idx[q]!]!;
    let z = q + 1;
    while (z < m && vals[idx[z]!]! === v) z++;
    const rk = (q + 1 + z) / 2;
    for (let y = q; y < z; y++) ranks[idx[y]!] = rk;
    q = z;
  }
}
