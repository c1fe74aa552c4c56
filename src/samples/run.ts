/**
 * A sample of firms on one panel: each firm through the study's stages (align, event and
 * windows, fit, abnormal returns), then the test battery of `tests.ts` on AAR and CAAR.
 *
 * Unlike `runStudy`, a missing return inside a firm's event window is not an error here: it is a
 * gap in that firm's abnormal returns (NaN, never a zero), with the row and column of its day in
 * the firm's covariance NaN, so the battery leaves the firm out of that day (and of every CAAR
 * window that contains it) and `n` says how many firms are behind each figure. A firm that
 * cannot be studied at all (no overlap with its benchmark, the event outside its data, too few
 * estimation days) is left out of the sample with the reason listed.
 *
 * @module
 */
import { ModelError, SputnikError, UsageError, WindowError } from '../errors.js';
import { dollarFigures } from '../impact/dollars.js';
import type { ModelDay, ModelName } from '../models/types.js';
import type { Panel } from '../panel/panel.js';
import type { GapPolicy, ReturnKind } from '../returns/returns.js';
import { criticalT, tInference } from '../stats/distributions.js';
import { alignStudy } from '../study/align.js';
import { FLAGSHIP, type OffsetWindow } from '../study/defaults.js';
import { closedDay, whyNoModelDay } from '../study/days.js';
import { estimate, modelDay } from '../study/estimate.js';
import { normalizeSymbol, resolveOptions } from '../study/options.js';
import { STANDARD_CAR_WINDOWS, windowsInside } from '../study/tables.js';
import { locateEvent, resolveWindow, type WindowSpec } from '../study/windows.js';
import { isIsoDate } from '../util/dates.js';
import { prepareSample } from './prepare.js';
import { caarTests, dailyTests } from './tests.js';
import type { FirmAbnormalReturns, SampleNote, SampleTests } from './types.js';

/** A firm of a sample with its own benchmark and/or event date (non-clustered events). */
export interface SampleFirmSpec {
  firm: string;
  /** Default: the design's `market`. */
  market?: string;
  /** Default: the design's `event`. A different date per firm makes the events non-clustered. */
  event?: string;
}

/** What to study: the firms and the study options every firm shares (defaults: the flagship design). */
export interface SampleDesign {
  /** Tickers, or `{ firm, market?, event? }` for a firm with its own benchmark or event date. */
  firms: readonly (string | SampleFirmSpec)[];
  /** Benchmark of every firm that names none; default SPY. */
  market?: string;
  /** Event date of every firm that names none; default 2025-01-27. A non-trading day moves to the next trading day. */
  event?: string;
  /** Estimation window, offsets or dates; default `[-260, -11]`. */
  estimation?: WindowSpec;
  /**
   * Event window; default `[-5, 5]`. Every firm must get the same offsets: dates are accepted
   * only when all firms share the event date.
   */
  window?: WindowSpec;
  /** Return model (market, market-adjusted, constant-mean, ff3); default market. */
  model?: ModelName | string;
  /** simple (default) or log. */
  returns?: ReturnKind;
  /** Level of the intervals; default 0.95. */
  confidence?: number;
  /** Fewest estimation days for a firm to be studied; default 10. */
  minEstimationDays?: number;
  /**
   * A return across a missing price: `drop` (default) leaves it out, `multi-day` computes it
   * from the last recorded price and counts it on the later day (estudy2's `multi_day`). The
   * return on a day without a price is missing either way.
   */
  gaps?: GapPolicy;
  /** The headline CAAR window (`caar`); default the whole event window. */
  carWindow?: OffsetWindow;
  /** The CAAR windows of `windows`; default the standard windows inside the event window. */
  carWindows?: readonly OffsetWindow[];
}

const DESIGN_KEYS = ['firms', 'market', 'event', 'estimation', 'window', 'model', 'returns', 'confidence', 'minEstimationDays', 'gaps', 'carWindow', 'carWindows'] as const;

