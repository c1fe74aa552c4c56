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
 *   values day 0 passes under each shift) is computed once per firm-event, before the trials, into
 *   a store shared by the threads (`ElementStore`, SharedArrayBuffers): a calibration draws its
 *   firm-events from a finite set (about 11,000 here), so 1,000 trials of 50 reuse each one four
 *   or five times. A trial then only aggregates: the portfolio series from the firms' returns,
 *   the rank sums two 16-bit values per 32-bit addition, four firm-events per pass over the sums;
 * - ranks (Corrado): the firm-events are computed in order, so consecutive ones are usually the
 *   same firm a day apart, whose rows share all but a few days and whose fits differ little: the
 *   previous row's order is kept, the values recomputed and put back in order by insertion (few
 *   move, and not far), the entering days inserted by binary search (`resortFrom`). A row with no
 *   such predecessor is sorted afresh (a bucket pass over buckets of equal normal probability,
 *   then an insertion pass). Both are exact sorts that find ties (which get mid-ranks). Ranks are
 *   kept doubled (integers), so sums over firm-events are exact integer sums. A shift d of day 0
 *   only lowers by one the rank of the values it passes: for each shift the store keeps how many
 *   values day 0 passes and which (in sorted order), so no shift sorts again;
 * - pairwise correlations (Kolari & Pynnönen) only for firm-events that share an event date;
 * - Wilcoxon: the day-0 abnormal returns sorted once per trial; adding a shift keeps their order,
 *   so their absolute values in order are a merge of the negative ones (backwards) and the
 *   positive ones;
 * - p-values are never computed: a test rejects at level alpha when |stat| exceeds the critical
 *   value (Student t, normal) or when the count falls in the exact rejection region (sign,
 *   Wilcoxon up to 50 values), both found once by the caller. `p < alpha` and `|stat| > critical`
 *   are the same event for these continuous, symmetric null distributions.
 * Every floating-point sum is taken in the same order as the battery's definition would (the
 * four-at-a-time passes add each term to its sum one at a time), so the results do not depend on
 * these choices, nor on the threads: a firm-event's entry depends only on the firm-event, a
 * trial's results only on its index. Threads claim blocks of firm-events, then chunks of trials,
 * from counters in shared memory (`calibrationThread`), and write each trial's results into one
 * shared output. Nothing is allocated per trial: all buffers are sized once per call. The work is
 * split in small functions, which V8 optimizes sooner and without deoptimizing (a run lasts a
 * fraction of a second, so the JIT's warm-up is a large part of it).
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
 * (when cached); each thread also has K private slots for every draw when there is no cache (or a
 * draw missing from it). The residuals themselves are not kept
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
  /** Per cached firm-event: 2 when computed (a threaded run computes every one it needs before its trials). */
  state: Uint8Array;
  /** Number of firm-events cached (0: no cache) and of private slots per thread. */
  pool: number;
  privatePerThread: number;
}

