import type { ReturnKind } from '../returns/returns.js';

/** One event-window day as the dollar computation sees it. */
export interface DollarDay {
  /** As-traded close of the previous trading day. */
  prevClose: number | null;
  /** The firm's return and the model's expected return on that day. */
  ret: number;
  expected: number;
}

/** Dollar falls over a window (positive = loss). */
export interface DollarFigures {
  expected: number | null;
  abnormal: number | null;
  /** `d abnormal / d AR_t` for each day: the weights whose quadratic form with the AR covariance gives the variance. */
  weights: number[] | null;
}

/** `e^r - 1` for log returns, `r` for simple ones. */
const toSimple = (r: number, kind: ReturnKind) => (kind === 'log' ? Math.expm1(r) : r);

/**
 * Expected and abnormal falls in market value over a window, day by day on the previous day's
 * as-traded value (the "dollar abnormal return" of Malatesta 1986):
 * `expected = -sum S P_{t-1} E_t` and `abnormal = -sum S P_{t-1} (R_t - E_t)`, for simple returns.
 * For log returns the day's simple returns `e^R - 1` and `e^E - 1` are used, and the weights are
 * the delta-method derivatives `S P_{t-1} e^{R_t}`.
 *
 * @example
 * // NVDA on 2025-01-27: 24.49e9 shares, previous close 142.62, return -16.968 %, expected -2.5 %
 * dollarFigures(24.49e9, [{ prevClose: 142.62, ret: -0.16968, expected: -0.025 }], 'simple');
 */
export function dollarFigures(shares: number | null, days: readonly DollarDay[], kind: ReturnKind): DollarFigures {
  if (shares === null || days.some((d) => d.prevClose === null)) return { expected: null, abnormal: null, weights: null };
  let expected = 0;
  let abnormal = 0;
  const weights: number[] = [];
  for (const d of days) {
    const value = shares * d.prevClose!;
    const e = toSimple(d.expected, kind);
    expected -= value * e;
    abnormal -= value * (toSimple(d.ret, kind) - e);
    weights.push(kind === 'log' ? value * Math.exp(d.ret) : value);
  }
  return { expected, abnormal, weights };
}
