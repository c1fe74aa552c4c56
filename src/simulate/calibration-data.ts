/**
 * The per-firm work of a Brown-Warner calibration, done once: every firm's and the market's
 * returns on the market's trading days, prefix sums that make a market-model fit over any
 * estimation window O(1), and each firm's feasible event days (every return of the estimation
 * and event windows present). Plain typed arrays, so the same object goes to worker threads.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import type { Panel } from '../panel/panel.js';
import { priceReturns } from '../returns/returns.js';
import { GROUPS } from '../samples/groups.js';
import { MIN_ESTIMATION_DAYS } from '../study/defaults.js';

/** Offsets of a window, both ends included. */
export type Offsets = readonly [from: number, to: number];

/** What the calibration kernel reads. Every array is plain data (structured-clone safe). */
export interface CalibrationData {
  /** The firms (universe) and the market. */
  symbols: string[];
  market: string;
  /** The market's trading days (the calendar every index below refers to). */
  dates: string[];
  /** Number of firms F and of calendar days T. */
  F: number;
  T: number;
  /** Firm returns, firm-major F x T (simple returns on the adjusted close; NaN where missing). */
  r: Float64Array;
  /** Market returns, T (NaN where missing). */
  m: Float64Array;
  /** Prefix sums over the calendar of m and m^2 (T + 1; missing days count 0, never inside a feasible window). */
  pm: Float64Array;
  pmm: Float64Array;
  /** Per firm prefix sums of r, r^2 and r m, F x (T + 1). */
  pr: Float64Array;
  prr: Float64Array;
  prm: Float64Array;
  /** Feasible event days (calendar indices), all firms concatenated; firm f's are `events[eventStart[f] .. eventStart[f + 1])`. */
  events: Int32Array;
  eventStart: Int32Array;
  /** The design: estimation and event windows as offsets from the event day (the event day, offset 0, is inside the event window). */
  estimation: Offsets;
  window: Offsets;
}

/** The calibration's universe by default: the fixture groups' firms, group by group (filtered to those with as-traded closes). */
export const CALIBRATION_UNIVERSE: readonly string[] = GROUPS.flatMap((g) => g.members);

/** What a calibration data set is built from. */
export interface CalibrationDataOptions {
  market: string;
  /** Candidate firms; those without as-traded closes are left out (named in `excluded`). */
  universe: readonly string[];
  estimation: Offsets;
  window: Offsets;
}

/**
 * Checks a calibration design's windows: integer offsets, estimation entirely before the event
 * window and at least a study's fewest estimation days long (every return of it is present), event
 * day inside the event window.
 */
export function checkDesign(estimation: Offsets, window: Offsets): void {
  const ok = (w: Offsets) => Array.isArray(w) && w.length === 2 && Number.isInteger(w[0]) && Number.isInteger(w[1]) && w[0] <= w[1];
  if (!ok(estimation)) throw new UsageError(`the estimation window [${String(estimation)}] must be two integer offsets in order`);
  if (!ok(window)) throw new UsageError(`the event window [${String(window)}] must be two integer offsets in order`);
  if (!(window[0] <= 0 && window[1] >= 0)) throw new UsageError(`the event window [${window[0]}, ${window[1]}] must contain the event day (offset 0)`);
  if (!(estimation[1] < window[0])) throw new UsageError(`the estimation window [${estimation[0]}, ${estimation[1]}] must end before the event window [${window[0]}, ${window[1]}] starts`);
  if (estimation[1] - estimation[0] + 1 < MIN_ESTIMATION_DAYS) throw new UsageError(`the estimation window [${estimation[0]}, ${estimation[1]}] has fewer than ${MIN_ESTIMATION_DAYS} days`);
}

/**
 * Lay the universe's firms and the market on the market's trading days, with returns, prefix
 * sums and feasible event days. Firms whose source has no as-traded close, or with no feasible
 * event day, are left out and listed in `excluded` with the reason.
 *
 * @example
 * const panel = await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, 'SPY'] });
 * const { data } = calibrationData(panel, { market: 'SPY', universe: CALIBRATION_UNIVERSE, estimation: [-260, -11], window: [-5, 5] });
 */
export function calibrationData(panel: Panel, o: CalibrationDataOptions): { data: CalibrationData; excluded: { symbol: string; reason: string }[] } {
  checkDesign(o.estimation, o.window);
  const market = panel.series(o.market);
  const cal: number[] = [];
  for (let i = 0; i < panel.dates.length; i++) if (market.present[i] === 1) cal.push(i);
  const T = cal.length;
  const gather = (col: Float64Array) => {
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) out[t] = col[cal[t]!]!;
    return out;
  };
  const m = priceReturns(gather(market.price));
  const excluded: { symbol: string; reason: string }[] = [];
  const kept: { symbol: string; r: Float64Array; events: number[] }[] = [];
  const seen = new Set<string>();
  for (const raw of o.universe) {
    const symbol = raw.toUpperCase();
    if (seen.has(symbol) || symbol === market.symbol) continue;
    seen.add(symbol);
    const s = panel.series(symbol);
    if (!s.close.some((c) => !Number.isNaN(c))) {
      excluded.push({ symbol, reason: 'no as-traded close in its source' });
      continue;
    }
    const r = priceReturns(gather(s.price));
    const events = feasibleDays(r, m, T, o.estimation, o.window);
    if (events.length === 0) {
      excluded.push({ symbol, reason: `no event day with every return of the windows against ${market.symbol}` });
      continue;
    }
    kept.push({ symbol, r, events });
  }
  if (kept.length === 0) throw new UsageError(`no firm of the universe (${o.universe.join(', ')}) can be used against ${market.symbol}`);
  const data = assemble(
    {
      symbols: kept.map((k) => k.symbol),
      market: market.symbol,
      dates: cal.map((i) => panel.dates[i]!),
      firmReturns: kept.map((k) => k.r),
      marketReturns: m,
      estimation: o.estimation,
      window: o.window,
    },
    kept.map((k) => k.events),
  );
  return { data, excluded };
}

