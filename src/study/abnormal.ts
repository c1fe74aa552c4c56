/**
 * Stage 3 of a study: expected and abnormal returns on the event window, the one place where
 * `AR_t = R_t - E[R_t]` is computed; every later figure (CAR, BHAR, dollars, charts) reads these.
 *
 * @module
 */
import { WindowError } from '../errors.js';
import type { FittedModel, ModelDay } from '../models/types.js';
import type { StudySeries } from './align.js';
import type { OffsetWindow } from './defaults.js';
import { whyNoModelDay } from './days.js';
import { modelDay } from './estimate.js';

/** The event window, day by day. */
export interface EventWindow {
  /** The window as offsets from the event day. */
  readonly offsets: OffsetWindow;
  readonly dates: readonly string[];
  /** What the model sees of each day. */
  readonly days: readonly ModelDay[];
  /** The model's expected return `E[R_t]` and the abnormal return `AR_t = R_t - E[R_t]`. */
  readonly expected: Float64Array;
  readonly ar: Float64Array;
  /** The firm's as-traded close on each day and on the trading day before it (NaN where not recorded). */
  readonly close: Float64Array;
  readonly prevClose: Float64Array;
}

/**
 * Expected and abnormal returns over the event window `[from, to]` (offsets from `eventIndex`).
 * Every day of the window needs a return: a missing one is an error, never a zero.
 *
 * @example
 * const w = abnormalReturns(series, fitted, event.index, [-5, 5], 'NVDA', 'SPY');
 * w.ar[5]; // -0.13373... (27 January 2025)
 */
export function abnormalReturns(
  s: StudySeries,
  fitted: FittedModel,
  eventIndex: number,
  offsets: OffsetWindow,
  firm: string,
  market: string,
): EventWindow {
  const [from, to] = offsets;
  const n = to - from + 1;
  const days: ModelDay[] = [];
  const dates: string[] = [];
  const expected = new Float64Array(n);
  const ar = new Float64Array(n);
  const close = new Float64Array(n);
  const prevClose = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = eventIndex + from + k;
    const d = modelDay(s, i);
    if (!d) {
      const why = whyNoModelDay(s, i, firm, market);
      throw new WindowError(`event-window day ${from + k} (${s.dates[i]}) has no return: ${why}; the study cannot count it as zero`, { symbol: firm, date: s.dates[i] });
    }
    days.push(d);
    dates.push(s.dates[i]!);
    expected[k] = fitted.expected(d);
    ar[k] = d.firm - expected[k]!;
    close[k] = s.close[i]!;
    prevClose[k] = s.prevClose[i]!;
  }
  return { offsets, dates, days, expected, ar, close, prevClose };
}

/** The positions `[from - a, to - a]` of a sub-window inside the event window `[a, b]`, checked. */
export function subWindow(w: EventWindow, from: number, to: number, symbol: string): [number, number] {
  const [a, b] = w.offsets;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || from < a || to > b) {
    throw new WindowError(`sub-window [${from}, ${to}] is not inside the event window [${a}, ${b}]`, { symbol });
  }
  return [from - a, to - a];
}

/** Positions `i..j` of the window as offsets and dates (the fields every sub-window result starts with). */
export function span(w: EventWindow, i: number, j: number): { from: number; to: number; fromDate: string; toDate: string } {
  const [a] = w.offsets;
  return { from: a + i, to: a + j, fromDate: w.dates[i]!, toDate: w.dates[j]! };
}
