import type { Coefficient, ModelName } from '../models/types.js';
import type { AlignmentRange, DateRun, PriceBasis } from '../panel/panel.js';
import type { GapPolicy, ReturnKind } from '../returns/returns.js';
import type { OffsetWindow } from './defaults.js';
import type { EventDay, WindowSpec } from './windows.js';

/** What to study. Only `firm`, `market` and `event` are required; the rest default to the flagship design. */
export interface StudyOptions {
  /** The firm's ticker, e.g. `NVDA`. */
  firm: string;
  /** The benchmark's ticker, e.g. `SPY`. */
  market: string;
  /** The event date, `YYYY-MM-DD`; a non-trading day moves to the next trading day. */
  event: string;
  /** Estimation window; default offsets `[-260, -11]` (250 trading days). */
  estimation?: WindowSpec;
  /** Event window; default offsets `[-5, 5]`. */
  window?: WindowSpec;
  /** Return model; default `market`. */
  model?: ModelName | string;
  /** Return kind; default `simple`. */
  returns?: ReturnKind;
  /** Shares outstanding; default the firm's count in the facts file, if any. */
  shares?: number;
  /** Confidence level of intervals; default 0.95. */
  confidence?: number;
  /** The headline CAR window (offsets); default the whole event window. */
  carWindow?: OffsetWindow;
  /** Fewest estimation days accepted; default 10. */
  minEstimationDays?: number;
  /** A return across a missing price: `drop` (default) leaves it out, `multi-day` spans the gap and counts on the later day. */
  gaps?: GapPolicy;
}

/** The fitted model as reported (the contract's `estimation` object plus inference). */
export interface EstimationSummary {
  start: string;
  end: string;
  from: number;
  to: number;
  n: number;
  df: number;
  alpha: number;
  beta: number;
  sigma: number;
  r2: number | null;
  coefficients: Coefficient[];
}

/** One day of the event window. */
export interface WindowDay {
  date: string;
  offset: number;
  /** The firm's return. */
  return: number;
  /** The benchmark's return. */
  marketReturn: number;
  /** The model's expected (normal) return. */
  expected: number;
  /** Abnormal return `return - expected`. */
  ar: number;
  /** Standard error of the abnormal return (with the forecast-error correction where it applies). */
  se: number;
  t: number;
  p: number;
  /** Confidence interval of the abnormal return. */
  lo: number;
  hi: number;
  /** Cumulative abnormal return from the window's first day to this one, with its inference. */
  car: number;
  carSe: number;
  carT: number;
  carP: number;
  carLo: number;
  carHi: number;
  /** The firm's as-traded close (null when the source recorded none). */
  close: number | null;
}

/** A cumulative abnormal return over a sub-window, with its test. */
export interface CarResult {
  from: number;
  to: number;
  fromDate: string;
  toDate: string;
  days: number;
  value: number;
  se: number;
  t: number;
  p: number;
  lo: number;
  hi: number;
  df: number;
}

/**
 * Buy-and-hold abnormal returns over a window, two ways: against the model's compounded expected
 * returns (`value`, which compounds the estimated intercept too) and against the benchmark's
 * own buy-and-hold return (`benchmarkAdjusted`, Barber & Lyon 1997; no estimated parameter).
 */
export interface BharResult {
  from: number;
  to: number;
  /** `prod(1 + R) - prod(1 + E[R])`: model-based. */
  value: number;
  /** `prod(1 + R) - 1`. */
  firmReturn: number;
  /** `prod(1 + E[R]) - 1` under the fitted model. */
  expectedReturn: number;
  /** `prod(1 + R) - prod(1 + Rm)`: benchmark-adjusted (Barber & Lyon 1997). */
  benchmarkAdjusted: number;
  /** `prod(1 + Rm) - 1`, the benchmark's buy-and-hold return. */
  marketReturn: number;
}

/**
 * The dollar value of a move in market value over a window, as a LOSS: positive numbers are
 * falls in market value, negative numbers gains. `null` where the data cannot support the figure
 * (unknown share count, no as-traded close).
 */
export interface DollarLoss {
  from: number;
  to: number;
  fromDate: string;
  toDate: string;
  shares: number | null;
  sharesSource: string | null;
  /** As-traded close on the day before the window, and on its last day. */
  priceBefore: number | null;
  priceAfter: number | null;
  /** Market value on the day before the window. */
  valueBefore: number | null;
  /** `-shares * (priceAfter - priceBefore)`: the observed fall. */
  raw: number | null;
  /** The fall the model expected: `-sum shares * P_{t-1} * E[R_t]`. */
  expected: number | null;
  /** The abnormal fall: `-sum shares * P_{t-1} * AR_t`, with its standard error and interval. */
  abnormal: number | null;
  abnormalSe: number | null;
  abnormalLo: number | null;
  abnormalHi: number | null;
}

/** What the study read and how. Paths are relative to the data folder (or name a live source), never a machine's. */
export interface StudyProvenance {
  firmSource: string;
  marketSource: string;
  factorSource: string | null;
  firmBasis: PriceBasis;
  marketBasis: PriceBasis;
  /** How a return across a missing price was treated (see `GapPolicy`). */
  gaps: GapPolicy;
  /** The dates the study could use and the series that bound them (the one that starts last, the one that ends first). */
  range: AlignmentRange;
  /** Trading days in the range (a day on which the firm or the benchmark has a price). */
  tradingDays: number;
  /** Days on which every series used (and the factors) has a row. */
  commonDays: number;
  /** For each series, the trading days in the range it has no row for: gaps, left missing. */
  missingDates: Record<string, readonly string[]>;
  /** For each series, its rows outside the range (not used), as runs of dates. */
  droppedDates: Record<string, readonly DateRun[]>;
}

export type { EventDay, ModelName, ReturnKind };
