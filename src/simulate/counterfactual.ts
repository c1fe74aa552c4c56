/**
 * Counterfactual paths of a single-firm study: what the firm's price and market value would have
 * done over the event window without the news, given the market's actual path, with the error of
 * the estimated model included; the probability, without news, of a fall as large as each quoted
 * figure; the abnormal dollar loss with percentile intervals; the SQ test and a bootstrap interval
 * for the CAR.
 *
 * Method (see `counterfactual-kernel.ts` for the trial itself):
 * - **No-news returns**: `R*_t = E[R_t] + u*_t`, E the study's expected return (the fitted model
 *   on the market's actual return of day t), u* a simulated forecast error that includes the
 *   parameters' estimation error by refitting on a residual-bootstrap sample (Davison & Hinkley
 *   1997, Algorithm 6.4). Its mean and variance are the analytic ones, `E[R_t]` and
 *   `sigma² (1 + x_t'(X'X)^{-1}x_t)`.
 * - **Errors**: `bootstrap` (default) resamples the estimation residuals, modified for leverage
 *   `r_i = e_i / sqrt(1 - h_ii)` and centred (Davison & Hinkley 1997, eq. 6.9 and §6.2.3), then
 *   scaled so their mean square is the model's sigma² (SSR/(n - k)); `t` draws Student t errors
 *   scaled to the same sigma, with `df` given or fitted to the standardized modified residuals by
 *   maximum likelihood (the scale tied to sigma, so only the tail weight is fitted).
 * - **Prices**: from the as-traded close before the window, `P*_t = P*_{t-1} (1 + R*_t)` (log
 *   returns: `exp(R*_t)`); the market value is shares x price. The observed close is the recorded
 *   as-traded close. (Adjusted returns move as-traded prices; a dividend inside the window would
 *   make the two differ by its yield.)
 * - **Event day, close to close**: the no-news fall in market value on day 0 is
 *   `-S P_{-1} R*_0`, from the observed close of the day before (the news is on day 0); the
 *   probability of a fall as large as a quoted figure is the share of trials whose fall reaches it
 *   (with a Clopper-Pearson upper bound when no trial does) beside the analytic Student t value.
 *   The abnormal dollar loss of a trial is its no-news value minus the observed value on day 0,
 *   `S P_{-1} (R*_0 - R_0)` (positive = loss).
 *
 * @module
 */
import { UsageError } from '../errors.js';
import type { EventStudy } from '../study/result.js';
import type { OffsetWindow } from '../study/defaults.js';
import { runCounterfactualTrials, type CounterfactualChunk, type CounterfactualPayload } from './counterfactual-kernel.js';
import { checkedSeed, checkWorkers, runTrials, wholeNumber, type PoolOptions } from './pool.js';
import { sqCarTest, sqTest, type SqResult } from './sq.js';
import { lnGamma } from '../stats/special.js';
import { tCdf } from '../stats/student-t.js';
import { clopperPearson, percentiles, quantileSorted, type Percentiles } from './summary.js';

/** A quoted loss in USD, as the caller (command line, report) passes it in. */
export interface QuotedLoss {
  id: string;
  /** The quoted fall in market value, USD (positive = loss). */
  usd: number;
  /** The words quoted, and the horizon they state, for display. */
  text?: string;
  horizon?: string | null;
}

/** Options of the counterfactual simulation. */
export interface CounterfactualOptions extends PoolOptions {
  /** Number of simulated paths; default 10,000. */
  trials?: number;
  /** Seed (an integer from 0 to 2^53 - 1); default 1. */
  seed?: number;
  /** Where the errors come from: `bootstrap` (default) or `t`. */
  method?: 'bootstrap' | 't';
  /** Degrees of freedom of the t errors: a number above 2, or `fitted` (default). */
  df?: number | 'fitted';
  /** Quoted losses to price (USD). */
  claims?: readonly QuotedLoss[];
  /** The CAR window of the SQ test and the bootstrap interval (offsets); default the study's CAR window. */
  carWindow?: OffsetWindow;
  /** Level of the SQ tests; default 0.05. */
  alpha?: number;
  /** Number of simulated paths kept for the fan chart; default 40. */
  paths?: number;
}

