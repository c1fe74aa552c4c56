/**
 * Cumulative and buy-and-hold abnormal returns over sub-windows of the event window, with the
 * CAR's test (Campbell, Lo & MacKinlay 1997, §4.4).
 *
 * @module
 */
import type { FittedModel } from '../models/types.js';
import { compound, type ReturnKind } from '../returns/returns.js';
import { tInference } from '../stats/distributions.js';
import { span, type EventWindow } from './abnormal.js';
import type { BharResult, CarResult } from './types.js';

const ones = (n: number) => new Array<number>(n).fill(1);

/**
 * The CAR over positions `i..j` of the window: `sum AR_t`, with the variance
 * `1' sigma² (I + X (X'X)^{-1} X') 1` (CLM 1997 eq. 4.4.12; the model says which terms apply)
 * and a Student t test with the model's degrees of freedom. `variance`, when the caller has it
 * already (see `FittedModel.prefixVariances`), saves computing it again.
 */
export function carAt(w: EventWindow, fitted: FittedModel, i: number, j: number, level: number, variance?: number): CarResult {
  let value = 0;
  for (let k = i; k <= j; k++) value += w.ar[k]!;
  const se = Math.sqrt(variance ?? fitted.variance(w.days.slice(i, j + 1), ones(j - i + 1)));
  const { from, to, fromDate, toDate } = span(w, i, j);
  const test = tInference(value, se, fitted.df, level);
  // Fields written out (not spread): this runs for every day of every study.
  return { from, to, fromDate, toDate, days: j - i + 1, value, df: fitted.df, se: test.se, t: test.t, p: test.p, lo: test.lo, hi: test.hi };
}

/**
 * Buy-and-hold abnormal returns over positions `i..j` (`exp(sum) - 1` compounds log returns):
 * - `value`: `prod(1 + R_t) - prod(1 + E[R_t])`, the model's expected returns as the benchmark
 *   (so the estimated intercept is compounded over the window too);
 * - `benchmarkAdjusted`: `prod(1 + R_t) - prod(1 + Rm_t)`, the benchmark's own buy-and-hold
 *   return, no estimated parameter (Barber & Lyon 1997, eq. 1 with a reference index).
 */
export function bharAt(w: EventWindow, i: number, j: number, kind: ReturnKind): BharResult {
  const days = w.days.slice(i, j + 1);
  const firmReturn = compound(days.map((d) => d.firm), kind);
  const expectedReturn = compound(Array.from(w.expected.subarray(i, j + 1)), kind);
  const marketReturn = compound(days.map((d) => d.market), kind);
  const [a] = w.offsets;
  return {
    from: a + i,
    to: a + j,
    value: firmReturn - expectedReturn,
    firmReturn,
    expectedReturn,
    benchmarkAdjusted: firmReturn - marketReturn,
    marketReturn,
  };
}
