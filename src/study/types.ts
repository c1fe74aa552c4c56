import type { Coefficient, ModelName } from '../models/types.js';
import type { PriceBasis } from '../panel/panel.js';
import type { ReturnKind } from '../returns/returns.js';
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

/** Buy-and-hold abnormal return: compounded firm return minus compounded expected return. */
export interface BharResult {
  from: number;
  to: number;
  value: number;
  firmReturn: number;
  expectedReturn: number;
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

/** What the study read and how. */
export interface StudyProvenance {
  firmSource: string;
  marketSource: string;
  factorSource: string | null;
  firmBasis: PriceBasis;
  marketBasis: PriceBasis;
  /** Trading days common to the series used. */
  commonDays: number;
  /** Dates present in one series but not in the others (dropped by the alignment). */
  droppedDates: Record<string, number>;
}

export type { EventDay, ModelName, ReturnKind };