/** Percentiles of a simulated quantity (p05, p25, p50, p75, p95) and its mean. */
export interface Spread extends Percentiles {
  p25: number;
  p75: number;
  mean: number;
}

/** One day of the event window. */
export interface CounterfactualDay {
  date: string;
  offset: number;
  /** Observed as-traded close (USD per share; null when not recorded). */
  observed: number | null;
  /** No-news price percentiles (USD per share). */
  p05: number;
  p50: number;
  p95: number;
  p25: number;
  p75: number;
  /** The analytic counterfactual close `P_before prod(1 + E[R])` (as in the price-path chart). */
  counterfactual: number;
  /** Market value (shares x price): observed and no-news percentiles; null without a share count. */
  marketValue: { observed: number | null; p05: number; p50: number; p95: number } | null;
  /** Mean and standard deviation of the simulated no-news return, beside the analytic ones. */
  returnMean: number;
  returnSd: number;
  analyticMean: number;
  analyticSd: number;
}

/** A quoted figure beside the no-news distribution of the event day's fall. */
export interface ClaimProbability {
  id: string;
  usd: number;
  /** Share of trials whose no-news fall on day 0 reaches the quoted figure. */
  probability: number;
  /** Clopper-Pearson 95 % upper bound of that probability (useful when no trial reaches it). */
  upper95: number;
  /** The same probability under the fitted model's Student t forecast error (analytic). */
  analytic: number;
  /** The day-0 return the quoted fall corresponds to, `-usd / (S P_{-1})`. */
  returnNeeded: number;
  text?: string;
  horizon?: string | null;
}

/** The result: the contract's fields first, then extras. */
export interface CounterfactualResult {
  firm: string;
  market: string;
  eventDate: string;
  trials: number;
  seed: number;
  days: CounterfactualDay[];
  loss: {
    /** Abnormal dollar loss on the event day: no-news minus observed market value (positive = loss), over the trials. */
    abnormal: Spread & { observed: number | null; analyticLo: number | null; analyticHi: number | null };
    /** The no-news fall in market value on day 0 (positive = loss). */
    noNews: Spread;
  } | null;
  claims: ClaimProbability[];
  model: string;
  returns: string;
  method: 'bootstrap' | 't';
  /** Student t degrees of freedom used (method `t`), and whether they were fitted. */
  df: number | null;
  dfFitted: boolean | null;
  shares: number | null;
  /** As-traded close before the window, and before the event day. */
  priceBefore: number | null;
  priceBeforeEvent: number | null;
  /** Over the whole window: no-news minus observed market value on its last day. */
  windowLoss: Spread | null;
  /** The SQ tests (Gelbach, Helland & Klick 2013) of day 0's abnormal return and of the CAR. */
  sq: { day0: SqResult | null; car: SqResult & { from: number; to: number; days: number } };
  /** Bootstrap percentile interval of the CAR and the bootstrap p-value of CAR = 0. */
  bootstrapCar: { from: number; to: number; value: number; lo: number; hi: number; level: number; p: number; analyticLo: number; analyticHi: number };
  parameterUncertainty: string;
  random: string;
  notes: string[];
  /** Simulated price paths of the first trials (for the fan chart), and every no-news fall of day 0 (for the histogram). Not serialized. */
  paths?: number[][];
  falls?: Float64Array;
}

/**
 * Maximum-likelihood degrees of freedom of a Student t with unit variance fitted to standardized
 * values z (scale `sqrt((nu - 2)/nu)`, so only the tail weight is free), by golden-section search
 * on log(nu - 2) over nu in [2.05, 500].
 */
