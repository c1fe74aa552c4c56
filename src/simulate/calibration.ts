/**
 * Brown-Warner calibration of the test battery on the bundled prices: how often each test
 * rejects when nothing happened (size) and when an abnormal return of 0.5, 1 or 2 % is added on
 * the event day (power), beside MacKinlay's analytic power.
 *
 * Design (Brown & Warner 1980, J. Financial Economics 8, 205-258, §3; Brown & Warner 1985,
 * J. Financial Economics 14, 3-31, §2 for daily data): each trial draws K firm-events, each a
 * firm picked at random from the universe and one of its feasible days picked at random as the
 * hypothetical event day (securities drawn with replacement; the same firm on the same day is
 * not drawn twice in a trial). A feasible day has every firm and market return of the estimation
 * window (offsets [-260, -11], 250 days) and of the event window ([-5, 5], 11 days). The market
 * model is fitted by OLS on the estimation window, the abnormal returns of the event window
 * follow, and the shift is added to the day-0 abnormal return of every firm-event (Brown &
 * Warner's way of introducing abnormal performance). Each test of the battery is run on day 0
 * at the 5 % level, two-sided; its rejection rate over the trials is reported with a
 * Clopper-Pearson interval.
 *
 * Analytic power (Campbell, Lo & MacKinlay 1997, The Econometrics of Financial Markets, §4.6,
 * eq. 4.6.1-4.6.2; MacKinlay 1997, J. Economic Literature 35, §7): the AAR test statistic is
 * N(delta / sigma_A, 1) under an abnormal return delta, `sigma_A² = sigmaBar² / N` with
 * sigmaBar² the average variance of the firms' abnormal returns (here the mean over all trials of
 * the fitted residual variances), so the power at level alpha is
 * `Phi(z_{alpha/2} - delta/sigma_A) + 1 - Phi(z_{1-alpha/2} - delta/sigma_A)`.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import type { Panel } from '../panel/panel.js';
import { SAMPLE_TEST_NAMES, type SampleTestName } from '../samples/types.js';
import { calibrationData, CALIBRATION_UNIVERSE, type CalibrationData, type Offsets } from './calibration-data.js';
import { bytesPerSlot, calibrationThread, createStore, createWork, drawnFirmEvents, TEST_COUNT, trialsDone, WILCOXON_EXACT_MAX, type CalibrationWork, type ElementStore, type KernelOutput, type KernelParams } from './calibration-kernel.js';
import { checkedSeed, checkWorkers, defaultWorkers, plannedThreads, startWorkers, wholeNumber, type PoolOptions, type SharedRun } from './pool.js';
import { normalCdf, normalQuantile } from '../stats/normal.js';
import { tQuantile } from '../stats/student-t.js';
import { FLAGSHIP } from '../study/defaults.js';
import { clopperPearson } from './summary.js';

/** The calibration's options; every one has the default. */
export interface CalibrationOptions extends PoolOptions {
  /** Number of trials (samples of firm-events); default 1000. */
  trials?: number;
  /** Firm-events per trial; default 50. */
  firms?: number;
  /** Seed of the random streams (an integer from 0 to 2^53 - 1); default 1. */
  seed?: number;
  /** Abnormal returns added on day 0; default [0, 0.005, 0.01, 0.02]. */
  shifts?: readonly number[];
  /** Level of the tests (two-sided); default 0.05. */
  alpha?: number;
  /** Level of the rejection rates' Clopper-Pearson intervals; default 0.95. */
  level?: number;
  /** Benchmark; default the flagship's, SPY. */
  market?: string;
  /** Candidate firms; default the fixture groups' firms (those with as-traded closes are kept). */
  universe?: readonly string[];
  /** Estimation and event windows (offsets); default the flagship's, [-260, -11] and [-5, 5]. */
  estimation?: Offsets;
  window?: Offsets;
  /** Keep the firm-events drawn in each trial (for checks); default false. */
  record?: boolean;
}

/** The design a calibration ran, with its defaults filled in. */
export interface CalibrationDesign {
  trials: number;
  firms: number;
  seed: number;
  shifts: number[];
  alpha: number;
  level: number;
  market: string;
  estimation: Offsets;
  window: Offsets;
  universe: string[];
}

/** What the worker threads receive once. */
export interface CalibrationPayload {
  data: CalibrationData;
  params: KernelParams;
  /** The per-firm-event store, shared by the threads (SharedArrayBuffers) when there are several. */
  store: ElementStore;
  /** The counters the threads claim work from, and the output (shared). */
  work: CalibrationWork;
}

