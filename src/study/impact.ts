/**
 * Stage 5 of a study: the abnormal returns in money. Shares outstanding times as-traded prices
 * (the dollar abnormal return of Malatesta 1986); see `src/impact/dollars.ts` for the formulas.
 *
 * @module
 */
import { dollarFigures } from '../impact/dollars.js';
import type { FittedModel } from '../models/types.js';
import type { ReturnKind } from '../returns/returns.js';
import { tInference } from '../stats/distributions.js';
import { span, type EventWindow } from './abnormal.js';
import type { DollarLoss } from './types.js';

/** A share count and where it came from. */
export interface Shares {
  value: number;
  source: string;
}

const known = (v: number) => (Number.isNaN(v) ? null : v);

/**
 * The fall in market value over positions `i..j` of the window, as a loss (positive = fall):
 * observed, expected by the model, and abnormal with its interval (variance `w' V w`, V the
 * covariance of the window's abnormal returns, so the estimation error counts too).
 */
export function lossAt(w: EventWindow, fitted: FittedModel, shares: Shares | null, kind: ReturnKind, level: number, i: number, j: number): DollarLoss {
  const days = w.days.slice(i, j + 1);
  const dd = days.map((d, k) => ({ prevClose: known(w.prevClose[i + k]!), ret: d.firm, expected: w.expected[i + k]! }));
  const count = shares?.value ?? null;
  const priceBefore = dd[0]!.prevClose;
  const priceAfter = known(w.close[j]!);
  const fig = dollarFigures(count, dd, kind);
  let abnormalSe: number | null = null;
  let abnormalLo: number | null = null;
  let abnormalHi: number | null = null;
  if (fig.weights && fig.abnormal !== null) {
    const ci = tInference(fig.abnormal, Math.sqrt(fitted.variance(days, fig.weights)), fitted.df, level);
    [abnormalSe, abnormalLo, abnormalHi] = [ci.se, ci.lo, ci.hi];
  }
  return {
    ...span(w, i, j),
    shares: count,
    sharesSource: shares?.source ?? null,
    priceBefore,
    priceAfter,
    valueBefore: count !== null && priceBefore !== null ? count * priceBefore : null,
    raw: count !== null && priceBefore !== null && priceAfter !== null ? -count * (priceAfter - priceBefore) : null,
    expected: fig.expected,
    abnormal: fig.abnormal,
    abnormalSe,
    abnormalLo,
    abnormalHi,
  };
}