export function fitStudentDf(z: ArrayLike<number>): number {
  const n = z.length;
  const ll = (nu: number) => {
    const s2 = (nu - 2) / nu;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.log1p((z[i]! * z[i]!) / (s2 * nu));
    return n * (lnGamma((nu + 1) / 2) - lnGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - 0.5 * Math.log(s2)) - ((nu + 1) / 2) * sum;
  };
  let a = Math.log(0.05);
  let b = Math.log(498);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = ll(2 + Math.exp(c));
  let fd = ll(2 + Math.exp(d));
  for (let k = 0; k < 100 && b - a > 1e-9; k++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = ll(2 + Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = ll(2 + Math.exp(d));
    }
  }
  return 2 + Math.exp((a + b) / 2);
}

/** Percentiles and mean of `values` (summed in their order, then sorted in place). */
function spread(values: Float64Array): Spread {
  let s = 0;
  for (const v of values) s += v;
  const { p05, p50, p95 } = percentiles(values);
  return { p05, p25: quantileSorted(values, 0.25), p50, p75: quantileSorted(values, 0.75), p95, mean: s / values.length };
}

/** The pieces of the simulation a study determines (no random numbers yet). */
export interface CounterfactualSetup {
  payload: Omit<CounterfactualPayload, 'seed' | 'method' | 'nu' | 'tScale'>;
  sigma: number;
  /** Raw residuals of the fit (the SQ test's reference) and the standardized modified residuals. */
  residuals: Float64Array;
  standardized: Float64Array;
  /** Expected return and analytic forecast-error sd of each event day. */
  expected: Float64Array;
  analyticSd: Float64Array;
}

/**
 * What the simulation of a study needs: the model's design on the estimation days, the bootstrap
 * pool and the event days' regressors. Checks that the refit reproduces the study's coefficients.
 */
export function counterfactualSetup(study: EventStudy): CounterfactualSetup {
  const fitted = study.fitted;
  const n = fitted.n;
  const sigma = fitted.sigma;
  const design = fitted.design;
  const eventDays = study.eventWindow.days;
  const L = eventDays.length;
  let k = 0;
  let A = new Float64Array(0);
  let xStar = new Float64Array(0);
  let resid: Float64Array;
  let modified: Float64Array;
  if (design) {
    // The study's own regression: its estimation columns and (X'X)^{-1}, no second fit.
    const X = design.columns;
    k = X.length;
    // A = (X'X)^{-1} X' (k x n); leverage h_ii = x_i'(X'X)^{-1} x_i.
    A = new Float64Array(k * n);
    resid = Float64Array.from(fitted.residuals);
    modified = new Float64Array(n);
    const xi = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) xi[c] = X[c]![i]!;
      let h = 0;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += design.xtxInv[c]![q]! * xi[q]!;
        A[c * n + i] = s;
        h += xi[c]! * s;
      }
      modified[i] = resid[i]! / Math.sqrt(1 - h);
    }
    xStar = new Float64Array(L * k);
    eventDays.forEach((d, t) => design.x(d).forEach((v, c) => (xStar[t * k + c] = v)));
  } else {
    // Market-adjusted: nothing estimated; the errors are the centred R - Rm.
    resid = Float64Array.from(fitted.residuals);
    modified = Float64Array.from(resid);
  }
  // Centre, then scale to mean square sigma².
  let mean = 0;
  for (const v of modified) mean += v;
  mean /= n;
  let ms = 0;
  for (let i = 0; i < n; i++) {
    modified[i] = modified[i]! - mean;
    ms += modified[i]! * modified[i]!;
  }
  ms /= n;
  const scale = ms > 0 ? sigma / Math.sqrt(ms) : 0;
  const pool = modified.map((v) => v * scale);
  const standardized = pool.map((v) => v / sigma);
  const cov = fitted.covariance(eventDays);
  return {
    payload: { n, k, L, A, pool, xStar },
    sigma,
    residuals: resid,
    standardized,
    expected: Float64Array.from(study.eventWindow.expected),
    analyticSd: Float64Array.from({ length: L }, (_, t) => Math.sqrt(cov[t * L + t]!)),
  };
}