/** Estimated cost of a calibration trial of K firm-events on one thread, its share of the firm-events' work included (measured: about 6 µs per firm-event). */
const costPerTrialMs = (K: number) => 0.006 * K;

/**
 * Least estimated work (ms on one thread) for each worker thread of a calibration, unless
 * `minWorkMs` says otherwise. A worker takes tens of milliseconds to boot, then runs its own copy
 * of the kernel through the JIT's slow tiers, and on a machine with few cores its compilations
 * compete with the computing threads: on 2 cores, 1,000 trials of 50 firm-events (about 300 ms)
 * finish sooner on one thread, 2,000 sooner on two (`bench/calibration.mjs`).
 */
const WORKER_MIN_WORK_MS = 600;

/** Largest store of cached firm-events (bytes); above it every draw is computed afresh. */
export const CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** The calibration's result: the contract's fields first, then extras. */
export interface CalibrationResult {
  trials: number;
  firms: number;
  seed: number;
  shifts: number[];
  /** Rejection rate of each test at each shift (two-sided, at `alpha`), over the trials in which it could be computed. */
  rejection: Record<SampleTestName, number[]>;
  /** MacKinlay's analytic power of the AAR test at each shift. */
  analytic: number[];
  alpha: number;
  level: number;
  /** Clopper-Pearson intervals of each rejection rate at `level`. */
  intervals: Record<SampleTestName, [number, number][]>;
  /** Trials in which each test could be computed (the denominator of its rate). */
  computed: Record<SampleTestName, number[]>;
  /** Mean and standard deviation of each statistic at each shift (size: near 0 and 1 for a well-specified test). */
  statistics: Record<SampleTestName, { mean: number; sd: number }[]>;
  /** The average residual standard deviation behind the analytic power (root of the mean sigma²). */
  sigma: number;
  design: {
    market: string;
    estimation: Offsets;
    window: Offsets;
    eventDay: 0;
    universe: string[];
    excluded: { symbol: string; reason: string }[];
    /** Firm-events available (firm, feasible day) and the calendar range of the feasible days. */
    firmEvents: number;
    eventRange: { from: string; to: string };
    random: string;
    intervals: string;
  };
  /** Share of trials with at least one pair of firm-events on the same day (where KP differs from BMP). */
  clusteredTrials: number;
  notes: string[];
  /** The firm-events drawn, per trial, when `record` was set: `[symbol, date][]`. Not serialized. */
  draws?: [string, string][][];
}

const DEFAULT_SHIFTS = [0, 0.005, 0.01, 0.02];

/** The design with defaults, checked (everything but the firm count's upper bound, which needs the data). */
export function calibrationDesign(o: CalibrationOptions = {}): CalibrationDesign {
  const trials = wholeNumber(o.trials ?? 1000, 'trials', 1, 10_000_000);
  const firms = wholeNumber(o.firms ?? 50, 'firms', 2, 1_000_000);
  const seed = checkedSeed(o.seed);
  const shifts = [...(o.shifts ?? DEFAULT_SHIFTS)];
  if (shifts.length === 0 || shifts.some((s) => typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > 1)) {
    throw new UsageError(`shifts [${shifts.join(', ')}] must be abnormal returns from 0 to 1 (fractions)`, { field: 'shifts' });
  }
  const alpha = o.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`alpha ${alpha} must be between 0 and 1`, { field: 'alpha' });
  const level = o.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new UsageError(`level ${level} must be between 0 and 1`, { field: 'level' });
  checkWorkers(o.workers);
  return {
    trials,
    firms,
    seed,
    shifts,
    alpha,
    level,
    market: (o.market ?? FLAGSHIP.market).toUpperCase(),
    estimation: o.estimation ?? FLAGSHIP.estimation,
    window: o.window ?? FLAGSHIP.window,
    universe: [...(o.universe ?? CALIBRATION_UNIVERSE)].map((s) => s.toUpperCase()),
  };
}

/**
 * `P(X <= c)` for X ~ Binomial(m, 1/2): the sum of `C(m, k) / 2^m`, each term from the previous
 * one in log space (exact to a few ulps; no special function needed).
 */
function binomialHalfCdf(c: number, m: number): number {
  if (c < 0) return 0;
  if (c >= m) return 1;
  let logTerm = -m * Math.LN2; // log C(m, 0) / 2^m
  let sum = Math.exp(logTerm);
  for (let k = 1; k <= c; k++) {
    logTerm += Math.log((m - k + 1) / k);
    sum += Math.exp(logTerm);
  }
  return sum;
}

