import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { addDays, daysBetween, daysInMonth, fromDayNumber, isIsoDate, isLeapYear, toDayNumber, todayUtc, weekday } from '../src/util/dates.js';

const DAY_MS = 86_400_000;
/** The reference: the engine's own proleptic Gregorian UTC calendar (valid for years 0001-9999). */
const isoOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const FIRST = Date.parse('0001-01-01') / DAY_MS;
const LAST = Date.parse('9999-12-31') / DAY_MS;

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true, 'leap year'],
    ['2025-02-29', false, 'not a leap year'],
    ['1900-02-29', false, 'a century not divisible by 400'],
    ['2000-02-29', true, 'a century divisible by 400'],
    ['2100-02-29', false, 'a century not divisible by 400'],
    ['2025-02-28', true, ''],
    ['2025-01-31', true, ''],
    ['2025-04-30', true, ''],
    ['2025-04-31', false, 'April has 30 days'],
    ['2025-12-31', true, ''],
    ['2025-13-01', false, 'month 13'],
    ['2025-00-10', false, 'month 0'],
    ['2025-01-00', false, 'day 0'],
    ['2025-01-32', false, 'day 32'],
    ['0001-01-01', true, 'first year'],
    ['9999-12-31', true, 'last year'],
    ['0000-01-01', false, 'year 0'],
    ['2025-1-27', false, 'one-digit month'],
    ['2025-01-7', false, 'one-digit day'],
    ['25-01-27', false, 'two-digit year'],
    ['+2025-01-27', false, 'signed year'],
    ['20250127', false, 'basic format'],
    ['2025/01/27', false, 'slashes'],
    ['2025-01-27T00:00', false, 'a time'],
    [' 2025-01-27', false, 'leading space'],
    ['2025-01-27 ', false, 'trailing space'],
    ['2025-01-27\n', false, 'trailing newline'],
    ['2025-0a-27', false, 'a letter'],
    ['２０２５-01-27', false, 'full-width digits'],
    ['', false, 'empty'],
  ])('%s -> %s (%s)', (s, valid) => {
    expect(isIsoDate(s)).toBe(valid);
  });

  it('refuses what is not a string', () => {
    expect(isIsoDate(20250127 as unknown as string)).toBe(false);
    expect(isIsoDate(undefined as unknown as string)).toBe(false);
  });

  it('agrees with the UTC calendar on every YYYY-MM-DD with month 00-13 and day 00-32, 1896-2104', () => {
    for (let y = 1896; y <= 2104; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const t = Date.UTC(y, m - 1, d);
          const exists = m >= 1 && m <= 12 && d >= 1 && isoOfDay(t / DAY_MS) === s;
          if (isIsoDate(s) !== exists) throw new Error(`${s}: isIsoDate says ${!exists}`);
        }
      }
    }
  });

  it('leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('day numbers', () => {
  it('known answers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2025-01-27')).toBe(20115);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(toDayNumber('0001-01-01')).toBe(-719162);
    expect(toDayNumber('9999-12-31')).toBe(2932896);
    expect(fromDayNumber(20115)).toBe('2025-01-27');
    expect(fromDayNumber(-719162)).toBe('0001-01-01');
    expect(fromDayNumber(2932896)).toBe('9999-12-31');
  });

  it('round-trips every day from 1800 to 2200 and agrees with Date.UTC', () => {
    const from = Date.UTC(1800, 0, 1) / DAY_MS;
    const to = Date.UTC(2200, 11, 31) / DAY_MS;
    for (let n = from; n <= to; n++) {
      const iso = fromDayNumber(n);
      if (iso !== isoOfDay(n)) throw new Error(`fromDayNumber(${n}) = ${iso}, Date says ${isoOfDay(n)}`);
      if (toDayNumber(iso) !== n) throw new Error(`toDayNumber(${iso}) = ${toDayNumber(iso)}, expected ${n}`);
    }
  });

  it('round-trips over the whole range 0001-9999 (every 29th day, and every day near both ends) and agrees with Date', () => {
    for (let n = FIRST; n <= LAST; n += n < FIRST + 800 || n > LAST - 800 ? 1 : 29) {
      const iso = fromDayNumber(n);
      if (iso !== isoOfDay(n) || toDayNumber(iso) !== n || toDayNumber(iso) !== Date.parse(iso) / DAY_MS) {
        throw new Error(`day ${n}: ${iso} vs ${isoOfDay(n)}`);
      }
    }
  });

  it('refuses what it cannot convert, with a UsageError', () => {
    expect(() => toDayNumber('2025-02-29')).toThrow(UsageError);
    expect(() => toDayNumber('2025-02-29')).toThrow('"2025-02-29" is not a valid YYYY-MM-DD date');
    for (const n of [FIRST - 1, LAST + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => fromDayNumber(n), String(n)).toThrow(UsageError);
    }
  });
});

describe('calendar arithmetic', () => {
  it('addDays', () => {
    expect(addDays('2025-01-27', 1)).toBe('2025-01-28');
    expect(addDays('2025-01-27', 0)).toBe('2025-01-27');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-01-27', -366)).toBe('2024-01-27'); // 2024 has a 29 February
    expect(addDays('2025-01-27', -365)).toBe('2024-01-28');
    expect(addDays('2025-01-27', 36524)).toBe('2125-01-27'); // 24 leap days: 2100 is not a leap year
    expect(() => addDays('2025-01-27', 0.5)).toThrow(UsageError);
    expect(() => addDays('2025-1-27', 1)).toThrow(UsageError);
    expect(() => addDays('9999-12-31', 1)).toThrow(UsageError);
  });

  it('addDays agrees with Date over shifts of -400..400 days from several dates', () => {
    for (const start of ['2024-02-29', '1999-12-31', '2025-01-27', '1900-03-01']) {
      const n0 = Date.parse(start) / DAY_MS;
      for (let k = -400; k <= 400; k++) expect(addDays(start, k)).toBe(isoOfDay(n0 + k));
    }
  });

  it('weekday: ISO numbering, Monday 1 to Sunday 7', () => {
    expect(weekday('2025-01-27')).toBe(1); // Monday: the Sputnik moment
    expect(weekday('2025-01-25')).toBe(6);
    expect(weekday('2025-01-26')).toBe(7);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2000-01-01')).toBe(6);
    expect(weekday('0001-01-01')).toBe(1);
    for (let n = -1000; n <= 30000; n += 13) {
      const iso = isoOfDay(n);
      expect(weekday(iso)).toBe(((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1);
    }
  });

  it('daysBetween', () => {
    expect(daysBetween('2025-01-24', '2025-01-27')).toBe(3);
    expect(daysBetween('2025-01-27', '2025-01-24')).toBe(-3);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-01-27', '2025-01-27')).toBe(0);
    expect(() => daysBetween('2025-01-27', 'tomorrow')).toThrow(UsageError);
  });

  it('todayUtc', () => {
    expect(todayUtc(Date.UTC(2025, 0, 27))).toBe('2025-01-27');
    expect(todayUtc(Date.UTC(2025, 0, 27, 23, 59, 59, 999))).toBe('2025-01-27');
    expect(todayUtc(Date.UTC(2025, 0, 27) - 1)).toBe('2025-01-26');
    const before = new Date().toISOString().slice(0, 10);
    const today = todayUtc();
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(today);
  });
});
