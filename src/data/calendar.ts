/**
 * The New York Stock Exchange trading calendar, 1990 to 2099: which days the exchange was (or is
 * scheduled to be) open, why it was closed on the others, and which sessions closed early.
 *
 * Pure, with no package dependency: dates are ISO `YYYY-MM-DD` strings, arithmetic is done on UTC day
 * numbers (days since 1970-01-01, as in `src/util/dates.ts`), and nothing depends on the machine's time zone.
 *
 * It is built from two things:
 *
 * 1. **Rules** for the regular holidays (NYSE Rule 7.2 and the holiday calendars NYSE publishes
 *    every year): New Year's Day, Martin Luther King Jr. Day (since 1998), Washington's Birthday,
 *    Good Friday (Easter by the anonymous Gregorian algorithm), Memorial Day, Juneteenth (since
 *    2022), Independence Day, Labor Day, Thanksgiving Day and Christmas Day. A holiday on a Saturday
 *    is observed on the Friday before, one on a Sunday on the Monday after — except New Year's Day:
 *    when 1 January is a Saturday nothing is observed, because Friday 31 December ends a monthly
 *    and yearly accounting period (Rule 7.2's "unusual business conditions" clause; 1994, 2000,
 *    2005, 2011, 2022, 2028...).
 * 2. **A documented list of unscheduled closures** (national days of mourning, 11 September 2001,
 *    Hurricane Sandy), each with its reason and where it is documented.
 *
 * Early closes (13:00 ET since 1993, 14:00 ET before) follow the same split: rules for the day
 * before Independence Day, the day after Thanksgiving and Christmas Eve, plus the exceptions that
 * NYSE's closings history records.
 *
 * Years after the last published NYSE calendar (2028 at the time of writing) are the rules
 * projected forward: a future unscheduled closure cannot be known in advance.
 *
 * Main sources (cited again next to each entry):
 * - [NYSE-H] NYSE Group holiday and early-closings calendar press releases, e.g. "NYSE Group
 *   Announces 2022, 2023 and 2024 ..." (2021-12-27), "... 2025, 2026 and 2027 ..." (2024-11-08),
 *   "... 2026, 2027 and 2028 ..." (2025-12-23), Business Wire, mirrored by mondovisione.com; and
 *   https://www.nyse.com/markets/hours-calendars.
 * - [NYSE-C] NYSE's closings history ("NYSE Closings 1885-", formerly http://www.nyse.com/pdfs/closings.pdf),
 *   as transcribed in pandas_market_calendars (rsheftel/pandas_market_calendars,
 *   pandas_market_calendars/holidays/nyse.py and calendars/nyse.py, whose main reference is
 *   https://github.com/rsheftel/pandas_market_calendars/files/6827110/Stocks.NYSE-Closings.pdf).
 * - [R7.2] NYSE Rule 7.2 (Holidays), as quoted by NYSE in December 2010 ("when a holiday falls on
 *   a Saturday, we observe the preceding Friday unless the Friday is the end of a monthly or yearly
 *   accounting period") and by MarketWatch, 2021-12-30 ("no U.S. stock-market closure in
 *   observance of New Year's Day which falls on a Saturday").
 */

import { UsageError } from '../errors.js';
import { daysInMonth, fromDayNumber, isIsoDate, toDayNumber } from '../util/dates.js';

// ---------------------------------------------------------------------------------------------
// Public types and constants
// ---------------------------------------------------------------------------------------------

/** First and last year the calendar knows (inclusive). Dates outside are refused with a `UsageError`. */
export const CALENDAR_RANGE: Readonly<{ first: number; last: number }> = Object.freeze({ first: 1990, last: 2099 });

/** Why the exchange was closed on a day. */
export interface Closure {
  /** `weekend` (Saturday, Sunday), `holiday` (a regular holiday, possibly observed on another day) or `special closure` (unscheduled). */
  kind: 'weekend' | 'holiday' | 'special closure';
  /** `Saturday`, `Sunday`, the holiday's name (`Christmas Day (observed)`) or the closure's reason. */
  name: string;
}