/**
 * For m from 0 to K non-zero values, the largest count of positives c whose exact two-sided sign
 * test p-value `min(1, 2 P(X <= c))`, X ~ Binomial(m, 1/2), is below alpha (-1 when none): the
 * battery's sign test rejects when positives <= c or >= m - c (`tests/simulate-calibration.test.ts`
 * checks every decision against the battery's own test).
 */
export function signRegion(K: number, alpha: number): Int32Array {
  const out = new Int32Array(K + 1).fill(-1);
  for (let m = 1; m <= K; m++) {
    // 2 P(X <= c) grows with c: bisection on c in [-1, floor((m - 1) / 2)].
    let lo = -1;
    let hi = Math.floor((m - 1) / 2);
    while (lo < hi) {
      const c = Math.floor((lo + hi + 1) / 2); // in (lo, hi]
      if (Math.min(1, 2 * binomialHalfCdf(c, m)) < alpha) lo = c;
      else hi = c - 1;
    }
    out[m] = lo;
  }
  return out;
}

/**
 * The exact Wilcoxon rejection table without ties for m = 0..mMax non-zero values: entry
 * `m * stride + w` is 1 when W+ = w has an exact two-sided p below alpha. The null distribution is
 * the battery's own (`doubledRankDistribution` of `src/stats/signed-rank.ts`: each doubled rank
 * enters with probability 1/2), so the decisions are the battery's.
 */
export function wilcoxonRegion(mMax: number, alpha: number): { table: Uint8Array; stride: number } {
  const stride = (mMax * (mMax + 1)) / 2 + 1;
  const table = new Uint8Array((mMax + 1) * stride);
  const f = new Float64Array(mMax * (mMax + 1) + 1);
  const cumLow = new Float64Array(f.length);
  const cumUp = new Float64Array(f.length);
  // Without ties the doubled ranks are 2, 4, ..., 2m. The distribution for m values is the one for
  // m - 1 values with the doubled rank 2m added: one step of the battery's own recursion
  // (`doubledRankDistribution`), the same operations in the same order, so the same doubles.
  f[0] = 1;
  let reach = 0;
  for (let m = 1; m <= mMax; m++) {
    const total2 = m * (m + 1);
    const rr = 2 * m;
    reach += rr;
    for (let q = reach; q >= rr; q--) f[q] = 0.5 * (f[q]! + f[q - rr]!);
    for (let q = rr - 1; q >= 0; q--) f[q] = 0.5 * f[q]!;
    // Running sums in the battery's order: lower = sum f[0..w2], upper = sum f[w2..total2].
    cumLow[0] = f[0]!;
    for (let q = 1; q <= total2; q++) cumLow[q] = cumLow[q - 1]! + f[q]!;
    cumUp[total2] = f[total2]!;
    for (let q = total2 - 1; q >= 0; q--) cumUp[q] = cumUp[q + 1]! + f[q]!;
    for (let w = 0; w <= total2 / 2; w++) {
      const w2 = 2 * w;
      table[m * stride + w] = Math.min(1, 2 * Math.min(cumLow[w2]!, cumUp[w2]!)) < alpha ? 1 : 0;
    }
  }
  return { table, stride };
}

/** The kernel's parameters for a design on some data: critical values and exact rejection regions. */
export function kernelParams(design: CalibrationDesign, data: CalibrationData): KernelParams {
  const n = data.estimation[1] - data.estimation[0] + 1;
  const K = design.firms;
  const q = 1 - design.alpha / 2;
  const wMax = Math.min(K, WILCOXON_EXACT_MAX);
  const w = wilcoxonRegion(wMax, design.alpha);
  return {
    seed: design.seed,
    K,
    shifts: design.shifts,
    critBw: tQuantile(q, n - 1),
    critCross: tQuantile(q, K - 1),
    critZ: normalQuantile(q),
    signLow: signRegion(K, design.alpha),
    wilcoxonReject: w.table,
    wilcoxonStride: w.stride,
    wilcoxonMax: wMax,
    alpha: design.alpha,
  };
}