/** The design as it was run (plain data). */
export interface ResolvedSampleDesign {
  market: string;
  event: string;
  estimation: WindowSpec;
  /** The event window as offsets (the same for every firm). */
  window: OffsetWindow;
  model: ModelName;
  returns: ReturnKind;
  confidence: number;
  minEstimationDays: number;
  gaps: GapPolicy;
  carWindow: OffsetWindow;
  carWindows: OffsetWindow[];
}

/** An event-window day without a return for a firm. */
export interface MissingDay {
  offset: number;
  date: string;
  reason: string;
}

/** One firm of the sample: its fit, its day-0 abnormal return, its CAR and its day-0 dollar loss. */
export interface SampleFirmRow {
  symbol: string;
  market: string;
  requestedEventDate: string;
  /** The firm's event day (offset 0). */
  eventDate: string;
  /** Whether the requested date was not a trading day and moved to the next one. */
  shifted: boolean;
  estimationStart: string;
  estimationEnd: string;
  /** Estimation days with a return, residual degrees of freedom, the fit. */
  n: number;
  df: number;
  alpha: number;
  beta: number;
  sigma: number;
  r2: number | null;
  /** Estimation-window days without a return (left out of the fit). */
  estimationGaps: number;
  /** Abnormal return on day 0 and its Student t test (null when day 0 has no return or is outside the window). */
  ar0: number | null;
  ar0Se: number | null;
  ar0T: number | null;
  ar0P: number | null;
  /** CAR over the headline window `[carFrom, carTo]` with its test (null when a day of it has no return). */
  carFrom: number;
  carTo: number;
  car: number | null;
  carSe: number | null;
  carT: number | null;
  carP: number | null;
  /** Share count (listed securities) from the facts file, or null. */
  shares: number | null;
  /** Abnormal fall in market value on day 0 (positive = loss, currency of the prices) and its interval; null when unknown. */
  loss0: number | null;
  loss0Lo: number | null;
  loss0Hi: number | null;
  /** Event-window days without a return (gaps, never zeros). */
  missing: MissingDay[];
}

/** A firm left out of the sample, and why. */
export interface ExcludedFirm {
  symbol: string;
  market: string;
  event: string;
  reason: string;
}

/** The battery on one day. `date` is the calendar date of the offset when every firm shares it (clustered event), else null. */
export interface SampleDay {
  date: string | null;
  offset: number;
  /** Average abnormal return of the `n` firms with a return that day (null when none). */
  aar: number | null;
  n: number;
  tests: SampleTests;
  notes: SampleNote[];
}

/** The battery on a CAAR window. */
export interface SampleCaar {
  from: number;
  to: number;
  fromDate: string | null;
  toDate: string | null;
  /** The CAAR (mean CAR of the firms kept); `caar` is the same number under the battery's name. */
  value: number | null;
  caar: number | null;
  /** Firms kept (a return on every day of the window); `excluded` names the others. */
  n: number;
  excluded: string[];
  tests: SampleTests;
  notes: SampleNote[];
}

/** The running CAAR from the first day of the event window, with its cross-sectional interval. */
export interface SamplePathPoint {
  offset: number;
  date: string | null;
  caar: number | null;
  n: number;
  /** `caar ± t_{n-1} · s/√n` over the CARs of the `n` firms (null when n < 2). */
  lo: number | null;
  hi: number | null;
}

/** The result of {@link runSample}: plain, JSON-serialisable data. */
export interface SampleResult {
  design: ResolvedSampleDesign;
  /** Whether every firm studied has the same event day (a clustered event). */
  clustered: boolean;
  /** That common event day, else null. */
  eventDate: string | null;
  firms: SampleFirmRow[];
  excluded: ExcludedFirm[];
  counts: { requested: number; studied: number; excluded: number };
  days: SampleDay[];
  /** The headline CAAR (default over the whole event window). */
  caar: SampleCaar;
  /** The CAAR over each standard window inside the event window (or the design's `carWindows`). */
  windows: SampleCaar[];
  /** The running CAAR and its interval, day by day (what the CAAR chart draws). */
  cumulative: SamplePathPoint[];
  notes: string[];
}