/**
 * The calendar days `e` (ascending) on which every firm return `r` and market return `m` of the
 * estimation and event windows around `e` is present, both windows inside the T days.
 */
function feasibleDays(r: Float64Array, m: Float64Array, T: number, estimation: Offsets, window: Offsets): number[] {
  const [e0, e1] = estimation;
  const [w0, w1] = window;
  // bad[t]: no firm or market return on day t; prefix counts find windows without one.
  const badBefore = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) badBefore[t + 1] = badBefore[t]! + (Number.isNaN(r[t]!) || Number.isNaN(m[t]!) ? 1 : 0);
  const clean = (a: number, b: number) => badBefore[b + 1]! - badBefore[a]! === 0;
  const events: number[] = [];
  for (let e = 0; e < T; e++) {
    if (e + e0 < 0 || e + w1 >= T) continue;
    if (clean(e + e0, e + e1) && clean(e + w0, e + w1)) events.push(e);
  }
  return events;
}

/** Plain returns on one calendar, for {@link calibrationDataFromReturns}. */
export interface CalibrationReturns {
  symbols: readonly string[];
  market: string;
  /** The calendar (ascending ISO dates), one per return. */
  dates: readonly string[];
  /** Each firm's returns on the calendar (NaN where missing). */
  firmReturns: readonly Float64Array[];
  /** The market's returns on the calendar (NaN where missing). */
  marketReturns: Float64Array;
  estimation: Offsets;
  window: Offsets;
}

/**
 * A calibration data set from plain returns on one calendar (no panel, no I/O): prefix sums and
 * each firm's feasible event days (every firm and market return of both windows present). Firms
 * without a feasible day are left out (never drawn); a UsageError when no firm has one.
 *
 * @example
 * const data = calibrationDataFromReturns({ symbols: ['A', 'B'], market: 'M', dates, firmReturns: [ra, rb], marketReturns: rm, estimation: [-260, -11], window: [-5, 5] });
 */
export function calibrationDataFromReturns(o: CalibrationReturns): CalibrationData {
  checkDesign(o.estimation, o.window);
  const T = o.dates.length;
  const m = o.marketReturns;
  if (m.length !== T) throw new UsageError(`${m.length} market returns for ${T} dates`);
  if (o.firmReturns.length !== o.symbols.length) throw new UsageError(`${o.firmReturns.length} firms' returns for ${o.symbols.length} symbols`);
  const events = o.firmReturns.map((rf, f) => {
    if (rf.length !== T) throw new UsageError(`${rf.length} returns of ${o.symbols[f]} for ${T} dates`, { symbol: o.symbols[f] });
    return feasibleDays(rf, m, T, o.estimation, o.window);
  });
  if (events.every((e) => e.length === 0)) throw new UsageError(`no firm (${o.symbols.join(', ')}) has an event day with every return of the windows`);
  // Firms without a feasible day are dropped: the kernel draws a firm uniformly among those that have one.
  const keep = [...events.keys()].filter((f) => events[f]!.length > 0);
  if (keep.length < events.length) {
    return assemble({ ...o, symbols: keep.map((f) => o.symbols[f]!), firmReturns: keep.map((f) => o.firmReturns[f]!) }, keep.map((f) => events[f]!));
  }
  return assemble(o, events);
}

/** The data set of checked returns whose firms each have the feasible days `events[f]` (none empty): returns laid out, prefix sums. */
function assemble(o: CalibrationReturns, events: readonly number[][]): CalibrationData {
  const T = o.dates.length;
  const m = o.marketReturns;
  const [e0, e1] = o.estimation;
  const [w0, w1] = o.window;
  const F = o.symbols.length;
  const r = new Float64Array(F * T);
  const pm = new Float64Array(T + 1);
  const pmm = new Float64Array(T + 1);
  const pr = new Float64Array(F * (T + 1));
  const prr = new Float64Array(F * (T + 1));
  const prm = new Float64Array(F * (T + 1));
  const z = (v: number) => (Number.isNaN(v) ? 0 : v);
  for (let t = 0; t < T; t++) {
    const x = z(m[t]!);
    pm[t + 1] = pm[t]! + x;
    pmm[t + 1] = pmm[t]! + x * x;
  }
  const eventStart = new Int32Array(F + 1);
  const all: number[] = [];
  for (let f = 0; f < F; f++) {
    const rf = o.firmReturns[f]!;
    r.set(rf, f * T);
    const b = f * (T + 1);
    for (let t = 0; t < T; t++) {
      const y = rf[t]!;
      const x = m[t]!;
      pr[b + t + 1] = pr[b + t]! + z(y);
      prr[b + t + 1] = prr[b + t]! + z(y) * z(y);
      prm[b + t + 1] = prm[b + t]! + z(y) * z(x);
    }
    for (const e of events[f]!) all.push(e);
    eventStart[f + 1] = all.length;
  }
  return {
    symbols: [...o.symbols],
    market: o.market,
    dates: [...o.dates],
    F,
    T,
    r,
    m: Float64Array.from(m),
    pm,
    pmm,
    pr,
    prr,
    prm,
    events: Int32Array.from(all),
    eventStart,
    estimation: [e0, e1],
    window: [w0, w1],
  };
}
