/**
 * Words for a day a study cannot use: whether the exchange was closed (NYSE calendar) or a file
 * simply lacks the row. Every message about a missing day goes through here, so a holiday is
 * never called a data gap and a data gap never a holiday.
 *
 * @module
 */
import { closure, inCalendar } from '../data/calendar.js';
import type { StudySeries } from './align.js';

/** `2025-01-25 is a Saturday (NYSE closed)`, `2025-01-20 is an NYSE holiday (Martin Luther King Jr. Day)`, or null for an NYSE trading day. */
export function closedDay(date: string): string | null {
  if (!inCalendar(date)) return null;
  const c = closure(date);
  if (!c) return null;
  if (c.kind === 'weekend') return `${date} is a ${c.name}`;
  return `${date} is an NYSE ${c.kind} (${c.name})`;
}

/**
 * Why common day `i` has no return for the firm or the benchmark: which series lacks a price on
 * that day or on the day before (a return needs both).
 */
export function whyNoReturn(s: StudySeries, i: number, firm: string, market: string): string {
  const missingOn = (date: string) => [firm, market].filter((sym) => s.provenance.missingDates[sym]?.includes(date));
  const today = missingOn(s.dates[i]!);
  if (today.length) return `${today.join(' and ')} ${today.length > 1 ? 'have' : 'has'} no price on ${s.dates[i]}, a trading day of the other series`;
  const before = i > 0 ? missingOn(s.dates[i - 1]!) : [];
  if (before.length) {
    return `${before.join(' and ')} ${before.length > 1 ? 'have' : 'has'} no price on the day before (${s.dates[i - 1]}), so the return would span two days (use the multi-day gap policy to keep it)`;
  }
  if (i === 0) return `${s.dates[i]} is the first day of the data (a return needs the day before)`;
  return `a price the return needs is not recorded (${firm} on ${s.dates[i - 1]} or ${s.dates[i]})`;
}

/**
 * Why common day `i` gives the model nothing: the factor file lacks the day when both returns
 * are there, otherwise {@link whyNoReturn}.
 */
export function whyNoModelDay(s: StudySeries, i: number, firm: string, market: string): string {
  return s.factors && !Number.isNaN(s.firm[i]! + s.market[i]!) ? `the factor file has no row for ${s.dates[i]}` : whyNoReturn(s, i, firm, market);
}