/** A firm studied: the battery's input and the row of the result. */
interface FirmStudy {
  input: FirmAbnormalReturns;
  row: SampleFirmRow;
  /** The event window's dates. */
  dates: string[];
  notes: string[];
}

const finiteOrNull = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

function checkOffsets(w: unknown, what: string): OffsetWindow {
  if (!Array.isArray(w) || w.length !== 2 || !Number.isInteger(w[0]) || !Number.isInteger(w[1]) || w[0] > w[1]) {
    throw new UsageError(`${what} ${JSON.stringify(w)} must be two whole trading-day offsets [from, to] with from <= to`);
  }
  return [w[0], w[1]];
}

/** The firms of the design as `{ firm, market, event }`, upper-cased, with the design's defaults. */
function firmSpecs(design: SampleDesign, market: string, event: string): { firm: string; market: string; event: string }[] {
  if (!Array.isArray(design.firms) || design.firms.length === 0) throw new UsageError('a sample needs at least one firm', { field: 'firms' });
  return design.firms.map((f, k) => {
    const spec: SampleFirmSpec = typeof f === 'string' ? { firm: f } : f;
    if (spec === null || typeof spec !== 'object') throw new UsageError(`firm ${k + 1} of the sample must be a ticker or { firm, market?, event? }`, { field: 'firms' });
    const firm = normalizeSymbol(spec.firm, `firms[${k}]`);
    const m = spec.market === undefined ? market : normalizeSymbol(spec.market, `market of ${firm}`);
    const e = spec.event ?? event;
    if (typeof e !== 'string' || !isIsoDate(e)) throw new UsageError(`event date "${String(e)}" of ${firm} is not a valid YYYY-MM-DD date`, { symbol: firm, field: 'event' });
    return { firm, market: m, event: e };
  });
}

/**
 * Interns estimation-date lists: firms whose estimation windows cover the same days share one
 * array, so the battery's pairwise correlations take their fast path (no merge on dates).
 */
class DateLists {
  readonly #lists = new Map<string, string[][]>();
  get(dates: readonly string[], from: number, to: number): string[] {
    const key = `${dates[from]}|${dates[to]}|${to - from + 1}`;
    let bucket = this.#lists.get(key);
    if (!bucket) this.#lists.set(key, (bucket = []));
    for (const list of bucket) {
      let same = true;
      for (let k = 0; k < list.length && same; k++) same = list[k] === dates[from + k];
      if (same) return list;
    }
    const list = dates.slice(from, to + 1);
    bucket.push(list);
    return list;
  }
}

/** The single-study options of one firm of a sample: the design's shared options with its tickers and date. */
function studyOptionsOf(design: SampleDesign, firm: string, market: string, event: string) {
  const { estimation, window, model, returns, confidence, minEstimationDays, gaps } = design;
  return { firm, market, event, estimation, window, model, returns, confidence, minEstimationDays, gaps };
}

/**
 * One firm through the study's stages. Throws a `WindowError`/`ModelError`/`DataError` when the
 * firm cannot be studied (the caller lists it as excluded), a `UsageError` for a bad design.
 */