/** Bytes of the store per cached firm-event. */
export function bytesPerSlot(M: number, shifts: number): number {
  return (M + (M & 1)) * 2 + Math.ceil(M / 2) * 2 + 4 + shifts * 2 + SCALARS * 8 + 1;
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
    state: new Uint8Array(buf(Math.max(1, pool))),
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
  /** Whether a drawn firm-event missing from the cache is computed into it (one thread alone) rather than into a private slot. */
  fillCache: boolean;
  rng: RandomStream;
  /** Per firm-event: the draw number of the last trial that drew it (`drawFirmEvents`). */
  stamp: Int32Array;
  stampNow: number;
  /** Per calendar day: the draw number of the last trial with a firm-event on it (`sameDayCorrelation`). */
  dayStamp: Int32Array;
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
  /** Positions of the row in sorted order (fresh sorts). */
  sorted: Int32Array;
  /** The sorted row as calendar days and their abnormal returns, kept from one firm-event to the next. */
  sdays: Int32Array;
  svals: Float64Array;
  /** Row position q >= n is calendar day `s + q + gap` (s the estimation window's first day). */
  gap: number;
  /** Firm and event day of the row in `sdays` (-1: none). */
  prevFirm: number;
  prevDay: number;
  bucketOf: Int32Array;
  counts: Int32Array;
  xs: Float64Array;
  absBuf: Float64Array;
  signBuf: Int8Array;
  /** The day-0 abnormal returns in ascending order. */
  arSorted: Float64Array;
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

function scratch(K: number, n: number, L: number, w0: number, gap: number, store: ElementStore, thread: number, shifts: readonly number[], pool: number, T: number): Scratch {
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
    fillCache: false,
    rng: new RandomStream(0, 0),
    stamp: new Int32Array(pool),
    stampNow: 0,
    dayStamp: new Int32Array(T),
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
    sdays: new Int32Array(M),
    svals: new Float64Array(M),
    gap,
    prevFirm: -1,
    prevDay: 0,
    bucketOf: new Int32Array(M),
    counts: new Int32Array(BUCKETS + 1),
    xs: new Float64Array(K),
    absBuf: new Float64Array(K),
    arSorted: new Float64Array(K),
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

/** An output for trials `from..to-1`, in SharedArrayBuffers when `shared`. */
export function createOutput(from: number, to: number, K: number, shifts: number, record: boolean, shared = false): KernelOutput {
  const trials = to - from;
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    from,
    to,
    reject: new Uint8Array(buf(trials * shifts * TEST_COUNT)),
    stats: new Float64Array(buf(trials * shifts * TEST_COUNT * 8)),
    sigma2: new Float64Array(buf(trials * 8)),
    sameDatePairs: new Int32Array(buf(trials * 4)),
    draws: record ? new Int32Array(buf(trials * K * 2 * 4)) : null,
  };
}

/** The buffers of one thread's kernel calls. */
function threadScratch(data: CalibrationData, p: KernelParams, store: ElementStore, thread: number): Scratch {
  const n = data.estimation[1] - data.estimation[0] + 1;
  const L = data.window[1] - data.window[0] + 1;
  return scratch(p.K, n, L, data.window[0], data.window[0] - data.estimation[1] - 1, store, thread, p.shifts, data.events.length, data.T);
}

/**
 * Run trials `from..to-1` of a calibration on this thread alone, reading `store` and filling its
 * cache with the firm-events drawn that are not in it yet (thread `thread`'s private slots are its
 * own). For tests and single calls; `calibrationThread` is the threaded run.
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
  const out = createOutput(from, to, p.K, p.shifts.length, record);
  const sc = threadScratch(data, p, store, thread);
  sc.fillCache = true;
  trialsInto(sc, data, p, store, out, from, to);
  return out;
}

/** Trials `from..to-1` into `out` (whose first row is trial `out.from`). */
function trialsInto(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore, out: KernelOutput, from: number, to: number): void {
  const K = p.K;
  const rng = sc.rng;
  for (let t = from; t < to; t++) {
    const row = t - out.from;
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
}

/** Entries of `CalibrationWork.control`. */
const C_NEXT_ELEMENT = 0;
const C_ELEMENTS_DONE = 1;
const C_NEXT_TRIAL = 2;
const C_TRIALS_DONE = 3;
const C_FAILED = 4;
const CONTROL_SIZE = 5;

/** Firm-events computed per claim (within a claim, a firm's following firm-events are re-sorted, not sorted afresh). */
const ELEMENT_BLOCK = 128;

/**
 * A threaded calibration run: the firm-events to compute first, the counters by which threads
 * claim work, and the output of every trial. Shared by the threads (SharedArrayBuffers).
 */
export interface CalibrationWork {
  trials: number;
  threads: number;
  /** The firm-events the trials draw, ascending; empty without a cache (each draw is then computed in its trial). */
  needed: Int32Array;
  /** Next firm-event and trial to claim, how many are done, and whether a thread failed (Atomics). */
  control: Int32Array;
  /** Every trial's results. */
  out: KernelOutput;
}

/** The work of a run of `trials` trials on `threads` threads (shared buffers when more than one). */
export function createWork(trials: number, threads: number, needed: Int32Array, p: KernelParams, record: boolean): CalibrationWork {
  const shared = threads > 1;
  const control = new Int32Array(shared ? new SharedArrayBuffer(CONTROL_SIZE * 4) : new ArrayBuffer(CONTROL_SIZE * 4));
  let list = needed;
  if (shared) {
    list = new Int32Array(new SharedArrayBuffer(Math.max(1, needed.length) * 4), 0, needed.length);
    list.set(needed);
  }
  return { trials, threads, needed: list, control, out: createOutput(0, trials, p.K, p.shifts.length, record, shared) };
}

/** Trials completed so far in a run. */
export function trialsDone(work: CalibrationWork): number {
  return Atomics.load(work.control, C_TRIALS_DONE);
}

/** Marks a run as failed, so that no thread waits for the others any more. */
export function failWork(work: CalibrationWork): void {
  Atomics.store(work.control, C_FAILED, 1);
  if (work.control.buffer instanceof SharedArrayBuffer) Atomics.notify(work.control, C_ELEMENTS_DONE);
}

/**
 * The firm-events that trials `0..trials-1` draw, ascending: what the cache needs (drawing is
 * cheap; the trials draw them again).
 */
export function drawnFirmEvents(data: CalibrationData, p: KernelParams, trials: number): Int32Array {
  const sc = { K: p.K, firmEvent: new Int32Array(p.K), firm: new Int32Array(p.K), stamp: new Int32Array(data.events.length), stampNow: 0 };
  const mark = new Uint8Array(data.events.length);
  const rng = new RandomStream(p.seed, 0);
  let count = 0;
  for (let t = 0; t < trials; t++) {
    rng.reseed(p.seed, t);
    drawFirmEvents(sc, data, rng);
    for (let j = 0; j < p.K; j++) {
      const g = sc.firmEvent[j]!;
      count += 1 - mark[g]!;
      mark[g] = 1;
    }
  }
  const list = new Int32Array(count);
  for (let g = 0, k = 0; k < count; g++) if (mark[g]) list[k++] = g;
  return list;
}

/**
 * One thread's share of a run (the main thread is thread 0): claim blocks of the needed
 * firm-events and compute them into the cache until none is left, wait for the other threads to
 * finish theirs, then claim chunks of trials (guided self-scheduling: a quarter of what remains
 * per thread, at least 8) until none is left, writing each trial's results into `work.out`.
 * `progress(n)` is called with the trials done after each chunk. Which thread computes what
 * changes nothing in the results: a firm-event's entry depends only on the firm-event, a trial's
 * only on its index. A thread that fails marks the run failed (the others stop) and throws.
 */
export function calibrationThread(data: CalibrationData, p: KernelParams, store: ElementStore, work: CalibrationWork, thread: number, progress?: (trials: number) => void): void {
  const c = work.control;
  try {
    const sc = threadScratch(data, p, store, thread);
    const needed = work.needed;
    const N = needed.length;
    for (;;) {
      const from = Atomics.add(c, C_NEXT_ELEMENT, ELEMENT_BLOCK);
      if (from >= N) break;
      const to = Math.min(N, from + ELEMENT_BLOCK);
      computeBlock(sc, data, p, store, needed, from, to);
      if (Atomics.add(c, C_ELEMENTS_DONE, to - from) + (to - from) === N && work.threads > 1) Atomics.notify(c, C_ELEMENTS_DONE);
    }
    for (let v = Atomics.load(c, C_ELEMENTS_DONE); v < N; v = Atomics.load(c, C_ELEMENTS_DONE)) {
      if (Atomics.load(c, C_FAILED)) return;
      Atomics.wait(c, C_ELEMENTS_DONE, v, 50);
    }
    const total = work.trials;
    for (;;) {
      const from = Atomics.load(c, C_NEXT_TRIAL);
      if (from >= total || Atomics.load(c, C_FAILED)) return;
      const to = Math.min(total, from + Math.max(8, Math.ceil((total - from) / (4 * work.threads))));
      if (Atomics.compareExchange(c, C_NEXT_TRIAL, from, to) !== from) continue;
      trialsInto(sc, data, p, store, work.out, from, to);
      Atomics.add(c, C_TRIALS_DONE, to - from);
      progress?.(to - from);
    }
  } catch (err) {
    failWork(work);
    throw err;
  }
}

/** The needed firm-events `needed[from..to)` into their cache slots (each firm's following ones re-sorted from the previous one). */
function computeBlock(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore, needed: Int32Array, from: number, to: number): void {
  const state = store.state;
  for (let i = from; i < to; i++) {
    const g = needed[i]!;
    computeElement(sc, data, p, store, g, g, firmOf(data, g), i > from);
    state[g] = 2;
  }
}

/**
 * Makes sure each drawn firm-event is in the store (a threaded run computed them all before the
 * trials; a single call may fill the cache as it goes, otherwise a draw missing from the cache is
 * computed into a private slot), and copies what the trial reads often. Returns the mean sigma².
 */
function placeFirmEvents(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore): number {
  const { K, firmEvent, slot, firm, day, start, ar0, sd0 } = sc;
  const { state, scal } = store;
  const cached = store.pool > 0;
  const e0 = data.estimation[0];
  let sigma2Sum = 0;
  for (let j = 0; j < K; j++) {
    const g = firmEvent[j]!;
    const f = firm[j]!;
    let sl = sc.privateBase + j;
    if (cached && state[g] === 2) sl = g;
    else if (cached && sc.fillCache) {
      computeElement(sc, data, p, store, g, g, f, false);
      state[g] = 2;
      sl = g;
    } else computeElement(sc, data, p, store, g, sl, f, false);
    slot[j] = sl;
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
 * uniformly (Brown & Warner: securities at random, each with its own random event date); a
 * firm-event already drawn in the trial is drawn again (`stamp` marks those of the trial).
 */
function drawFirmEvents(sc: { K: number; firmEvent: Int32Array; firm: Int32Array; stamp: Int32Array; stampNow: number }, data: CalibrationData, rng: RandomStream): void {
  const { firmEvent, firm, K, stamp } = sc;
  const { eventStart, F } = data;
  const now = ++sc.stampNow;
  for (let j = 0; j < K; j++) {
    for (;;) {
      const f = rng.int(F);
      const a = eventStart[f]!;
      const g = a + rng.int(eventStart[f + 1]! - a);
      if (stamp[g] === now) continue;
      stamp[g] = now;
      firmEvent[j] = g;
      firm[j] = f;
      break;
    }
  }
}

/**
 * Firm-event g (of firm f) into `slot`: the market-model fit from prefix sums, the day-0 abnormal
 * return and its forecast-error-corrected standard error, the fraction of positive estimation
 * residuals, sigma², the doubled mid-ranks of the row and, for each shift, which values day 0
 * passes.
 *
 * The row is sorted as calendar days (`sc.sdays`) with their abnormal returns (`sc.svals`). When
 * `follow` is set and the previous call was the same firm a few days earlier, the previous order
 * is re-sorted instead of sorting afresh (see `resortFrom`): one more day of estimation changes
 * the fit little, so the new values are nearly in the old order.
 */
function computeElement(sc: Scratch, data: CalibrationData, p: KernelParams, store: ElementStore, g: number, slot: number, f: number, follow: boolean): void {
  const { T, r, m, pm, pmm, pr, prr, prm } = data;
  const e = data.events[g]!;
  const e0 = data.estimation[0];
  const { n, L } = sc;
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
  const tied = follow && sc.prevFirm === f && e - sc.prevDay <= MAX_FOLLOW ? resortFrom(sc, data, f, e, a, b) : sortAfresh(sc, data, f, e, a, b, Math.sqrt(sigma2));
  sc.prevFirm = f;
  sc.prevDay = e;
  // The same expressions as the row's (r - a - b m), so the same doubles.
  const fT = f * T;
  const ar0 = r[fT + e]! - a - b * m[e]!;
  // Positive estimation residuals: every positive value of the row (a binary search in the sorted
  // values) less the positive event-window values.
  let pos = sc.M - upperBound(sc.svals, 0, sc.M, 0);
  const ws = e + data.window[0];
  for (let q = 0; q < L; q++) if (r[fT + ws + q]! - a - b * m[ws + q]! > 0) pos--;
  const x0 = m[e]! - Sx / n;
  const o = slot * SCALARS;
  store.scal[o + S_AR0] = ar0;
  // Forecast-error-corrected standard error (CLM 1997 eq. 4.4.9; Patell 1976).
  store.scal[o + S_SD0] = Math.sqrt(sigma2 * (1 + 1 / n + (x0 * x0) / Sxx));
  store.scal[o + S_FRAC] = pos / n;
  store.scal[o + S_SIGMA2] = sigma2;
  store.scal[o + S_ALPHA] = a;
  store.scal[o + S_BETA] = b;
  const k0 = writeRowRanks(sc, store.r2, slot * store.r2Stride, s, tied, ar0);
  const S = p.shifts.length;
  const moved = store.moved;
  if (k0 < 0) {
    for (let si = 0; si < S; si++) moved[slot * S + si] = -1;
    return;
  }
  // The values day 0 passes under each shift: those strictly between AR0 and AR0 + d, in sorted
  // order; a shift landing exactly on a value (a tie) sends the slot to the full path.
  const { svals, sdays, M } = sc;
  let maxMoved = 0;
  for (let si = 0; si < S; si++) {
    const d = p.shifts[si]!;
    if (d === 0) {
      moved[slot * S + si] = 0;
      continue;
    }
    const nv = ar0 + d;
    const z = lowerBound(svals, k0 + 1, M, nv);
    if (z < M && svals[z] === nv) {
      for (let sj = 0; sj < S; sj++) moved[slot * S + sj] = -1;
      return;
    }
    moved[slot * S + si] = z - k0 - 1;
    if (z - k0 - 1 > maxMoved) maxMoved = z - k0 - 1;
  }
  let off: number;
  if (slot < store.pool) {
    off = Atomics.add(store.passNext, 0, maxMoved);
    if (off + maxMoved > store.passPrivate) {
      // The shared region is full: the slow path.
      for (let si = 0; si < S; si++) moved[slot * S + si] = -1;
      return;
    }
  } else off = store.passPrivate + (slot - store.pool) * M;
  store.passOff[slot] = off;
  const pass = store.passData;
  const gap = sc.gap;
  for (let y = 0; y < maxMoved; y++) {
    const q = sdays[k0 + 1 + y]! - s;
    pass[off + y] = q < n ? q : q - gap;
  }
}

/** Largest gap in calendar days between two firm-events of a firm that are re-sorted rather than sorted afresh. */
const MAX_FOLLOW = 16;

/** First index in `v[from..to)` (ascending) whose value is >= x. */
function lowerBound(v: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `v[from..to)` (ascending) whose value is > x. */
function upperBound(v: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The row of firm f around event day e sorted afresh (bucket pass, insertion pass) into
 * `sc.sdays` and `sc.svals`. Returns whether two values are equal.
 */
function sortAfresh(sc: Scratch, data: CalibrationData, f: number, e: number, a: number, b: number, sigma: number): boolean {
  const { M, n, row, sorted, sdays, svals } = sc;
  fullRow(data, f, e, a, b, n, row);
  bucketSort(row, M, sigma, sorted, sc.bucketOf, sc.counts);
  const tied = insertionPass(row, M, sorted);
  const s = e + data.estimation[0];
  const gap = sc.gap;
  for (let k = 0; k < M; k++) {
    const q = sorted[k]!;
    sdays[k] = q < n ? s + q : s + q + gap;
    svals[k] = row[q]!;
  }
  return tied;
}

/**
 * The row of firm f around event day e from the previous row of the same firm (event day
 * `sc.prevDay`, a few days earlier), still sorted in `sc.sdays`: the days that stay get their new
 * abnormal returns in the old order, each moved back into place as it comes (the fit changed a
 * little, so few move, and not far), and the days that enter are inserted by binary search.
 * Returns whether two values are equal.
 */
function resortFrom(sc: Scratch, data: CalibrationData, f: number, e: number, a: number, b: number): boolean {
  const { M, sdays, svals } = sc;
  const { r, m } = data;
  const fT = f * data.T;
  const [e0, e1] = data.estimation;
  const [w0, w1] = data.window;
  const lo1 = e + e0;
  const hi1 = e + e1;
  const lo2 = e + w0;
  const hi2 = e + w1;
  let tied = false;
  let k = 0;
  for (let i = 0; i < M; i++) {
    const t = sdays[i]!;
    // Days that leave: before the estimation window, or between it and the event window.
    if (t < lo1 || (t > hi1 && t < lo2)) continue;
    const v = r[fT + t]! - a - b * m[t]!;
    let z = k - 1;
    let w = z >= 0 ? svals[z]! : -Infinity;
    if (w > v) {
      do {
        svals[z + 1] = w;
        sdays[z + 1] = sdays[z]!;
        z--;
      } while (z >= 0 && (w = svals[z]!) > v);
    }
    if (z >= 0 && w === v) tied = true;
    svals[z + 1] = v;
    sdays[z + 1] = t;
    k++;
  }
  // The days that enter: in the new windows, not in the previous ones (all after the previous estimation window).
  const p = sc.prevDay;
  for (let t = p + e1 + 1; t <= hi2; t++) {
    const inNew = (t >= lo1 && t <= hi1) || (t >= lo2 && t <= hi2);
    const inOld = (t >= p + e0 && t <= p + e1) || (t >= p + w0 && t <= p + w1);
    if (!inNew || inOld) continue;
    const v = r[fT + t]! - a - b * m[t]!;
    const at = upperBound(svals, 0, k, v);
    if (at > 0 && svals[at - 1] === v) tied = true;
    svals.copyWithin(at + 1, at, k);
    sdays.copyWithin(at + 1, at, k);
    svals[at] = v;
    sdays[at] = t;
    k++;
  }
  return tied;
}

/**
 * The doubled ranks of the sorted row (`sc.sdays`, `sc.svals`) by row position into `r2` at
 * `base` (Corrado 1989: U = rank/(M + 1) - 1/2), mid-ranks when values tie. Returns day 0's
 * sorted position (that of its value `ar0`), or -1 when the row has ties.
 */
function writeRowRanks(sc: Scratch, r2: Int16Array, base: number, s: number, tied: boolean, ar0: number): number {
  const { M, n, sdays, svals, gap } = sc;
  if (!tied) {
    for (let k = 0; k < M; k++) {
      const q = sdays[k]! - s;
      r2[base + (q < n ? q : q - gap)] = 2 * (k + 1);
    }
    return lowerBound(svals, 0, M, ar0);
  }
  for (let k = 0; k < M; ) {
    const v = svals[k]!;
    let z = k + 1;
    while (z < M && svals[z]! === v) z++;
    for (let y = k; y < z; y++) {
      const q = sdays[y]! - s;
      r2[base + (q < n ? q : q - gap)] = k + 1 + z; // doubled mid-rank
    }
    k = z;
  }
  return -1;
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

/**
 * Portfolio sums `sum_j (r_j,p - b_j m_p)` over the trial's firm-events, in the order j = 0, 1,
 * ..., K - 1; returns `sum_j a_j`. Four firm-events per pass over the sums: each sum still gets
 * its terms one at a time in the same order (so the same doubles), with a quarter of the loads and
 * stores of the sums.
 */
function sumPortfolio(sc: Scratch, store: ElementStore, data: CalibrationData): number {
  const { K, n, port, slot, firm, start } = sc;
  const scal = store.scal;
  const { r, m, T } = data;
  port.fill(0);
  let aSum = 0;
  let j = 0;
  for (; j + 3 < K; j += 4) {
    const b0 = scal[slot[j]! * SCALARS + S_BETA]!;
    const b1 = scal[slot[j + 1]! * SCALARS + S_BETA]!;
    const b2 = scal[slot[j + 2]! * SCALARS + S_BETA]!;
    const b3 = scal[slot[j + 3]! * SCALARS + S_BETA]!;
    aSum += scal[slot[j]! * SCALARS + S_ALPHA]!;
    aSum += scal[slot[j + 1]! * SCALARS + S_ALPHA]!;
    aSum += scal[slot[j + 2]! * SCALARS + S_ALPHA]!;
    aSum += scal[slot[j + 3]! * SCALARS + S_ALPHA]!;
    const m0 = start[j]!;
    const m1 = start[j + 1]!;
    const m2 = start[j + 2]!;
    const m3 = start[j + 3]!;
    const r0 = firm[j]! * T + m0;
    const r1 = firm[j + 1]! * T + m1;
    const r2 = firm[j + 2]! * T + m2;
    const r3 = firm[j + 3]! * T + m3;
    for (let q = 0; q < n; q++) {
      port[q] = port[q]! + (r[r0 + q]! - b0 * m[m0 + q]!) + (r[r1 + q]! - b1 * m[m1 + q]!) + (r[r2 + q]! - b2 * m[m2 + q]!) + (r[r3 + q]! - b3 * m[m3 + q]!);
    }
  }
  for (; j < K; j++) {
    const sl = slot[j]!;
    const b = scal[sl * SCALARS + S_BETA]!;
    aSum += scal[sl * SCALARS + S_ALPHA]!;
    const fr = firm[j]! * T + start[j]!;
    const ms = start[j]!;
    for (let q = 0; q < n; q++) port[q] = port[q]! + (r[fr + q]! - b * m[ms + q]!);
  }
  return aSum;
}

/** Doubled rank sums at each position, two positions per 32-bit add (no carry: K * 2M < 2^16), four firm-events per pass. */
function sumRankPairs(sc: Scratch, store: ElementStore): void {
  const { K, slot, R2pair } = sc;
  const pairs32 = sc.pairs32!;
  const half = store.r2Stride >> 1;
  R2pair.fill(0);
  let j = 0;
  for (; j + 3 < K; j += 4) {
    const a0 = slot[j]! * half;
    const a1 = slot[j + 1]! * half;
    const a2 = slot[j + 2]! * half;
    const a3 = slot[j + 3]! * half;
    for (let q = 0; q < half; q++) R2pair[q] = R2pair[q]! + pairs32[a0 + q]! + pairs32[a1 + q]! + pairs32[a2 + q]! + pairs32[a3 + q]!;
  }
  for (; j < K; j++) {
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
  const { K, n, slot, firm, day, dayStamp } = sc;
  const scal = store.scal;
  let rSum = 0;
  let pairs = 0;
  let rBad = false;
  // Most trials have no two firm-events on one day: one pass finds out (then rBar = 0).
  const now = sc.stampNow;
  let repeated = false;
  for (let j = 0; j < K; j++) {
    if (dayStamp[day[j]!] === now) repeated = true;
    dayStamp[day[j]!] = now;
  }
  if (!repeated) {
    sc.rBar = 0 / ((K * (K - 1)) / 2);
    sc.rBad = false;
    return 0;
  }
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
  sortDayZero(sc);
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

/** The day-0 abnormal returns in ascending order into `sc.arSorted` (insertion sort; once per trial, for `wilcoxon`). */
function sortDayZero(sc: Scratch): void {
  const { K, ar0, arSorted } = sc;
  for (let q = 0; q < K; q++) {
    const v = ar0[q]!;
    let z = q - 1;
    while (z >= 0 && arSorted[z]! > v) {
      arSorted[z + 1] = arSorted[z]!;
      z--;
    }
    arSorted[z + 1] = v;
  }
}

/**
 * The Wilcoxon signed-rank test of the K day-0 abnormal returns plus d (zeros dropped), into
 * `sc.wz`, `sc.wReject`. The values plus d stay in ascending order (`sc.arSorted`: adding d is
 * monotone), so their absolute values in ascending order are a merge of the negative ones read
 * backwards with the positive ones: no sort per shift.
 */
function wilcoxon(sc: Scratch, p: KernelParams, d: number): void {
  const { K, arSorted, absBuf, signBuf, ranks2, dist } = sc;
  // Negative values are arSorted[0..neg), zeros [neg..pos), positive ones [pos..K).
  let neg = 0;
  while (neg < K && arSorted[neg]! + d < 0) neg++;
  let pos = neg;
  while (pos < K && arSorted[pos]! + d === 0) pos++;
  const nz = neg + K - pos;
  if (nz === 0) {
    sc.wz = NaN;
    sc.wReject = 2;
    return;
  }
  let i = neg - 1;
  let j = pos;
  for (let q = 0; q < nz; q++) {
    const a = i >= 0 ? -(arSorted[i]! + d) : Infinity;
    const b = j < K ? arSorted[j]! + d : Infinity;
    if (a < b) {
      absBuf[q] = a;
      signBuf[q] = -1;
      i--;
    } else {
      absBuf[q] = b;
      signBuf[q] = 1;
      j++;
    }
  }
  // Mid-ranks; W+ doubled (an integer).
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
