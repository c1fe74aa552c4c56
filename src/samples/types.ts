// Plain-data types of the multi-firm test battery. No I/O, no dependency on how the abnormal
// returns were produced: a caller (the study pipeline, a Monte Carlo, a notebook) fills these
// from whatever model it fitted.
import type { TestResult } from '../stats/distributions.js';

/** One firm's abnormal returns, as an event study on its own produces them. */
export interface FirmAbnormalReturns {
  symbol: string;
  /** The firm's event day (offset 0), YYYY-MM-DD. Equal for all firms = clustered event. */
  eventDate: string;
  /**
   * Estimation-window abnormal returns (model residuals), oldest first; NaN where a return is
   * missing (a gap, never a zero).
   */
  estimation: Float64Array;
  /** The dates of `estimation` (same length, ascending), used to align firms for cross-correlation on a common calendar. */
  estimationDates: readonly string[];
  /** Event-window abnormal returns, one per offset from window[0] to window[1]; NaN where missing. */
  event: Float64Array;
  /** Residual standard deviation of the firm's model, with the model's divisor (SSR/(n-k)). */
  sigma: number;
  /** Residual degrees of freedom (n - k). */
  df: number;
  /**
   * Covariance of the event-window abnormal returns including the parameters' estimation error
   * (Campbell, Lo & MacKinlay 1997 eq. 4.4.8: sigma² (I + X*(X'X)^-1 X*')), L×L row-major; sqrt
   * of the diagonal is the forecast-error-corrected standard error of each day's AR.
   */
  eventCov: Float64Array;
}

/** A sample of firms sharing one event window (in trading-day offsets around each firm's own event day). */
export interface SampleInput {
  window: readonly [from: number, to: number];
  firms: readonly FirmAbnormalReturns[];
}

/** The ten tests of the battery, in the order of the command-line contract (`DESIGN.md`). */
export type SampleTestName =
  | 'bw1980'
  | 'bw1985'
  | 'crossSectionalT'
  | 'patell'
  | 'bmp'
  | 'kolariPynnonen'
  | 'sign'
  | 'generalizedSign'
  | 'corradoRank'
  | 'wilcoxon';

/** Every test name, in contract order. */
export const SAMPLE_TEST_NAMES: readonly SampleTestName[] = [
  'bw1980',
  'bw1985',
  'crossSectionalT',
  'patell',
  'bmp',
  'kolariPynnonen',
  'sign',
  'generalizedSign',
  'corradoRank',
  'wilcoxon',
];

/**
 * One result per test: `{ stat, p }` (two-sided p), or `null` when the test cannot be computed
 * on this sample (too few firms, zero variance...); the reason is then in `notes`.
 */
export type SampleTests = Record<SampleTestName, TestResult | null>;

/** Why a test gave `null` (or a caveat about the sample, `test: 'sample'`). */
export interface SampleNote {
  test: SampleTestName | 'sample';
  message: string;
}

/** The battery on one day of the event window. */
export interface DailySampleResult {
  /** Trading-day offset from each firm's event day. */
  offset: number;
  /** Average abnormal return over the `n` firms with a return that day (`null` when `n = 0`). */
  aar: number | null;
  /** Firms with a non-missing abnormal return that day. */
  n: number;
  tests: SampleTests;
  notes: SampleNote[];
}

/** The battery on a cumulative window `[from, to]` of offsets. */
export interface CaarSampleResult {
  from: number;
  to: number;
  /** Average of the firms' CARs over the `n` firms with no missing day in `[from, to]` (`null` when `n = 0`). */
  caar: number | null;
  /** Firms kept: those with an abnormal return on every day of `[from, to]`. */
  n: number;
  /** Symbols left out because a day of `[from, to]` is missing. */
  excluded: string[];
  tests: SampleTests;
  notes: SampleNote[];
}