function studyFirm(
  panel: Panel,
  spec: { firm: string; market: string; event: string },
  design: SampleDesign,
  win: OffsetWindow | null,
  carWindow: OffsetWindow | null,
  dateLists: DateLists,
): FirmStudy & { window: OffsetWindow } {
  const { firm, market } = spec;
  const d = resolveOptions(studyOptionsOf(design, firm, market, spec.event));
  const notes: string[] = [];
  const series = alignStudy(panel, firm, market, d.returns, d.model === 'ff3', d.gaps);
  const { range } = series.provenance;
  const event = locateEvent(series.dates, d.event, firm, range);
  if (event.shifted) {
    const why = closedDay(d.event) ?? `${d.event}: neither ${firm} nor ${market} has a price that day`;
    notes.push(`${firm}: ${why}; its event moves to the next trading day, ${event.date}.`);
  }
  const est = resolveWindow(d.estimation, series.dates, event, 'estimation window', firm, range);
  const w = resolveWindow(d.window, series.dates, event, 'event window', firm, range);
  if (win && (w[0] !== win[0] || w[1] !== win[1])) {
    throw new WindowError(`its event window is [${w[0]}, ${w[1]}] on its trading days, not the sample's [${win[0]}, ${win[1]}]`, { symbol: firm });
  }
  if (est[1] >= w[0] && w[1] >= est[0]) {
    throw new UsageError(`estimation window [${est[0]}, ${est[1]}] overlaps the event window [${w[0]}, ${w[1]}]`, { symbol: firm, date: event.date });
  }
  const estimation = estimate(series, d.model, event.index, est, d.minEstimationDays, d.confidence, firm, event.date);
  const fitted = estimation.fitted;
  if (estimation.gaps.length > 0) notes.push(`${firm}: ${estimation.gaps.length} estimation day(s) without a return are left out of the fit.`);

  // Estimation residuals on every day of the window, NaN where a return is missing.
  const e0 = event.index + est[0];
  const e1 = event.index + est[1];
  const residuals = new Float64Array(e1 - e0 + 1);
  let r = 0;
  let g = 0;
  for (let i = e0; i <= e1; i++) {
    if (estimation.gaps[g] === i) {
      residuals[i - e0] = NaN;
      g++;
    } else residuals[i - e0] = fitted.residuals[r++]!;
  }

  // Abnormal returns on the event window: a day without a return is a gap.
  const L = w[1] - w[0] + 1;
  const ar = new Float64Array(L);
  const present: ModelDay[] = [];
  const at: number[] = [];
  const missing: MissingDay[] = [];
  const dates: string[] = [];
  for (let k = 0; k < L; k++) {
    const i = event.index + w[0] + k;
    dates.push(series.dates[i]!);
    const day = modelDay(series, i);
    if (!day) {
      ar[k] = NaN;
      const reason = whyNoModelDay(series, i, firm, market);
      missing.push({ offset: w[0] + k, date: series.dates[i]!, reason });
      continue;
    }
    ar[k] = day.firm - fitted.expected(day);
    present.push(day);
    at.push(k);
  }
  // Covariance of the event-window ARs (CLM 1997 eq. 4.4.8) on the days with a return; the row
  // and column of a day without one are NaN.
  const cov = new Float64Array(L * L).fill(NaN);
  if (present.length > 0) {
    const c = fitted.covariance(present);
    const m = present.length;
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) cov[at[a]! * L + at[b]!] = c[a * m + b]!;
  }
  if (missing.length > 0) {
    notes.push(`${firm}: no return on ${missing.map((x) => `day ${x.offset} (${x.date}: ${x.reason})`).join('; ')}; a gap, never a zero.`);
  }

  // Day 0: the abnormal return, its test and the abnormal dollar loss.
  let ar0: { value: number; se: number; t: number; p: number } | null = null;
  let loss0: { value: number; lo: number; hi: number } | null = null;
  const k0 = -w[0];
  const listed = panel.facts?.sharesOutstanding[firm];
  const shares = listed ? (listed.listedShares ?? listed.value) : null;
  if (k0 >= 0 && k0 < L && !Number.isNaN(ar[k0]!)) {
    const inf = tInference(ar[k0]!, Math.sqrt(cov[k0 * L + k0]!), fitted.df, d.confidence);
    ar0 = { value: ar[k0]!, se: inf.se, t: inf.t, p: inf.p };
    const i = event.index;
    const prev = series.prevClose[i]!;
    if (shares !== null && Number.isFinite(prev)) {
      const day = modelDay(series, i)!;
      const fig = dollarFigures(shares, [{ prevClose: prev, ret: day.firm, expected: fitted.expected(day) }], d.returns);
      if (fig.abnormal !== null && fig.weights) {
        const ci = tInference(fig.abnormal, Math.sqrt(fitted.variance([day], fig.weights)), fitted.df, d.confidence);
        loss0 = { value: fig.abnormal, lo: ci.lo, hi: ci.hi };
      }
    }
  }

  if (shares !== null && !series.hasClose) notes.push(`${firm}: its source recorded no as-traded close, so its dollar loss is unknown.`);

  // The firm's CAR over the headline window (variance 1'V1, CLM 1997 eq. 4.4.12).
  const cw = carWindow ?? w;
  let car: { value: number; se: number; t: number; p: number } | null = null;
  if (cw[0] >= w[0] && cw[1] <= w[1]) {
    const t0 = cw[0] - w[0];
    const t1 = cw[1] - w[0];
    let value = 0;
    let v = 0;
    for (let t = t0; t <= t1; t++) {
      value += ar[t]!;
      for (let u = t0; u <= t1; u++) v += cov[t * L + u]!;
    }
    if (Number.isFinite(value) && v > 0) {
      const inf = tInference(value, Math.sqrt(v), fitted.df, d.confidence);
      car = { value, se: inf.se, t: inf.t, p: inf.p };
    }
  }

  const s = estimation.summary;
  const row: SampleFirmRow = {
    symbol: firm,
    market,
    requestedEventDate: event.requested,
    eventDate: event.date,
    shifted: event.shifted,
    estimationStart: s.start,
    estimationEnd: s.end,
    n: s.n,
    df: s.df,
    alpha: s.alpha,
    beta: s.beta,
    sigma: s.sigma,
    r2: finiteOrNull(s.r2),
    estimationGaps: estimation.gaps.length,
    ar0: ar0?.value ?? null,
    ar0Se: ar0?.se ?? null,
    ar0T: finiteOrNull(ar0?.t),
    ar0P: finiteOrNull(ar0?.p),
    carFrom: cw[0],
    carTo: cw[1],
    car: car?.value ?? null,
    carSe: car?.se ?? null,
    carT: finiteOrNull(car?.t),
    carP: finiteOrNull(car?.p),
    shares,
    loss0: loss0?.value ?? null,
    loss0Lo: loss0?.lo ?? null,
    loss0Hi: loss0?.hi ?? null,
    missing,
  };
  const input: FirmAbnormalReturns = {
    symbol: firm,
    eventDate: event.date,
    estimation: residuals,
    estimationDates: dateLists.get(series.dates, e0, e1),
    event: ar,
    sigma: fitted.sigma,
    df: fitted.df,
    eventCov: cov,
  };
  return { input, row, dates, notes, window: w };
}