/**
 * Simulate the no-news paths of a study (see the module comment). The same seed gives the same
 * result with any number of workers.
 *
 * @example
 * const study = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * const cf = await simulateCounterfactual(study, { trials: 10_000, seed: 1, claims: [{ id: '000-07', usd: 600e9 }] });
 * cf.claims[0].probability; // chance of a 600 bn fall on 27 January 2025 without news
 */
export async function simulateCounterfactual(study: EventStudy, options: CounterfactualOptions = {}): Promise<CounterfactualResult> {
  const trials = wholeNumber(options.trials ?? 10_000, 'trials', 1, 10_000_000);
  const seed = checkedSeed(options.seed);
  const method = options.method ?? 'bootstrap';
  if (method !== 'bootstrap' && method !== 't') throw new UsageError(`method "${String(method)}" must be bootstrap or t`, { field: 'method' });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`alpha ${alpha} must be between 0 and 1`, { field: 'alpha' });
  const keepPaths = wholeNumber(options.paths ?? 40, 'paths', 0, 10_000);
  checkWorkers(options.workers);
  const claims = options.claims ?? [];
  for (const c of claims) {
    if (!c || typeof c.id !== 'string' || !(typeof c.usd === 'number' && Number.isFinite(c.usd) && c.usd > 0)) {
      throw new UsageError(`a quoted loss must have an id and a positive USD amount (got ${JSON.stringify(c)})`, { field: 'claims' });
    }
  }
  const setup = counterfactualSetup(study);
  const { L } = setup.payload;
  let nu = NaN;
  let dfFitted: boolean | null = null;
  if (method === 't') {
    if (options.df === undefined || options.df === 'fitted') {
      nu = fitStudentDf(setup.standardized);
      dfFitted = true;
    } else {
      nu = options.df;
      if (!(typeof nu === 'number' && Number.isFinite(nu) && nu > 2)) throw new UsageError(`df ${String(options.df)} must be a number above 2 (the t errors need a variance)`, { field: 'df' });
      dfFitted = false;
    }
  }
  const payload: CounterfactualPayload = {
    ...setup.payload,
    seed,
    method,
    nu: method === 't' ? nu : 0,
    tScale: method === 't' ? setup.sigma * Math.sqrt((nu - 2) / nu) : 0,
  };
  const { chunks } = await runTrials<CounterfactualChunk>(
    // About 5 µs a trial on one warm thread (the summaries after it stay on the main thread).
    { kind: 'counterfactual', payload, trials, costPerTrialMs: 0.005, runLocal: (from, to, progress) => runCounterfactualTrials(payload, from, to, progress) },
    { workers: options.workers, onProgress: options.onProgress, minWorkMs: options.minWorkMs },
  );
  const errors = new Float64Array(trials * L);
  for (const c of chunks) errors.set(c.result.errors, c.from * L);
  return summarize(study, setup, payload, errors, trials, { seed, method, nu, dfFitted, alpha, claims, keepPaths, carWindow: options.carWindow });
}

interface SummaryOptions {
  seed: number;
  method: 'bootstrap' | 't';
  nu: number;
  dfFitted: boolean | null;
  alpha: number;
  claims: readonly QuotedLoss[];
  keepPaths: number;
  carWindow?: OffsetWindow;
}