/**
 * An early close. `time` is the closing time in New York (Eastern Time): 13:00 since 1993; the
 * holiday early closes of 1990 to 1992 were at 14:00.
 */
export interface EarlyClose {
  time: '13:00' | '14:00';
  /** Why: `Day before Independence Day`, `Day after Thanksgiving`, `Christmas Eve`, ... */
  name: string;
}

/** An unscheduled full-day closure with where it is documented. */
export interface SpecialClosure {
  date: string;
  name: string;
  source: string;
}

/**
 * Every unscheduled full-day closure of the NYSE from 1990 on (holidays excluded), with its reason
 * and source. No others are known for 1990–2026; the earlier ones (Hurricane Gloria, 1985-09-27, and
 * before) are outside the supported years.
 */
export const SPECIAL_CLOSURES: readonly SpecialClosure[] = Object.freeze(
  [
    {
      date: '1994-04-27',
      name: 'National Day of Mourning for former President Richard Nixon',
      // [NYSE-C] "Closed on Apr 27, 1994 (Wed): Former President Richard M. Nixon funeral".
      source: 'NYSE closings history (pandas_market_calendars NixonFuneral1994)',
    },
    {
      date: '2001-09-11',
      name: 'September 11 attacks (World Trade Center)',
      // [NYSE-C] "Closed on Sep 11-14, 2001 (Tue-Fri): Terrorist attack on World Trade Center";
      // NYSE reopened on Monday 2001-09-17 (2-minute silence, 9:33 open).
      source: 'NYSE closings history (pandas_market_calendars September11Closings2001)',
    },
    {
      date: '2001-09-12',
      name: 'September 11 attacks (World Trade Center)',
      source: 'NYSE closings history (pandas_market_calendars September11Closings2001)',
    },
    {
      date: '2001-09-13',
      name: 'September 11 attacks (World Trade Center)',
      source: 'NYSE closings history (pandas_market_calendars September11Closings2001)',
    },
    {
      date: '2001-09-14',
      name: 'September 11 attacks (World Trade Center)',
      source: 'NYSE closings history (pandas_market_calendars September11Closings2001)',
    },
    {
      date: '2004-06-11',
      name: 'National Day of Mourning for former President Ronald Reagan',
      // [NYSE-C] "Closed on Jun 11, 2004 (Fri): Former President Ronald Reagan National Day of Mourning".
      source: 'NYSE closings history (pandas_market_calendars ReaganMourning2004)',
    },
    {
      date: '2007-01-02',
      name: 'National Day of Mourning for former President Gerald Ford',
      // [NYSE-C] "Closed on Jan 2, 2007 (Tue): Former President Gerald Ford National Day of Mourning".
      source: 'NYSE closings history (pandas_market_calendars FordMourning2007)',
    },
    {
      date: '2012-10-29',
      name: 'Hurricane Sandy',
      // NYSE Euronext announcement of 2012-10-28/29 (closed Monday and Tuesday; reported by Reuters,
      // CBS MoneyWatch 2012-10-29); pandas_market_calendars HurricaneSandyClosings2012.
      source: 'NYSE Euronext announcements of 28-29 October 2012 (pandas_market_calendars HurricaneSandyClosings2012)',
    },
    {
      date: '2012-10-30',
      name: 'Hurricane Sandy',
      source: 'NYSE Euronext announcements of 28-29 October 2012 (pandas_market_calendars HurricaneSandyClosings2012)',
    },
    {
      date: '2018-12-05',
      name: 'National Day of Mourning for former President George H. W. Bush',
      // NYSE statement of 2018-12-01; pandas_market_calendars GeorgeHWBushDeath2018.
      source: 'NYSE statement of 1 December 2018 (pandas_market_calendars GeorgeHWBushDeath2018)',
    },
    {
      date: '2025-01-09',
      name: 'National Day of Mourning for former President Jimmy Carter',
      // NYSE Group release of 2024-12-30 ("will close the New York Stock Exchange, NYSE American
      // Equities, NYSE Arca Equities ... on January 9, 2025"); pandas_market_calendars JimmyCarterDeath2025.
      source: 'NYSE Group release of 30 December 2024 (pandas_market_calendars JimmyCarterDeath2025)',
    },
  ].map((c) => Object.freeze(c)),
);

