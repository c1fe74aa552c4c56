/**
 * ISO calendar dates (`YYYY-MM-DD`) as plain strings, and day arithmetic on them.
 *
 * Every date here is a calendar date with no time and no zone: arithmetic goes through the
 * **day number**, the count of days since 1970-01-01 in the proleptic Gregorian calendar (the
 * calendar of `Date.UTC`), so nothing depends on the machine's time zone. Years run from 0001
 * to 9999, the years a four-digit ISO date can write. The conversions are H. Hinnant's
 * `days_from_civil` / `civil_from_days` algorithms (http://howardhinnant.github.io/date_algorithms.html):
 * integer arithmetic only, no `Date` object, no luxon.
 *
 * A function given a string that is not a valid date, or a day count that is not a whole
 * number, throws a `UsageError` naming it.
 */

import { UsageError } from '../errors.js';

const MS_PER_DAY = 86_400_000;
/** Day number of 0001-01-01, the first date a four-digit year can write. */
const FIRST_DAY = -719_162;
/** Day number of 9999-12-31, the last one. */
const LAST_DAY = 2_932_896;

/** The value of `length` ASCII digits of `s` from `start`, or -1 if one of them is not a digit. */
function digits(s: string, start: number, length: number): number {
  let v = 0;
  for (let i = start; i < start + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Whether a year of the Gregorian calendar is a leap year: divisible by 4, except centuries
 * not divisible by 400.
 *
 * @param year the year, e.g. 2024
 * @returns true if February of that year has 29 days
 * @example
 * isLeapYear(2024); // true
 * isLeapYear(1900); // false
 * isLeapYear(2000); // true
 */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * The number of days in a month.
 *
 * @param year the year, e.g. 2025
 * @param month the month, 1 (January) to 12 (December)
 * @returns 28 to 31
 * @example
 * daysInMonth(2024, 2); // 29
 * daysInMonth(2025, 2); // 28
 * daysInMonth(2025, 4); // 30
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `s` is a strict ISO calendar date, `YYYY-MM-DD`, that exists: ten characters, ASCII
 * digits, a year from 0001 to 9999, a month from 01 to 12, a day that the month has (leap years
 * included). No time, no zone, no surrounding spaces. Cheap enough to run on every row of a file.
 *
 * @param s the text to check
 * @returns true if it is a valid date
 * @example
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2025-02-29'); // false (2025 is not a leap year)
 * isIsoDate('2025-1-27');  // false (the month needs two digits)
 */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function requireDate(iso: string): void {
  if (!isIsoDate(iso)) throw new UsageError(`"${String(iso)}" is not a valid YYYY-MM-DD date`);
}

function requireWholeDays(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what} ${String(n)} is not a whole number of days`);
}

/**
 * The day number of a date: days since 1970-01-01 (negative before it), the same count as
 * `Date.UTC(y, m - 1, d) / 86400000`.
 *
 * @param iso a `YYYY-MM-DD` date
 * @returns the day number
 * @throws {UsageError} if `iso` is not a valid date
 * @example
 * toDayNumber('1970-01-01'); // 0
 * toDayNumber('2025-01-27'); // 20115
 * toDayNumber('1969-12-31'); // -1
 */
export function toDayNumber(iso: string): number {
  requireDate(iso);
  const d = digits(iso, 8, 2);
  const m = digits(iso, 5, 2);
  const y = digits(iso, 0, 4) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1; // [0, 365], from 1 March
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146_097 + doe - 719_468;
}

/**
 * The date of a day number (days since 1970-01-01), the inverse of {@link toDayNumber}.
 *
 * @param n a whole number of days, from -719162 (0001-01-01) to 2932896 (9999-12-31)
 * @returns the `YYYY-MM-DD` date
 * @throws {UsageError} if `n` is not a whole number in that range
 * @example
 * fromDayNumber(0);     // '1970-01-01'
 * fromDayNumber(20115); // '2025-01-27'
 * fromDayNumber(-1);    // '1969-12-31'
 */
export function fromDayNumber(n: number): string {
  requireWholeDays(n, 'day number');
  if (n < FIRST_DAY || n > LAST_DAY) {
    throw new UsageError(`day number ${n} is outside 0001-01-01 to 9999-12-31 (${FIRST_DAY} to ${LAST_DAY})`);
  }
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097; // [0, 146096]
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], from March
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * The date `n` calendar days after `iso` (before it if `n` is negative).
 *
 * @param iso a `YYYY-MM-DD` date
 * @param n a whole number of days
 * @returns the `YYYY-MM-DD` date
 * @throws {UsageError} if `iso` is not a valid date, `n` not a whole number, or the result falls outside years 0001-9999
 * @example
 * addDays('2025-01-27', 1);  // '2025-01-28'
 * addDays('2024-02-28', 1);  // '2024-02-29'
 * addDays('2025-01-01', -1); // '2024-12-31'
 */
export function addDays(iso: string, n: number): string {
  requireWholeDays(n, 'a shift of');
  return fromDayNumber(toDayNumber(iso) + n);
}

/**
 * The ISO weekday of a date: 1 for Monday to 7 for Sunday.
 *
 * @param iso a `YYYY-MM-DD` date
 * @returns 1 (Monday) to 7 (Sunday)
 * @throws {UsageError} if `iso` is not a valid date
 * @example
 * weekday('2025-01-27'); // 1 (Monday)
 * weekday('2025-01-25'); // 6 (Saturday)
 * weekday('1970-01-01'); // 4 (Thursday)
 */
export function weekday(iso: string): number {
  const n = toDayNumber(iso);
  return ((((n + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday
}

/**
 * Today's date in UTC (not the machine's time zone).
 *
 * @param nowMs the instant, in milliseconds since 1970-01-01T00:00Z (default: now)
 * @returns the `YYYY-MM-DD` date of that instant in UTC
 * @example
 * todayUtc();              // e.g. '2025-03-14'
 * todayUtc(1737936000000); // '2025-01-27' (midnight UTC)
 */
export function todayUtc(nowMs: number = Date.now()): string {
  return fromDayNumber(Math.floor(nowMs / MS_PER_DAY));
}

/**
 * The number of calendar days from `a` to `b`: `toDayNumber(b) - toDayNumber(a)`, negative when
 * `b` comes first.
 *
 * @param a the first `YYYY-MM-DD` date
 * @param b the second `YYYY-MM-DD` date
 * @returns whole days from `a` to `b`
 * @throws {UsageError} if either is not a valid date
 * @example
 * daysBetween('2025-01-24', '2025-01-27'); // 3
 * daysBetween('2024-01-01', '2025-01-01'); // 366
 * daysBetween('2025-01-27', '2025-01-24'); // -3
 */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}