/** The running CAAR from the window's first day, with the cross-sectional t interval. */
function cumulativePath(firms: readonly FirmAbnormalReturns[], window: OffsetWindow, dates: readonly (string | null)[], level: number): SamplePathPoint[] {
  const L = window[1] - window[0] + 1;
  const running = new Float64Array(firms.length);
  const out: SamplePathPoint[] = [];
  for (let t = 0; t < L; t++) {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < firms.length; i++) {
      running[i] = running[i]! + firms[i]!.event[t]!; // NaN once a day is missing: the firm leaves the path
      const c = running[i]!;
      if (c === c) {
        n++;
        sum += c;
      }
    }
    const caar = n > 0 ? sum / n : null;
    let lo: number | null = null;
    let hi: number | null = null;
    if (n >= 2) {
      let ss = 0;
      for (let i = 0; i < firms.length; i++) {
        const c = running[i]!;
        if (c === c) ss += (c - caar!) ** 2;
      }
      const se = Math.sqrt(ss / (n - 1) / n);
      const q = criticalT(n - 1, level);
      lo = caar! - q * se;
      hi = caar! + q * se;
    }
    out.push({ offset: window[0] + t, date: dates[t] ?? null, caar, n, lo, hi });
  }
  return out;
}

/**
 * Run an event study on a sample of firms: each firm through the study's stages on the panel,
 * then AAR and CAAR with the ten tests of the battery (`docs/sample-tests.md`), day by day, over
 * the headline window and over the standard windows. Pure: no I/O.
 *
 * Firms share the design (model, returns, windows as offsets, gap policy) and may each have their
 * own benchmark and event date. A missing return inside a firm's event window is a gap (that
 * firm is not counted that day, nor in a CAAR window containing it); a firm that cannot be
 * studied is listed in `excluded` with the reason. Throws a `UsageError` for a bad design, a
 * `ModelError` for ff3 without factors, and a `WindowError` when no firm can be studied.
 *
 * @example
 * const panel = await loadPanel({ symbols: [...groupMembers('semiconductors'), 'SPY'] });
 * const s = runSample(panel, { firms: groupMembers('semiconductors'), market: 'SPY', event: '2025-01-27' });
 * s.days.find((d) => d.offset === 0)?.aar;   // the average abnormal return of 27 January 2025
 * s.caar.tests.kolariPynnonen;                // { stat, p }
 */