// ---------------------------------------------------------------------------------------------
// Day numbers (private)
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const SUN = 0;
const MON = 1;
const THU = 4;
const SAT = 6;

/**
 * Day number (days since 1970-01-01, as `toDayNumber` counts) of a year, month and day given as
 * numbers. The rules below need it on numbers, not strings, and rely on `Date.UTC` carrying an
 * out-of-range day over (day 0 of a month is the last day of the month before).
 */
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** '00' to '31', for building ISO dates without formatting each number. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? '0' + i : String(i)));

/** The `n`-th (1-based) given weekday of a month, or with `n = -1` the last one. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = dayNumber(y, m, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = dayNumber(y, m + 1, 0);
  return last - ((weekday(last) - wd + 7) % 7);
}

/** The shape of an ISO date, to tell a string that is not a date from an impossible one. */
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse a strict ISO date in the supported years, or throw a `UsageError` naming the argument. */
function parse(date: unknown, arg = 'date'): { day: number; year: number } {
  if (typeof date !== 'string' || !isIsoDate(date)) return refuse(date, arg);
  const year = Number(date.slice(0, 4));
  if (year < CALENDAR_RANGE.first || year > CALENDAR_RANGE.last) return outsideYears(date, arg);
  return { day: toDayNumber(date), year };
}

/** The `UsageError` for a `date` that `isIsoDate` refused: not a date, an impossible one, or year 0000. */
function refuse(date: unknown, arg: string): never {
  if (typeof date !== 'string' || !ISO_SHAPE.test(date)) {
    const shown = typeof date === 'string' ? JSON.stringify(date) : String(date);
    throw new UsageError(`${arg} ${shown} is not a date: expected YYYY-MM-DD (e.g. 2025-01-27)`, { field: arg });
  }
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(Number(date.slice(0, 4)), mo)) {
    throw new UsageError(`${arg} "${date}" is not a valid calendar date`, { field: arg });
  }
  return outsideYears(date, arg); // a real day of year 0000, which isIsoDate does not accept
}

/** The `UsageError` for a valid date outside `CALENDAR_RANGE`. */
function outsideYears(date: string, arg: string): never {
  throw new UsageError(
    `${arg} ${date} is outside the NYSE calendar's supported years (${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last})`,
    { field: arg },
  );
}

// ---------------------------------------------------------------------------------------------
// Rules (private)
// ---------------------------------------------------------------------------------------------

/**
 * Easter Sunday of a Gregorian year as a day number: the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher; J. Meeus, *Astronomical Algorithms*, 2nd ed., 1998, ch. 8).
 */
function easterDay(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return dayNumber(y, Math.floor(n / 31), (n % 31) + 1);
}

/**
 * A fixed-date holiday moved off the weekend ([R7.2]): Saturday → the Friday before, Sunday → the
 * Monday after. Returns the observed day and whether it moved.
 */
function observed(y: number, m: number, d: number): { day: number; moved: boolean } {
  const day = dayNumber(y, m, d);
  const wd = weekday(day);
  if (wd === SAT) return { day: day - 1, moved: true };
  if (wd === SUN) return { day: day + 1, moved: true };
  return { day, moved: false };
}

interface YearInfo {
  /** Weekdays the exchange was closed, with the reason. */
  closed: Map<number, Closure>;
  /** Trading days with an early close. */
  early: Map<number, EarlyClose>;
  /** The year's trading days, ascending, as day numbers and as ISO strings. */
  days: Int32Array;
  iso: string[];
}