/** Merge chunk outputs (in trial order) into the result. */
function summarize(design: CalibrationDesign, data: CalibrationData, excluded: { symbol: string; reason: string }[], chunks: KernelOutput[]): CalibrationResult {
  const S = design.shifts.length;
  const rejected = Array.from({ length: TEST_COUNT }, () => new Array<number>(S).fill(0));
  const computed = Array.from({ length: TEST_COUNT }, () => new Array<number>(S).fill(0));
  const sum = Array.from({ length: TEST_COUNT }, () => new Array<number>(S).fill(0));
  const sum2 = Array.from({ length: TEST_COUNT }, () => new Array<number>(S).fill(0));
  let sigma2 = 0;
  let clustered = 0;
  const draws: [string, string][][] = [];
  for (const c of chunks) {
    const trials = c.to - c.from;
    for (let row = 0; row < trials; row++) {
      sigma2 += c.sigma2[row]!;
      if (c.sameDatePairs[row]! > 0) clustered++;
      for (let s = 0; s < S; s++) {
        const o = (row * S + s) * TEST_COUNT;
        for (let k = 0; k < TEST_COUNT; k++) {
          const r = c.reject[o + k]!;
          if (r === 2) continue;
          computed[k]![s]!++;
          rejected[k]![s]! += r;
          const v = c.stats[o + k]!;
          sum[k]![s]! += v;
          sum2[k]![s]! += v * v;
        }
      }
      if (c.draws) {
        const list: [string, string][] = [];
        for (let j = 0; j < design.firms; j++) {
          const base = (row * design.firms + j) * 2;
          list.push([data.symbols[c.draws[base]!]!, data.dates[c.draws[base + 1]!]!]);
        }
        draws.push(list);
      }
    }
  }
  const trials = design.trials;
  const meanSigma2 = sigma2 / trials;
  const sigmaA = Math.sqrt(meanSigma2 / design.firms);
  const z = normalQuantile(1 - design.alpha / 2);
  const analytic = design.shifts.map((d) => normalCdf(-z - d / sigmaA) + 1 - normalCdf(z - d / sigmaA));
  // Tests with the same counts (bw1980 and bw1985 always) share their interval, computed once.
  const intervals = new Map<string, [number, number]>();
  const interval = (x: number, n: number): [number, number] => {
    const key = `${x}/${n}`;
    let ci = intervals.get(key);
    if (!ci) intervals.set(key, (ci = clopperPearson(x, n, design.level)));
    return [ci[0], ci[1]];
  };
  const byTest = <T>(f: (k: number) => T) => Object.fromEntries(SAMPLE_TEST_NAMES.map((name, k) => [name, f(k)])) as Record<SampleTestName, T>;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let i = 0; i < data.events.length; i++) {
    firstDay = Math.min(firstDay, data.events[i]!);
    lastDay = Math.max(lastDay, data.events[i]!);
  }
  const notes = [
    'bw1980 and bw1985 are equal here: every firm-event has every return of its windows, so the balanced and unbalanced portfolio series coincide.',
    `kolariPynnonen differs from bmp only in trials where firm-events share an event day (${clustered} of ${trials}).`,
    'Rates are over the trials in which a test could be computed (see computed).',
  ];
  const result: CalibrationResult = {
    trials,
    firms: design.firms,
    seed: design.seed,
    shifts: design.shifts,
    rejection: byTest((k) => design.shifts.map((_, s) => (computed[k]![s]! > 0 ? rejected[k]![s]! / computed[k]![s]! : NaN))),
    analytic,
    alpha: design.alpha,
    level: design.level,
    intervals: byTest((k) => design.shifts.map((_, s) => interval(rejected[k]![s]!, computed[k]![s]!))),
    computed: byTest((k) => [...computed[k]!]),
    statistics: byTest((k) =>
      design.shifts.map((_, s) => {
        const c = computed[k]![s]!;
        const mean = c > 0 ? sum[k]![s]! / c : NaN;
        const variance = c > 1 ? (sum2[k]![s]! - c * mean * mean) / (c - 1) : NaN;
        return { mean, sd: Math.sqrt(Math.max(0, variance)) };
      }),
    ),
    sigma: Math.sqrt(meanSigma2),
    design: {
      market: data.market,
      estimation: data.estimation,
      window: data.window,
      eventDay: 0,
      universe: data.symbols,
      excluded,
      firmEvents: data.events.length,
      eventRange: { from: data.dates[firstDay] ?? '', to: data.dates[lastDay] ?? '' },
      random: 'xoshiro128** per trial, state from SplitMix64 at (seed, trial) (src/simulate/random.ts)',
      intervals: `Clopper-Pearson, ${Number((design.level * 100).toFixed(6))} %`,
    },
    clusteredTrials: clustered / trials,
    notes,
  };
  if (chunks.some((c) => c.draws)) Object.defineProperty(result, 'draws', { value: draws, enumerable: false });
  return result;
}

/**
 * Run the calibration on prepared data (no I/O). Trials run on `workers` threads (default: every
 * core); the result is the same for any number of workers.
 *
 * @example
 * const { data } = calibrationData(panel, { market: 'SPY', universe: CALIBRATION_UNIVERSE, estimation: [-260, -11], window: [-5, 5] });
 * const r = await calibrateOn(data, { trials: 1000, firms: 50, seed: 1 });
 * r.rejection.bmp; // [0.05..., ...]
 */