export function runSample(panel: Panel, design: SampleDesign): SampleResult {
  if (design === null || typeof design !== 'object') throw new UsageError('a sample design must be an object');
  for (const key of Object.keys(design)) {
    if (!(DESIGN_KEYS as readonly string[]).includes(key)) throw new UsageError(`unknown sample option "${key}"; the options are ${DESIGN_KEYS.join(', ')}`, { field: key });
  }
  const market = normalizeSymbol(design.market ?? FLAGSHIP.market, 'market');
  const event = design.event ?? FLAGSHIP.event;
  if (typeof event !== 'string' || !isIsoDate(event)) throw new UsageError(`event date "${String(event)}" is not a valid YYYY-MM-DD date`, { field: 'event' });
  const specs = firmSpecs(design, market, event);
  // The options every firm shares, checked once (with stand-in tickers).
  const base = resolveOptions(studyOptionsOf(design, 'FIRM', 'BENCHMARK', event));
  if (!(Number.isInteger(base.minEstimationDays) && base.minEstimationDays >= 2)) {
    throw new UsageError(`minEstimationDays ${base.minEstimationDays} must be a whole number of at least 2`, { field: 'minEstimationDays' });
  }
  if (base.model === 'ff3' && !panel.factors) throw new ModelError('the ff3 model needs the Fama-French factor series (load the panel with factors: true)');
  let win: OffsetWindow | null = null;
  if (Array.isArray(base.window)) win = checkOffsets(base.window, 'event window');
  else if (new Set(specs.map((s) => s.event)).size > 1) {
    throw new UsageError('an event window given by dates needs one event date for every firm; give it as offsets for events on different dates', { field: 'window' });
  }
  const carWindow = design.carWindow === undefined ? null : checkOffsets(design.carWindow, 'CAR window');
  const customWindows = design.carWindows === undefined ? null : design.carWindows.map((w, k) => checkOffsets(w, `carWindows[${k}]`));

  const studied: FirmStudy[] = [];
  const excluded: ExcludedFirm[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const dateLists = new DateLists();
  for (const spec of specs) {
    const key = `${spec.firm}|${spec.market}|${spec.event}`;
    const out = (reason: string) => excluded.push({ symbol: spec.firm, market: spec.market, event: spec.event, reason });
    if (seen.has(key)) {
      out('listed twice with the same benchmark and event date');
      continue;
    }
    seen.add(key);
    if (spec.firm === spec.market) {
      out(`${spec.firm} is its own benchmark`);
      continue;
    }
    try {
      const f = studyFirm(panel, spec, design, win, carWindow, dateLists);
      win ??= f.window;
      studied.push(f);
      notes.push(...f.notes);
    } catch (err) {
      if (!(err instanceof SputnikError) || err instanceof UsageError) throw err;
      out(err.message);
    }
  }
  if (studied.length === 0 || !win) {
    throw new WindowError(`no firm of the sample could be studied: ${excluded.map((e) => `${e.symbol}: ${e.reason}`).join('; ')}`);
  }
  const window = win;
  const L = window[1] - window[0] + 1;
  const headline = carWindow ?? window;
  if (headline[0] < window[0] || headline[1] > window[1]) {
    throw new UsageError(`CAR window [${headline[0]}, ${headline[1]}] is not inside the event window [${window[0]}, ${window[1]}]`, { field: 'carWindow' });
  }
  const windows = customWindows ?? windowsInside(window, STANDARD_CAR_WINDOWS);
  for (const w of windows) {
    if (w[0] < window[0] || w[1] > window[1]) throw new UsageError(`CAR window [${w[0]}, ${w[1]}] is not inside the event window [${window[0]}, ${window[1]}]`, { field: 'carWindows' });
  }

  // Calendar dates of the offsets: only when every firm has the same date at an offset.
  const firstDates = studied[0]!.dates;
  const dates: (string | null)[] = firstDates.map((d, t) => (studied.every((f) => f.dates[t] === d) ? d : null));
  const eventDates = new Set(studied.map((f) => f.input.eventDate));
  const clustered = eventDates.size === 1;
  const eventDate = clustered ? studied[0]!.input.eventDate : null;
  if (clustered && dates.some((d) => d === null)) notes.push('The firms share the event day but not every trading day of the window: days on which their calendars differ have no date.');
  if (!clustered) notes.push(`Non-clustered events: ${eventDates.size} different event days; days are in event time and have no calendar date.`);

  // A firm studied on several event dates (firm-events) is named SYMBOL@DATE in the battery's lists.
  const times = new Map<string, number>();
  for (const f of studied) times.set(f.row.symbol, (times.get(f.row.symbol) ?? 0) + 1);
  for (const f of studied) if (times.get(f.row.symbol)! > 1) f.input.symbol = `${f.row.symbol}@${f.input.eventDate}`;
  const inputs = studied.map((f) => f.input);
  const prep = prepareSample({ window, firms: inputs });
  const days: SampleDay[] = dailyTests(prep).map((d, t) => ({
    date: clustered ? dates[t] ?? null : null,
    offset: d.offset,
    aar: d.aar,
    n: d.n,
    tests: d.tests,
    notes: d.notes,
  }));
  const caarOf = ([a, b]: OffsetWindow): SampleCaar => {
    const c = caarTests(prep, a, b);
    return {
      from: c.from,
      to: c.to,
      fromDate: clustered ? dates[a - window[0]] ?? null : null,
      toDate: clustered ? dates[b - window[0]] ?? null : null,
      value: c.caar,
      caar: c.caar,
      n: c.n,
      excluded: c.excluded,
      tests: c.tests,
      notes: c.notes,
    };
  };
  const cumulative = cumulativePath(inputs, window, clustered ? dates : new Array<null>(L).fill(null), base.confidence);

  const noShares = studied.filter((f) => f.row.shares === null).map((f) => f.row.symbol);
  if (noShares.length > 0) notes.push(`No share count in the facts file for ${noShares.join(', ')}: their dollar losses are unknown (never estimated).`);
  if (excluded.length > 0) notes.unshift(`${excluded.length} firm(s) left out: ${excluded.map((e) => `${e.symbol} (${e.reason})`).join('; ')}.`);
  const markets = [...new Set(studied.map((f) => f.row.market))];
  notes.unshift(
    `${studied.length} firm(s) studied against ${markets.join(', ')} with the ${base.model} model and ${base.returns} returns; ` +
      `gap policy ${base.gaps} (${base.gaps === 'drop' ? 'a return across a missing price is left out' : 'a return across a missing price spans the gap and counts on the later day'}).`,
  );

  return {
    design: {
      market,
      event,
      estimation: base.estimation,
      window,
      model: base.model,
      returns: base.returns,
      confidence: base.confidence,
      minEstimationDays: base.minEstimationDays,
      gaps: base.gaps,
      carWindow: headline,
      carWindows: windows.map((w) => [w[0], w[1]] as OffsetWindow),
    },
    clustered,
    eventDate,
    firms: studied.map((f) => f.row),
    excluded,
    counts: { requested: specs.length, studied: studied.length, excluded: excluded.length },
    days,
    caar: caarOf(headline),
    windows: windows.map(caarOf),
    cumulative,
    notes,
  };
}