/**
 * Regular holidays of a year, as observed (weekdays only). Every observed day falls inside the
 * year itself: the only shift that could cross a year end (New Year's Day on a Saturday → Friday
 * 31 December) is the one NYSE does not make, which is what lets the memo work year by year.
 */
function holidays(y: number): Map<number, string> {
  const out = new Map<number, string>();
  const add = (day: number, name: string): void => {
    out.set(day, name);
  };
  const fixed = (m: number, d: number, name: string): void => {
    const o = observed(y, m, d);
    add(o.day, o.moved ? `${name} (observed)` : name);
  };

  // New Year's Day: on a Sunday → Monday 2 January; on a Saturday nothing is observed, since
  // Friday 31 December closes a monthly and yearly accounting period ([R7.2]; e.g. 2010-12-31 and
  // 2021-12-31 were trading days; NYSE's 2022 and 2028 calendars list "no holiday observed").
  const ny = dayNumber(y, 1, 1);
  if (weekday(ny) === SUN) add(ny + 1, "New Year's Day (observed)");
  else if (weekday(ny) !== SAT) add(ny, "New Year's Day");

  // Martin Luther King Jr. Day, third Monday of January: an NYSE holiday since 1998 ([NYSE-C];
  // pandas_market_calendars USMartinLutherKingJrAfter1998).
  if (y >= 1998) add(nthWeekday(y, 1, MON, 3), 'Martin Luther King Jr. Day');

  // Washington's Birthday (Presidents' Day), third Monday of February since 1971.
  add(nthWeekday(y, 2, MON, 3), "Washington's Birthday (Presidents' Day)");

  // Good Friday, two days before Easter Sunday: closed every year since 1908 ([NYSE-C]).
  add(easterDay(y) - 2, 'Good Friday');

  // Memorial Day, last Monday of May since 1971.
  add(nthWeekday(y, 5, MON, -1), 'Memorial Day');

  // Juneteenth National Independence Day, 19 June, observed since 2022 (federal holiday from
  // 2021-06-17; NYSE's first closure was Monday 2022-06-20 [NYSE-H]).
  if (y >= 2022) fixed(6, 19, 'Juneteenth National Independence Day');

  // Independence Day, 4 July.
  fixed(7, 4, 'Independence Day');

  // Labor Day, first Monday of September.
  add(nthWeekday(y, 9, MON, 1), 'Labor Day');

  // Thanksgiving Day, fourth Thursday of November.
  add(nthWeekday(y, 11, THU, 4), 'Thanksgiving Day');

  // Christmas Day, 25 December (on a Saturday: Friday 24 December closed, e.g. 1999, 2021, 2027 —
  // NYSE's 2027 calendar: "Friday, December 24 (Christmas Day observed)"). pandas_market_calendars'
  // transcription of [NYSE-C] lists "Early Close 1pm on Dec 24, 1999 (Fri)", which contradicts the
  // Saturday rule that the same library applies; this calendar follows the rule (closed).
  fixed(12, 25, 'Christmas Day');

  return out;
}

/**
 * Early closes of a year (only on days that are trading days; the caller drops the others).
 *
 * Rules, from [NYSE-C] for the past and [NYSE-H] since:
 * - Christmas Eve, 24 December, when a Monday to Thursday: since at least 1990 (14:00 in
 *   1990-1992, 13:00 from 1996; in 1993 it was the observed Christmas holiday, in 1994-1995 a weekend).
 * - Day after Thanksgiving: since 1992 (14:00 in 1992, 13:00 from 1993).
 * - Independence Day, from 1995: 3 July when a Monday, Tuesday or Thursday; when 4 July is a
 *   Thursday, Friday 5 July until 2012 (1996, 2002) and Wednesday 3 July from 2013 (2013, 2019, 2024).
 * - Exceptions: Friday 26 December 1997 and 2003 (day after Christmas, 13:00) [NYSE-C]. Not
 *   repeated on 2008-12-26, 2014-12-26 or 2025-12-26, which were full sessions.
 */