function summarize(study: EventStudy, setup: CounterfactualSetup, payload: CounterfactualPayload, errors: Float64Array, B: number, o: SummaryOptions): CounterfactualResult {
  const w = study.eventWindow;
  const L = w.dates.length;
  const [from] = w.offsets;
  const log = study.returnKind === 'log';
  const toSimple = (r: number) => (log ? Math.expm1(r) : r);
  const shares = study.shares?.value ?? null;
  const known = (v: number) => (Number.isNaN(v) ? null : v);
  const priceBefore = known(w.prevClose[0]!);
  const notes: string[] = [];
  const E = setup.expected;

  // Price paths from the close before the window.
  const prices = new Float64Array(B * L);
  const base = priceBefore ?? 1;
  for (let b = 0; b < B; b++) {
    let p = base;
    for (let t = 0; t < L; t++) {
      p *= 1 + toSimple(E[t]! + errors[b * L + t]!);
      prices[b * L + t] = p;
    }
  }
  const column = (src: Float64Array, t: number, f: (v: number) => number = (v) => v) => {
    const out = new Float64Array(B);
    for (let b = 0; b < B; b++) out[b] = f(src[b * L + t]!);
    return out;
  };
  let counterfactual = base;
  const days: CounterfactualDay[] = w.dates.map((date, t) => {
    counterfactual *= 1 + toSimple(E[t]!);
    const px = spread(column(prices, t));
    const r = column(errors, t, (u) => E[t]! + u);
    let m = 0;
    for (const v of r) m += v;
    m /= B;
    let ss = 0;
    for (const v of r) ss += (v - m) * (v - m);
    const observed = known(w.close[t]!);
    return {
      date,
      offset: from + t,
      observed,
      p05: px.p05,
      p50: px.p50,
      p95: px.p95,
      p25: px.p25,
      p75: px.p75,
      counterfactual,
      marketValue: shares !== null && priceBefore !== null ? { observed: observed === null ? null : shares * observed, p05: shares * px.p05, p50: shares * px.p50, p95: shares * px.p95 } : null,
      returnMean: m,
      returnSd: Math.sqrt(ss / (B - 1)),
      analyticMean: E[t]!,
      analyticSd: setup.analyticSd[t]!,
    };
  });
  if (priceBefore === null) notes.push(`${study.firm}'s source recorded no as-traded close before the window: prices are shown per 1 USD of it and no dollar figure is given.`);
  if (shares === null) notes.push(`No share count for ${study.firm}: market values and dollar losses are unknown.`);

  // The event day, close to close.
  const d0 = -from;
  const hasDay0 = d0 >= 0 && d0 < L;
  const p0 = hasDay0 ? known(w.prevClose[d0]!) : null;
  let loss: CounterfactualResult['loss'] = null;
  let falls: Float64Array | undefined;
  const claimRows: ClaimProbability[] = [];
  if (!hasDay0) notes.push('The event window does not contain the event day: no event-day probabilities or losses.');
  else if (shares !== null && p0 !== null) {
    const value = shares * p0;
    const observedReturn = toSimple(w.days[d0]!.firm);
    falls = new Float64Array(B);
    const abnormal = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      const r = toSimple(E[d0]! + errors[b * L + d0]!);
      falls[b] = -value * r;
      abnormal[b] = value * (r - observedReturn);
    }
    const studyLoss = study.loss(0, 0);
    // A copy of the falls, summarized and sorted in place (spread), also serves the binary searches.
    const sortedFalls = Float64Array.from(falls);
    const noNews = spread(sortedFalls);
    const df = study.fitted.df;
    for (const c of o.claims) {
      // Share of trials with a fall >= the quote (binary search in the sorted falls).
      let lo = 0;
      let hi = B;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortedFalls[mid]! < c.usd) lo = mid + 1;
        else hi = mid;
      }
      const hits = B - lo;
      const needed = -c.usd / value;
      // Analytic: P(R_0 <= needed) under the Student t forecast error (simple returns; for log
      // returns the threshold is ln(1 + needed)).
      const threshold = log ? Math.log1p(needed) : needed;
      const analytic = needed <= -1 ? 0 : tCdf((threshold - E[d0]!) / setup.analyticSd[d0]!, df);
      claimRows.push({
        id: c.id,
        usd: c.usd,
        probability: hits / B,
        upper95: clopperPearson(hits, B, 0.9)[1],
        analytic,
        returnNeeded: needed,
        ...(c.text !== undefined ? { text: c.text } : {}),
        ...(c.horizon !== undefined ? { horizon: c.horizon } : {}),
      });
    }
    loss = {
      abnormal: { ...spread(abnormal), observed: studyLoss.abnormal, analyticLo: studyLoss.abnormalLo, analyticHi: studyLoss.abnormalHi },
      noNews,
    };
  } else notes.push('Without a share count and an as-traded close before the event day, the quoted figures cannot be priced.');

  let windowLoss: Spread | null = null;
  const lastObserved = known(w.close[L - 1]!);
  if (shares !== null && priceBefore !== null && lastObserved !== null) {
    windowLoss = spread(column(prices, L - 1, (p) => shares * (p - lastObserved)));
  }

  // SQ tests and the bootstrap CAR interval.
  const [cFrom, cTo] = o.carWindow ?? [study.car.from, study.car.to];
  if (!(Number.isInteger(cFrom) && Number.isInteger(cTo) && cFrom <= cTo && cFrom >= from && cTo <= from + L - 1)) {
    throw new UsageError(`CAR window [${cFrom}, ${cTo}] must be inside the event window [${from}, ${from + L - 1}]`);
  }
  const car = study.carOver(cFrom, cTo);
  const i0 = cFrom - from;
  const i1 = cTo - from;
  const sums = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let t = i0; t <= i1; t++) s += errors[b * L + t]!;
    sums[b] = s;
  }
  let geq = 0;
  let leq = 0;
  for (const s of sums) {
    if (s >= car.value) geq++;
    if (s <= car.value) leq++;
  }
  sums.sort();
  const level = study.confidence;
  const sqCar = sqCarTest(setup.residuals, car.value, i1 - i0 + 1, o.alpha);
  const day0 = hasDay0 ? sqTest(setup.residuals, w.ar[d0]!, o.alpha) : null;

  const paths: number[][] = [];
  for (let b = 0; b < Math.min(o.keepPaths, B); b++) paths.push(Array.from(prices.subarray(b * L, (b + 1) * L)));
  const result: CounterfactualResult = {
    firm: study.firm,
    market: study.market,
    eventDate: study.event.date,
    trials: B,
    seed: o.seed,
    days,
    loss,
    claims: claimRows,
    model: study.model,
    returns: study.returnKind,
    method: o.method,
    df: o.method === 't' ? o.nu : null,
    dfFitted: o.dfFitted,
    shares,
    priceBefore,
    priceBeforeEvent: p0,
    windowLoss,
    sq: { day0, car: { ...sqCar, from: cFrom, to: cTo, days: i1 - i0 + 1 } },
    bootstrapCar: {
      from: cFrom,
      to: cTo,
      value: car.value,
      lo: car.value + quantileSorted(sums, (1 - level) / 2),
      hi: car.value + quantileSorted(sums, (1 + level) / 2),
      level,
      p: Math.min(1, (2 * Math.min(geq, leq)) / B),
      analyticLo: car.lo,
      analyticHi: car.hi,
    },
    parameterUncertainty:
      payload.k > 0
        ? 'each trial refits the model on a bootstrap sample of the estimation residuals (Davison & Hinkley 1997, Algorithm 6.4): forecast error = new error - x\'(b* - b)'
        : 'none: the market-adjusted model estimates no parameter',
    random: 'xoshiro128** per trial, state from SplitMix64 at (seed, trial) (src/simulate/random.ts)',
    notes,
  };
  Object.defineProperty(result, 'paths', { value: paths, enumerable: false });
  if (falls) Object.defineProperty(result, 'falls', { value: falls, enumerable: false });
  return result;
}
