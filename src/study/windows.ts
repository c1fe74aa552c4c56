import { UsageError, WindowError } from '../errors.js';
import type { AlignmentRange } from '../panel/panel.js';
import { isIsoDate } from '../util/dates.js';
import type { OffsetWindow } from './defaults.js';

export type { OffsetWindow };

/** A window as calendar dates, both ends included; it covers the trading days between them. */
export interface DateWindow {
  from: string;
  to: string;
}
/** A window given either way. */
export type WindowSpec = OffsetWindow | DateWindow;

/** The trading day an event is placed on. */
export interface EventDay {
  /** The date asked for. */
  requested: string;
  /** The trading day used: the requested date or, if the market was closed, the next trading day. */
  date: string;
  index: number;
  shifted: boolean;
}

/**
 * Place an event date on the trading calendar. A date on which there is no trading (weekend,
 * holiday) moves to the next trading day, and `shifted` says so.
 *
 * @example
 * locateEvent(['2025-01-24', '2025-01-27'], '2025-01-25'); // { date: '2025-01-27', index: 1, shifted: true, ... }
 */
export function locateEvent(dates: readonly string[], requested: string, symbol?: string, range?: AlignmentRange): EventDay {
  if (!isIsoDate(requested)) throw new UsageError(`event date "${requested}" is not a valid YYYY-MM-DD date`);
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) throw new WindowError('no trading days in common', { symbol });
  if (requested < first) {
    throw new WindowError(`event date ${requested} is before the first day of the data (${range ? `${range.fromSymbol} starts ${range.from}` : first})`, {
      symbol: range?.fromSymbol ?? symbol,
      date: requested,
    });
  }
  if (requested > last) {
    throw new WindowError(`event date ${requested} is after the last day of the data (${range ? `${range.toSymbol} ends ${range.to}` : last})`, {
      symbol: range?.toSymbol ?? symbol,
      date: requested,
    });
  }
  const index = firstAtOrAfter(dates, requested);
  return { requested, date: dates[index]!, index, shifted: dates[index] !== requested };
}

/**
 * The index of the first date at or after `date` (or, with `strictly`, after it) in ascending
 * `dates`, by binary search; `dates.length` if there is none.
 */
export function firstAtOrAfter(dates: readonly string[], date: string, strictly = false): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < date || (strictly && dates[mid] === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parse `"-260,-11"` into offsets. */
export function parseOffsets(text: string, what: string): OffsetWindow {
  const m = /^\s*([+-]?\d+)\s*,\s*([+-]?\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`${what} "${text}" must be two whole numbers of trading days, like -260,-11`);
  return checkOrder([Number(m[1]), Number(m[2])], what);
}

/** Parse `"2024-01-02:2024-12-31"` into a date window. */
export function parseDateWindow(text: string, what: string): DateWindow {
  const m = /^\s*(\d{4}-\d{2}-\d{2})\s*:\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(text);
  if (!m || !isIsoDate(m[1]!) || !isIsoDate(m[2]!)) {
    throw new UsageError(`${what} "${text}" must be two dates, like 2024-01-02:2024-12-31`);
  }
  if (m[1]! > m[2]!) throw new UsageError(`${what} "${text}" ends before it starts`);
  return { from: m[1]!, to: m[2]! };
}

function checkOrder(w: OffsetWindow, what: string): OffsetWindow {
  if (!Number.isInteger(w[0]) || !Number.isInteger(w[1])) throw new UsageError(`${what} [${w.join(', ')}] must be whole trading-day offsets`);
  if (w[0] > w[1]) throw new UsageError(`${what} [${w.join(', ')}] ends before it starts`);
  return w;
}

/**
 * Turn a window into offsets from the event day. Dates cover the trading days from the first on
 * or after `from` to the last on or before `to`. The window must lie inside the data, and a
 * return on its first day needs the price of the day before.
 */
export function resolveWindow(spec: WindowSpec, dates: readonly string[], event: EventDay, what: string, symbol?: string, range?: AlignmentRange): OffsetWindow {
  let w: OffsetWindow;
  if (Array.isArray(spec)) {
    w = checkOrder(spec as OffsetWindow, what);
  } else {
    const { from, to } = spec as DateWindow;
    const first = firstAtOrAfter(dates, from);
    const start = first < dates.length ? first : -1;
    const end = firstAtOrAfter(dates, to, true) - 1; // the last date on or before `to`
    if (start < 0 || end < 0 || start > end) {
      throw new WindowError(`${what} ${from}:${to} holds no trading day of the data (${dates[0]} to ${dates[dates.length - 1]})`, { symbol });
    }
    w = [start - event.index, end - event.index];
  }
  const first = event.index + w[0];
  const last = event.index + w[1];
  if (first < 1) {
    const start = range ? `${range.fromSymbol} starts ${range.from}` : `the data start ${dates[0]}`;
    throw new WindowError(`${what} [${w[0]}, ${w[1]}] starts ${1 - first} trading day(s) before the first usable day (${start}; a return on the first day needs the day before)`, {
      symbol: range?.fromSymbol ?? symbol,
      date: event.date,
    });
  }
  if (last > dates.length - 1) {
    const end = range ? `${range.toSymbol} ends ${range.to}` : `the data end ${dates[dates.length - 1]}`;
    throw new WindowError(`${what} [${w[0]}, ${w[1]}] ends ${last - (dates.length - 1)} trading day(s) after the last usable day (${end})`, {
      symbol: range?.toSymbol ?? symbol,
      date: event.date,
    });
  }
  return w;
}