function earlyCloses(y: number): Map<number, EarlyClose> {
  const out = new Map<number, EarlyClose>();
  const time: EarlyClose['time'] = y < 1993 ? '14:00' : '13:00';

  const xmasEve = dayNumber(y, 12, 24);
  if (weekday(xmasEve) >= MON && weekday(xmasEve) <= THU) out.set(xmasEve, { time, name: 'Christmas Eve' });

  if (y >= 1992) out.set(nthWeekday(y, 11, THU, 4) + 1, { time, name: 'Day after Thanksgiving' });

  if (y >= 1995) {
    const july3 = dayNumber(y, 7, 3);
    const wd = weekday(july3);
    if (wd === MON || wd === 2 /* Tue */ || wd === THU || (wd === 3 /* Wed */ && y >= 2013)) {
      out.set(july3, { time, name: 'Day before Independence Day' });
    } else if (wd === 3 && y <= 2012) {
      out.set(july3 + 2, { time, name: 'Day after Independence Day' });
    }
  }

  // [NYSE-C]: "Early Close 1pm on Dec 26, 1997 (Fri): Friday after Christmas", same on Dec 26, 2003.
  if (y === 1997 || y === 2003) out.set(dayNumber(y, 12, 26), { time: '13:00', name: 'Day after Christmas' });

  return out;
}

const SPECIAL_BY_YEAR: ReadonlyMap<number, readonly SpecialClosure[]> = (() => {
  const m = new Map<number, SpecialClosure[]>();
  for (const c of SPECIAL_CLOSURES) {
    const y = Number(c.date.slice(0, 4));
    const list = m.get(y) ?? [];
    list.push(c);
    m.set(y, list);
  }
  return m;
})();

// ---------------------------------------------------------------------------------------------
// Per-year memo (private)
// ---------------------------------------------------------------------------------------------

const years = new Map<number, YearInfo>();

function yearInfo(y: number): YearInfo {
  const cached = years.get(y);
  if (cached) return cached;

  const closed = new Map<number, Closure>();
  for (const [day, name] of holidays(y)) closed.set(day, { kind: 'holiday', name });
  for (const c of SPECIAL_BY_YEAR.get(y) ?? []) {
    closed.set(toDayNumber(c.date), { kind: 'special closure', name: c.name });
  }

  // Walk the year month by month, keeping the weekday incrementally (no Date objects).
  const days: number[] = [];
  const iso: string[] = [];
  let day = dayNumber(y, 1, 1);
  let wd = weekday(day);
  for (let month = 1; month <= 12; month++) {
    const prefix = `${y}-${TWO_DIGITS[month] as string}-`;
    const length = daysInMonth(y, month);
    for (let dom = 1; dom <= length; dom++, day++, wd = wd === SAT ? SUN : wd + 1) {
      if (wd !== SAT && wd !== SUN && !closed.has(day)) {
        days.push(day);
        iso.push(prefix + (TWO_DIGITS[dom] as string));
      }
    }
  }

  const early = new Map<number, EarlyClose>();
  for (const [day, e] of earlyCloses(y)) {
    const wd = weekday(day);
    if (wd !== SAT && wd !== SUN && !closed.has(day)) early.set(day, Object.freeze(e));
  }

  const info: YearInfo = { closed, early, days: Int32Array.from(days), iso };
  years.set(y, info);
  return info;
}

