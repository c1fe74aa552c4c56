/**
 * Stage 2 of a study: fit the return model on the estimation window. Days without a return (a
 * missing price) are left out, never zeroed, and the notes say how many.
 *
 * @module
 */
import { WindowError } from '../errors.js';
import { fitModel } from '../models/fit.js';
import type { FittedModel, ModelColumns, ModelDay, ModelName } from '../models/types.js';
import type { StudySeries } from './align.js';
import type { OffsetWindow } from './defaults.js';
import type { EstimationSummary } from './types.js';

/** Whether the model has what it needs on day `i`: the firm's and the benchmark's returns (and the factors). */
export function hasReturn(s: StudySeries, i: number): boolean {
  const f = s.factors;
  // NaN in any term makes the sum NaN: one check for every value the model reads.
  return !Number.isNaN(s.firm[i]! + s.market[i]! + (f ? f.mktRf[i]! + f.smb[i]! + f.hml[i]! + f.rf[i]! : 0));
}

/** What the model sees of common day `i`, or null when the firm or the benchmark has no return that day. */
export function modelDay(s: StudySeries, i: number): ModelDay | null {
  if (!hasReturn(s, i)) return null;
  const firm = s.firm[i]!;
  const market = s.market[i]!;
  const f = s.factors;
  return f ? { firm, market, mktRf: f.mktRf[i]!, smb: f.smb[i]!, hml: f.hml[i]!, rf: f.rf[i]! } : { firm, market };
}

/** One estimation day as plots and diagnostics read it. */
export interface EstimationDay {
  date: string;
  firm: number;
  market: number;
}

/** The fitted model and what the study reports about its estimation window. */
export interface Estimation {
  fitted: FittedModel;
  summary: EstimationSummary;
  /** The estimation days used (date, firm and market returns), built on first use. */
  days: () => EstimationDay[];
  /** Estimation days without a return (indices of the study's days), left out of the fit. */
  gaps: number[];
}

/**
 * Fit `model` on the common days `eventIndex + from .. eventIndex + to`.
 *
 * @example
 * const est = estimate(series, 'market', event.index, [-260, -11], 10, 0.95, 'NVDA', '2025-01-27');
 * est.summary.beta; // 2.672...
 */
export function estimate(
  s: StudySeries,
  model: ModelName,
  eventIndex: number,
  [from, to]: OffsetWindow,
  minDays: number,
  level: number,
  symbol: string,
  eventDate: string,
): Estimation {
  const used = new Int32Array(to - from + 1);
  const gaps: number[] = [];
  let n = 0;
  for (let i = eventIndex + from; i <= eventIndex + to; i++) {
    if (hasReturn(s, i)) used[n++] = i;
    else gaps.push(i);
  }
  if (n < minDays) {
    throw new WindowError(`estimation window [${from}, ${to}] has ${n} day(s) with returns; at least ${minDays} are needed`, {
      symbol,
      date: eventDate,
    });
  }
  const at = used.subarray(0, n);
  const pick = (col: Float64Array) => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = col[at[k]!]!;
    return out;
  };
  const f = s.factors;
  const columns: ModelColumns = { firm: pick(s.firm), market: pick(s.market) };
  if (f) Object.assign(columns, { mktRf: pick(f.mktRf), smb: pick(f.smb), hml: pick(f.hml), rf: pick(f.rf) });
  const fitted = fitModel(model, columns, level);
  let days: EstimationDay[] | undefined;
  return {
    fitted,
    summary: {
      start: s.dates[at[0]!]!,
      end: s.dates[at[n - 1]!]!,
      from,
      to,
      n: fitted.n,
      df: fitted.df,
      alpha: fitted.alpha,
      beta: fitted.beta,
      sigma: fitted.sigma,
      r2: fitted.r2,
      coefficients: fitted.coefficients,
    },
    days: () => (days ??= Array.from(at, (i) => ({ date: s.dates[i]!, firm: s.firm[i]!, market: s.market[i]! }))),
    gaps,
  };
}