export async function calibrateOn(data: CalibrationData, options: CalibrationOptions = {}, excluded: { symbol: string; reason: string }[] = []): Promise<CalibrationResult> {
  const design = calibrationDesign(options);
  const workers = startCalibrationWorkers(design, options);
  try {
    return await calibrateWith(design, data, options, excluded, workers);
  } finally {
    workers?.stop();
  }
}

/** The threads a calibration runs on (the main one included): more when there is enough work and the worker script is built. */
function calibrationThreads(design: CalibrationDesign, options: CalibrationOptions): number {
  return plannedThreads(design.trials, options.workers ?? defaultWorkers(), costPerTrialMs(design.firms), options.minWorkMs ?? WORKER_MIN_WORK_MS);
}

/** The worker threads of a calibration, started before its data is ready (they take tens of milliseconds to boot); null for one thread. */
function startCalibrationWorkers(design: CalibrationDesign, options: CalibrationOptions): SharedRun | null {
  const threads = calibrationThreads(design, options);
  return threads > 1 ? startWorkers('calibration', threads - 1) : null;
}

/**
 * The firm-events to compute before the trials: every one when the trials draw at least three
 * times as many as exist (then at most e^-3, 5 %, of them are never drawn, less than it costs to
 * find out), otherwise those the trials draw (`drawnFirmEvents`).
 */
function neededFirmEvents(data: CalibrationData, params: KernelParams, trials: number): Int32Array {
  const pool = data.events.length;
  if (trials * params.K >= 3 * pool) {
    const all = new Int32Array(pool);
    for (let g = 0; g < pool; g++) all[g] = g;
    return all;
  }
  return drawnFirmEvents(data, params, trials);
}

/**
 * The calibration's run: the firm-events the trials draw are computed first (each once, into a
 * store shared by the threads), then the trials; every thread, the main one included, claims its
 * share of both from shared counters (`calibrationThread`), so the workers start as soon as they
 * are up and the results land in one shared output, whichever thread ran what.
 */
async function calibrateWith(design: CalibrationDesign, data: CalibrationData, options: CalibrationOptions, excluded: { symbol: string; reason: string }[], workers: SharedRun | null): Promise<CalibrationResult> {
  if (design.firms > data.events.length) {
    throw new UsageError(`${design.firms} firms per trial, but only ${data.events.length} firm-events (${data.F} firms, each on its feasible days) are available`, { field: 'firms' });
  }
  const params = kernelParams(design, data);
  const record = options.record ?? false;
  const threads = workers ? calibrationThreads(design, options) : 1;
  const M = data.estimation[1] - data.estimation[0] + 1 + data.window[1] - data.window[0] + 1;
  // Cache every firm-event drawn when the store fits and the trials draw more firm-events than a
  // quarter of those that exist (otherwise each draw is computed in its trial).
  const pool = data.events.length;
  const cache = pool * bytesPerSlot(M, design.shifts.length) <= CACHE_MAX_BYTES && design.trials * design.firms >= pool / 4;
  const store = createStore(cache ? pool : 0, threads, design.firms, M, design.shifts.length, threads > 1);
  const work = createWork(design.trials, threads, cache ? neededFirmEvents(data, params, design.trials) : new Int32Array(0), params, record);
  const payload: CalibrationPayload = { data, params, store, work };
  workers?.start(payload);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, design.trials);
  };
  calibrationThread(data, params, store, work, 0, progress);
  if (workers) await workers.finish(() => trialsDone(work) >= design.trials, progress);
  return summarize(design, data, excluded, [work.out]);
}

/**
 * The Brown-Warner calibration on a loaded panel (the universe's firms and the market must be in
 * it). Throws a UsageError for bad options (trials 0, more firms per trial than firm-events,
 * a seed that is not a whole number...).
 *
 * @example
 * const panel = await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, 'SPY'] });
 * const r = await simulateCalibration(panel, { trials: 1000, firms: 50, seed: 1 });
 * r.rejection.corradoRank[0]; // size of Corrado's test
 */
export async function simulateCalibration(panel: Panel, options: CalibrationOptions = {}): Promise<CalibrationResult> {
  const design = calibrationDesign(options);
  const workers = startCalibrationWorkers(design, options);
  try {
    const { data, excluded } = calibrationData(panel, design);
    return await calibrateWith(design, data, options, excluded, workers);
  } finally {
    workers?.stop();
  }
}
