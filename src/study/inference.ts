/**
 * Stage 4 of a study: day-by-day tests of the abnormal returns and of the running CAR.
 * A day's abnormal-return variance carries the forecast-error correction
 * `sigma² (1 + 1/n + (Rm_t - mean Rm)² / Sxx)` where the model's convention does
 * (Campbell, Lo & MacKinlay 1997, eq. 4.4.7-4.4.9); t-statistics use Student t with the
 * model's degrees of freedom.
 *
 * @module
 */
import type { FittedModel } from '../models/types.js';
import { tInference } from '../stats/distributions.js';
import type { EventWindow } from './abnormal.js';
import { carAt } from './car.js';
import type { WindowDay } from './types.js';

/**
 * Every day of the event window with its abnormal return, its test and interval, and the CAR
 * from the window's first day to that day with its own test.
 */
export function dailyInference(w: EventWindow, fitted: FittedModel, level: number): WindowDay[] {
  const carVariance = fitted.prefixVariances(w.days);
  return w.days.map((d, k) => {
    const one = tInference(w.ar[k]!, Math.sqrt(fitted.variance([d], [1])), fitted.df, level);
    const car = carAt(w, fitted, 0, k, level, carVariance[k]);
    const close = w.close[k]!;
    return {
      date: w.dates[k]!,
      offset: w.offsets[0] + k,
      return: d.firm,
      marketReturn: d.market,
      expected: w.expected[k]!,
      ar: w.ar[k]!,
      se: one.se,
      t: one.t,
      p: one.p,
      lo: one.lo,
      hi: one.hi,
      car: car.value,
      carSe: car.se,
      carT: car.t,
      carP: car.p,
      carLo: car.lo,
      carHi: car.hi,
      close: Number.isNaN(close) ? null : close,
    };
  });
}