/** Index of the first element of `a` that is `>= x` (a.length if none). */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function outOfRange(what: string, from: string): never {
  throw new UsageError(
    `the ${what} ${from} is outside the NYSE calendar's supported years (${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last})`,
  );
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Whether a date falls in the calendar's years (`CALENDAR_RANGE`), judged on its first four
 * characters alone: the date is not checked, and never throws. For skipping dates that the other
 * functions would refuse as out of range.
 *
 * @example
 * inCalendar('2025-01-27'); // true
 * inCalendar('1985-09-27'); // false
 */
export function inCalendar(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_RANGE.first && year <= CALENDAR_RANGE.last;
}

/**
 * Easter Sunday of a year (Gregorian, anonymous algorithm), as `YYYY-MM-DD`. Good Friday is two days before.
 *
 * @example
 * easterSunday(2025); // '2025-04-20'
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < CALENDAR_RANGE.first || year > CALENDAR_RANGE.last) {
    throw new UsageError(
      `year ${String(year)} is outside the NYSE calendar's supported years (${CALENDAR_RANGE.first} to ${CALENDAR_RANGE.last})`,
      { field: 'year' },
    );
  }
  return fromDayNumber(easterDay(year));
}

/**
 * Whether the NYSE held a regular trading session on a date (early closes count as trading days).
 *
 * @example
 * isTradingDay('2025-01-27'); // true
 * isTradingDay('2025-01-09'); // false (national day of mourning for President Carter)
 * isTradingDay('2021-12-31'); // true  (New Year's Day 2022 fell on a Saturday: not observed)
 */
export function isTradingDay(date: string): boolean {
  const { day, year } = parse(date);
  const wd = weekday(day);
  return wd !== SAT && wd !== SUN && !yearInfo(year).closed.has(day);
}

/**
 * Every trading day from `from` to `to`, both included, ascending. A fresh array on each call.
 *
 * @example
 * tradingDays('2025-01-17', '2025-01-22'); // ['2025-01-17', '2025-01-21', '2025-01-22'] (MLK Day on the 20th)
 */
export function tradingDays(from: string, to: string): string[] {
  const a = parse(from, 'from');
  const b = parse(to, 'to');
  if (a.day > b.day) throw new UsageError(`from ${from} is after to ${to}`, { field: 'from' });
  const out: string[] = [];
  for (let y = a.year; y <= b.year; y++) {
    const info = yearInfo(y);
    const i = y === a.year ? lowerBound(info.days, a.day) : 0;
    const j = y === b.year ? lowerBound(info.days, b.day + 1) : info.days.length;
    for (let k = i; k < j; k++) out.push(info.iso[k] as string);
  }
  return out;
}

/**
 * Why the exchange was closed on a date, or `null` if it was a trading day.
 *
 * @example
 * closure('2025-01-20'); // { kind: 'holiday', name: 'Martin Luther King Jr. Day' }
 * closure('2025-01-25'); // { kind: 'weekend', name: 'Saturday' }
 * closure('2025-01-09'); // { kind: 'special closure', name: 'National Day of Mourning for former President Jimmy Carter' }
 * closure('2025-01-27'); // null
 */
export function closure(date: string): Closure | null {
  const { day, year } = parse(date);
  const wd = weekday(day);
  if (wd === SAT || wd === SUN) return { kind: 'weekend', name: WEEKDAY_NAMES[wd] as string };
  const c = yearInfo(year).closed.get(day);
  return c ? { ...c } : null;
}

/**
 * The early close of a trading day, or `null` (a full session, or no session at all).
 *
 * @example
 * earlyClose('2025-11-28'); // { time: '13:00', name: 'Day after Thanksgiving' }
 * earlyClose('2025-12-24'); // { time: '13:00', name: 'Christmas Eve' }
 * earlyClose('2025-11-27'); // null (Thanksgiving Day: closed)
 */
export function earlyClose(date: string): EarlyClose | null {
  const { day, year } = parse(date);
  const e = yearInfo(year).early.get(day);
  return e ? { ...e } : null;
}

/**
 * The first trading day strictly after a date (the date itself need not be a trading day).
 *
 * @example
 * nextTradingDay('2025-01-24'); // '2025-01-27' (Friday → Monday)
 * nextTradingDay('2025-01-25'); // '2025-01-27'
 */
export function nextTradingDay(date: string): string {
  const { day, year } = parse(date);
  for (let y = year; y <= CALENDAR_RANGE.last; y++) {
    const info = yearInfo(y);
    const i = y === year ? lowerBound(info.days, day + 1) : 0;
    if (i < info.days.length) return info.iso[i] as string;
  }
  return outOfRange('trading day after', date);
}

/**
 * The last trading day strictly before a date (the date itself need not be a trading day).
 *
 * @example
 * previousTradingDay('2025-01-27'); // '2025-01-24'
 * previousTradingDay('2025-01-10'); // '2025-01-08' (the 9th was a day of mourning)
 */
export function previousTradingDay(date: string): string {
  const { day, year } = parse(date);
  for (let y = year; y >= CALENDAR_RANGE.first; y--) {
    const info = yearInfo(y);
    const i = (y === year ? lowerBound(info.days, day) : info.days.length) - 1;
    if (i >= 0) return info.iso[i] as string;
  }
  return outOfRange('trading day before', date);
}

/**
 * The trading day `n` trading days after `date` (before it when `n` is negative; `date` itself
 * when `n` is 0). `date` must be a trading day and `n` an integer.
 *
 * @example
 * addTradingDays('2025-01-27', -5); // '2025-01-17' (skips the weekend and MLK Day)
 * addTradingDays('2025-01-08', 1);  // '2025-01-10' (skips the day of mourning)
 */
export function addTradingDays(date: string, n: number): string {
  const { day, year } = parse(date);
  if (!Number.isSafeInteger(n)) throw new UsageError(`n must be an integer number of trading days, got ${String(n)}`, { field: 'n' });
  let info = yearInfo(year);
  const i = lowerBound(info.days, day);
  if (info.days[i] !== day) {
    throw new UsageError(`${date} is not a trading day (${describeClosed(date)}): addTradingDays needs a trading day to count from`, {
      field: 'date',
    });
  }
  let y = year;
  let k = i + n;
  while (k >= info.days.length) {
    k -= info.days.length;
    if (++y > CALENDAR_RANGE.last) outOfRange(`date ${n} trading days from`, date);
    info = yearInfo(y);
  }
  while (k < 0) {
    if (--y < CALENDAR_RANGE.first) outOfRange(`date ${n} trading days from`, date);
    info = yearInfo(y);
    k += info.days.length;
  }
  return info.iso[k] as string;
}

/** "a Saturday", "a holiday (X)", "a special closure (X)" — what a closed day is; "" on a trading day. */
function describeClosed(date: string): string {
  const c = closure(date);
  if (!c) return '';
  if (c.kind === 'weekend') return `it is a ${c.name}`;
  return `it is a ${c.kind} (${c.name})`;
}

/**
 * One phrase saying what a date is on the NYSE calendar, for messages about missing prices.
 *
 * @example
 * describeMissingDay('2025-01-20'); // '2025-01-20 is a holiday (Martin Luther King Jr. Day)'
 * describeMissingDay('2025-01-25'); // '2025-01-25 is a Saturday'
 * describeMissingDay('2025-01-09'); // '2025-01-09 is a special closure (National Day of Mourning for former President Jimmy Carter)'
 * describeMissingDay('2025-01-14'); // '2025-01-14 is a trading day'
 * describeMissingDay('2025-11-28'); // '2025-11-28 is a trading day (early close at 13:00 ET: Day after Thanksgiving)'
 */
export function describeMissingDay(date: string): string {
  const c = closure(date);
  if (c) return c.kind === 'weekend' ? `${date} is a ${c.name}` : `${date} is a ${c.kind} (${c.name})`;
  const e = earlyClose(date);
  return e ? `${date} is a trading day (early close at ${e.time} ET: ${e.name})` : `${date} is a trading day`;
}
