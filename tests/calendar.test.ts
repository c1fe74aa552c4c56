import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_RANGE,
  SPECIAL_CLOSURES,
  addTradingDays,
  closure,
  describeMissingDay,
  earlyClose,
  easterSunday,
  isTradingDay,
  nextTradingDay,
  previousTradingDay,
  tradingDays,
} from '../src/data/calendar.js';
import { UsageError } from '../src/errors.js';

const pricesDir = new URL('../fixtures/prices/', import.meta.url);

/** First column of a fixture price file, in file order. */
const fixtureDates = (symbol: string): string[] =>
  readFileSync(new URL(`${symbol}.csv`, pricesDir), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(0, line.indexOf(',')));

/** Every date of a year, ISO, built independently of the module (Date.UTC stepping). */
function allDates(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Weekdays of a year on which the calendar says the exchange is closed. */
const weekdayClosures = (year: number): string[] => allDates(year).filter((d) => closure(d) !== null && closure(d)?.kind !== 'weekend');
const earlyCloses = (year: number): string[] => allDates(year).filter((d) => earlyClose(d) !== null);

/** Expect `fn` to throw a UsageError whose message matches `pattern`. */
function expectUsageError(fn: () => unknown, pattern: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected a UsageError matching ${pattern}`).toBeInstanceOf(UsageError);
  expect((thrown as Error).message).toMatch(pattern);
  expect((thrown as Error).message).not.toContain('\n');
}

describe('the calendar reproduces the trading days of the recorded index and ETF files', () => {
  // GSPC 2015→2026, NDX 2015→2026, SPY 2021→2026, QQQ/SOXX/SMH 2023→2026, IXIC 2023→2025.
  for (const symbol of ['GSPC', 'NDX', 'SPY', 'QQQ', 'SOXX', 'SMH', 'IXIC']) {
    it(`${symbol}: tradingDays(first, last) equals the file's dates exactly`, () => {
      const dates = fixtureDates(symbol);
      expect(dates.length).toBeGreaterThan(400);
      const calendar = tradingDays(dates[0] as string, dates[dates.length - 1] as string);
      const inFile = new Set(dates);
      const inCalendar = new Set(calendar);
      // Name the disagreeing dates, so a failure says what each one is.
      expect(dates.filter((d) => !inCalendar.has(d)).map(describeMissingDay), 'in the file but not trading days').toEqual([]);
      expect(calendar.filter((d) => !inFile.has(d)), 'trading days missing from the file').toEqual([]);
      expect(calendar).toEqual(dates); // same order, no duplicates
    });
  }

  it('covers the flagship event and the Carter closure inside the recorded range', () => {
    const gspc = new Set(fixtureDates('GSPC'));
    expect(gspc.has('2025-01-27')).toBe(true);
    expect(gspc.has('2025-01-09')).toBe(false);
    expect(gspc.has('2025-01-08') && gspc.has('2025-01-10')).toBe(true);
  });
});

describe('known answers', () => {
  it('2025-01-09 is a special closure (national day of mourning for President Carter)', () => {
    expect(isTradingDay('2025-01-09')).toBe(false);
    expect(closure('2025-01-09')).toEqual({ kind: 'special closure', name: 'National Day of Mourning for former President Jimmy Carter' });
    expect(isTradingDay('2025-01-08')).toBe(true);
    expect(isTradingDay('2025-01-10')).toBe(true);
  });

  it('2025-01-20 is Martin Luther King Jr. Day; MLK Day is a holiday only since 1998', () => {
    expect(closure('2025-01-20')).toEqual({ kind: 'holiday', name: 'Martin Luther King Jr. Day' });
    expect(isTradingDay('1997-01-20')).toBe(true); // third Monday of January 1997: open
    expect(closure('1998-01-19')?.name).toBe('Martin Luther King Jr. Day');
  });

  it('2025-04-18 is Good Friday', () => {
    expect(closure('2025-04-18')).toEqual({ kind: 'holiday', name: 'Good Friday' });
    expect(closure('2015-04-03')?.name).toBe('Good Friday'); // closed although a jobs-report day
  });

  it('Juneteenth: observed Monday 2022-06-20, not yet a holiday in 2021, Friday 2027-06-18 for a Saturday', () => {
    expect(closure('2022-06-20')).toEqual({ kind: 'holiday', name: 'Juneteenth National Independence Day (observed)' });
    expect(isTradingDay('2021-06-18')).toBe(true);
    expect(closure('2027-06-18')?.name).toBe('Juneteenth National Independence Day (observed)');
  });

  it('New Year on a Saturday is not observed: 2021-12-31, 2010-12-31, 2004-12-31 are trading days', () => {
    for (const d of ['2021-12-31', '2022-01-03', '2010-12-31', '2011-01-03', '2004-12-31', '1999-12-31', '1993-12-31']) {
      expect(isTradingDay(d), d).toBe(true);
    }
    expect(closure('2017-01-02')).toEqual({ kind: 'holiday', name: "New Year's Day (observed)" }); // Sunday → Monday
    expect(closure('2023-01-02')?.name).toBe("New Year's Day (observed)");
  });

  it('2027-12-24 is closed: Christmas Day 2027 is a Saturday, observed on Friday (NYSE 2027 calendar)', () => {
    expect(closure('2027-12-24')).toEqual({ kind: 'holiday', name: 'Christmas Day (observed)' });
    expect(earlyClose('2027-12-24')).toBeNull(); // no session at all, so no early close
    expect(earlyClose('2027-12-23')).toBeNull(); // the Thursday before is a full session
    expect(closure('2021-12-24')?.name).toBe('Christmas Day (observed)');
    expect(closure('2022-12-26')?.name).toBe('Christmas Day (observed)'); // Sunday → Monday
  });

  it('2025-11-28 closes early at 13:00 (day after Thanksgiving)', () => {
    expect(earlyClose('2025-11-28')).toEqual({ time: '13:00', name: 'Day after Thanksgiving' });
    expect(isTradingDay('2025-11-28')).toBe(true);
    expect(earlyClose('2025-11-27')).toBeNull(); // Thanksgiving: closed
    expect(earlyClose('2025-11-26')).toBeNull(); // an ordinary session
    expect(earlyClose('2025-12-24')).toEqual({ time: '13:00', name: 'Christmas Eve' });
    expect(earlyClose('2025-07-03')).toEqual({ time: '13:00', name: 'Day before Independence Day' });
    expect(earlyClose('2025-12-26')).toBeNull(); // full session (not 1997/2003's exception)
  });

  it('historical early closes: rule changes and exceptions', () => {
    expect(earlyClose('2002-07-05')).toEqual({ time: '13:00', name: 'Day after Independence Day' }); // July 4 on Thursday, before 2013
    expect(earlyClose('2002-07-03')).toBeNull();
    expect(earlyClose('2013-07-03')).toEqual({ time: '13:00', name: 'Day before Independence Day' }); // since 2013: the Wednesday
    expect(earlyClose('2013-07-05')).toBeNull();
    expect(earlyClose('1997-12-26')).toEqual({ time: '13:00', name: 'Day after Christmas' });
    expect(earlyClose('2003-12-26')).toEqual({ time: '13:00', name: 'Day after Christmas' });
    expect(earlyClose('2008-12-26')).toBeNull();
    expect(earlyClose('2014-12-26')).toBeNull();
    expect(earlyClose('1992-11-27')).toEqual({ time: '14:00', name: 'Day after Thanksgiving' }); // 2 p.m. before 1993
    expect(earlyClose('1990-12-24')).toEqual({ time: '14:00', name: 'Christmas Eve' });
    expect(earlyClose('1991-11-29')).toBeNull(); // no day-after-Thanksgiving early close before 1992
    expect(earlyClose('1994-07-01')).toBeNull();
    expect(earlyClose('1995-07-03')).toEqual({ time: '13:00', name: 'Day before Independence Day' });
    expect(earlyClose('2015-07-02')).toBeNull(); // July 3 2015 was the observed holiday
    expect(earlyClose('2025-01-25')).toBeNull(); // weekend
  });

  it('every unscheduled closure of 1990-2025 is closed and named', () => {
    const expected = [
      '1994-04-27',
      '2001-09-11',
      '2001-09-12',
      '2001-09-13',
      '2001-09-14',
      '2004-06-11',
      '2007-01-02',
      '2012-10-29',
      '2012-10-30',
      '2018-12-05',
      '2025-01-09',
    ];
    expect(SPECIAL_CLOSURES.map((c) => c.date)).toEqual(expected);
    for (const c of SPECIAL_CLOSURES) {
      expect(closure(c.date), c.date).toEqual({ kind: 'special closure', name: c.name });
      expect(c.source.length, c.date).toBeGreaterThan(10);
    }
    expect(closure('2012-10-29')?.name).toBe('Hurricane Sandy');
    expect(isTradingDay('2001-09-17')).toBe(true); // reopened the next Monday
    expect(isTradingDay('2012-10-31')).toBe(true);
  });

  // Holiday dates as published by NYSE Group (press releases of 2021-12-27, 2024-11-08 and
  // 2025-12-23: "NYSE Group announces ... holiday and early closings calendar").
  const published: Record<number, { closed: string[]; early: string[] }> = {
    2022: {
      closed: ['01-17', '02-21', '04-15', '05-30', '06-20', '07-04', '09-05', '11-24', '12-26'],
      early: ['11-25'],
    },
    2023: {
      closed: ['01-02', '01-16', '02-20', '04-07', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'],
      early: ['07-03', '11-24'],
    },
    2024: {
      closed: ['01-01', '01-15', '02-19', '03-29', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'],
      early: ['07-03', '11-29', '12-24'],
    },
    2025: {
      closed: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'],
      early: ['07-03', '11-28', '12-24'],
    },
    2026: {
      closed: ['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'],
      early: ['11-27', '12-24'],
    },
    2027: {
      closed: ['01-01', '01-18', '02-15', '03-26', '05-31', '06-18', '07-05', '09-06', '11-25', '12-24'],
      early: ['11-26'],
    },
    2028: {
      closed: ['01-17', '02-21', '04-14', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'],
      early: ['07-03', '11-24'],
    },
  };
  for (const [year, { closed, early }] of Object.entries(published)) {
    it(`${year}: weekday closures and early closes equal NYSE's published calendar`, () => {
      expect(weekdayClosures(Number(year))).toEqual(closed.map((md) => `${year}-${md}`));
      expect(earlyCloses(Number(year))).toEqual(early.map((md) => `${year}-${md}`));
    });
  }

  it('counts trading days per year (2023: 250, 2024: 252, 2025: 250)', () => {
    expect(tradingDays('2023-01-01', '2023-12-31')).toHaveLength(250);
    expect(tradingDays('2024-01-01', '2024-12-31')).toHaveLength(252);
    expect(tradingDays('2025-01-01', '2025-12-31')).toHaveLength(250);
  });

  // Western (Gregorian) Easter Sundays 1990-2050, as tabulated in python-dateutil's
  // test_easter.py ("List of easters between 1990 and 2050").
  const easter: Record<number, string> = {
    1990: '04-15', 1991: '03-31', 1992: '04-19', 1993: '04-11', 1994: '04-03', 1995: '04-16', 1996: '04-07', 1997: '03-30',
    1998: '04-12', 1999: '04-04', 2000: '04-23', 2001: '04-15', 2002: '03-31', 2003: '04-20', 2004: '04-11', 2005: '03-27',
    2006: '04-16', 2007: '04-08', 2008: '03-23', 2009: '04-12', 2010: '04-04', 2011: '04-24', 2012: '04-08', 2013: '03-31',
    2014: '04-20', 2015: '04-05', 2016: '03-27', 2017: '04-16', 2018: '04-01', 2019: '04-21', 2020: '04-12', 2021: '04-04',
    2022: '04-17', 2023: '04-09', 2024: '03-31', 2025: '04-20', 2026: '04-05', 2027: '03-28', 2028: '04-16', 2029: '04-01',
    2030: '04-21', 2031: '04-13', 2032: '03-28', 2033: '04-17', 2034: '04-09', 2035: '03-25', 2036: '04-13', 2037: '04-05',
    2038: '04-25', 2039: '04-10', 2040: '04-01', 2041: '04-21', 2042: '04-06', 2043: '03-29', 2044: '04-17', 2045: '04-09',
    2046: '03-25', 2047: '04-14', 2048: '04-05', 2049: '04-18', 2050: '04-10',
  };
  it('Easter Sunday matches a published table for 1990-2050, and Good Friday is closed two days before', () => {
    for (const [year, md] of Object.entries(easter)) {
      expect(easterSunday(Number(year)), year).toBe(`${year}-${md}`);
      const t = Date.UTC(Number(year), Number(md.slice(0, 2)) - 1, Number(md.slice(3)));
      const goodFriday = new Date(t - 2 * 86_400_000).toISOString().slice(0, 10);
      expect(closure(goodFriday), goodFriday).toEqual({ kind: 'holiday', name: 'Good Friday' });
    }
  });

  it('every year 1990-2099 has 7 to 13 weekday closures, each holiday once, and all closures on weekdays', () => {
    for (let y = CALENDAR_RANGE.first; y <= CALENDAR_RANGE.last; y++) {
      const closed = weekdayClosures(y);
      expect(closed.length, String(y)).toBeGreaterThanOrEqual(7);
      expect(closed.length, String(y)).toBeLessThanOrEqual(13);
      const names = closed.map((d) => closure(d)?.name.replace(' (observed)', ''));
      const holidayNames = names.filter((_, i) => closure(closed[i] as string)?.kind === 'holiday');
      expect(new Set(holidayNames).size, `${y}: a holiday twice`).toBe(holidayNames.length);
      for (const required of ["Washington's Birthday (Presidents' Day)", 'Good Friday', 'Memorial Day', 'Independence Day', 'Labor Day', 'Thanksgiving Day', 'Christmas Day']) {
        expect(holidayNames, `${y}: ${required}`).toContain(required);
      }
    }
  });
});

describe('navigation', () => {
  it('nextTradingDay and previousTradingDay are strictly after / before, from any date', () => {
    expect(nextTradingDay('2025-01-24')).toBe('2025-01-27');
    expect(nextTradingDay('2025-01-25')).toBe('2025-01-27');
    expect(nextTradingDay('2025-01-08')).toBe('2025-01-10');
    expect(previousTradingDay('2025-01-27')).toBe('2025-01-24');
    expect(previousTradingDay('2025-01-10')).toBe('2025-01-08');
    expect(nextTradingDay('2024-12-31')).toBe('2025-01-02'); // across the year end and New Year's Day
    expect(previousTradingDay('2025-01-02')).toBe('2024-12-31');
    expect(previousTradingDay('2001-09-17')).toBe('2001-09-10');
    expect(nextTradingDay('1990-01-01')).toBe('1990-01-02');
  });

  it("addTradingDays reproduces the flagship study's estimation window (offsets -260 and -11 of 2025-01-27)", () => {
    // README: "estimation offsets [-260, -11] (250 days: 2024-01-11 to 2025-01-08)".
    expect(addTradingDays('2025-01-27', -260)).toBe('2024-01-11');
    expect(addTradingDays('2025-01-27', -11)).toBe('2025-01-08');
    expect(addTradingDays('2025-01-27', 0)).toBe('2025-01-27');
    expect(addTradingDays('2025-01-27', 5)).toBe('2025-02-03');
    expect(addTradingDays('2025-01-27', -5)).toBe('2025-01-17');
  });

  it('addTradingDays agrees with tradingDays and round-trips across years', () => {
    const days = tradingDays('2019-06-03', '2022-06-30');
    for (const i of [0, 1, 17, 250, 400, 700]) {
      for (const n of [1, 5, 63, 252]) {
        if (i + n < days.length) expect(addTradingDays(days[i] as string, n)).toBe(days[i + n]);
        if (i - n >= 0) expect(addTradingDays(days[i] as string, -n)).toBe(days[i - n]);
      }
    }
    expect(addTradingDays(addTradingDays('1990-01-02', 27_000), -27_000)).toBe('1990-01-02');
  });

  it('tradingDays: inclusive ends, ascending, weekend ends, a single day, a fresh array each call', () => {
    expect(tradingDays('2025-01-17', '2025-01-22')).toEqual(['2025-01-17', '2025-01-21', '2025-01-22']);
    expect(tradingDays('2025-01-25', '2025-01-26')).toEqual([]);
    expect(tradingDays('2025-01-27', '2025-01-27')).toEqual(['2025-01-27']);
    const a = tradingDays('2024-12-30', '2025-01-03');
    expect(a).toEqual(['2024-12-30', '2024-12-31', '2025-01-02', '2025-01-03']);
    a.push('mutated');
    expect(tradingDays('2024-12-30', '2025-01-03')).toHaveLength(4);
    const all = tradingDays('1990-01-01', '2099-12-31');
    expect(all[0]).toBe('1990-01-02');
    expect(all.every((d, i) => i === 0 || (all[i - 1] as string) < d)).toBe(true);
    expect(all.every((d) => isTradingDay(d))).toBe(true);
  });

  it('describeMissingDay: one phrase per kind of day', () => {
    expect(describeMissingDay('2025-01-20')).toBe('2025-01-20 is a holiday (Martin Luther King Jr. Day)');
    expect(describeMissingDay('2025-01-25')).toBe('2025-01-25 is a Saturday');
    expect(describeMissingDay('2025-01-26')).toBe('2025-01-26 is a Sunday');
    expect(describeMissingDay('2025-01-14')).toBe('2025-01-14 is a trading day');
    expect(describeMissingDay('2025-01-09')).toBe('2025-01-09 is a special closure (National Day of Mourning for former President Jimmy Carter)');
    expect(describeMissingDay('2025-11-28')).toBe('2025-11-28 is a trading day (early close at 13:00 ET: Day after Thanksgiving)');
    expect(describeMissingDay('2026-07-03')).toBe('2026-07-03 is a holiday (Independence Day (observed))');
  });

  it('returned objects are copies: changing one does not change the calendar', () => {
    const c = closure('2025-01-20');
    if (c) c.name = 'changed';
    expect(closure('2025-01-20')?.name).toBe('Martin Luther King Jr. Day');
    const e = earlyClose('2025-11-28');
    if (e) e.name = 'changed';
    expect(earlyClose('2025-11-28')?.name).toBe('Day after Thanksgiving');
  });
});

describe('bad input is a UsageError with a clear one-line message', () => {
  it('rejects strings that are not ISO dates', () => {
    expectUsageError(() => isTradingDay('27/01/2025'), /date "27\/01\/2025" is not a date: expected YYYY-MM-DD/);
    expectUsageError(() => isTradingDay('2025-1-27'), /expected YYYY-MM-DD/);
    expectUsageError(() => isTradingDay(''), /expected YYYY-MM-DD/);
    expectUsageError(() => isTradingDay('2025-01-27T00:00:00Z'), /expected YYYY-MM-DD/);
    expectUsageError(() => isTradingDay(20250127 as unknown as string), /date 20250127 is not a date/);
    expectUsageError(() => closure(undefined as unknown as string), /is not a date/);
  });

  it('rejects impossible calendar dates', () => {
    expectUsageError(() => isTradingDay('2025-02-29'), /"2025-02-29" is not a valid calendar date/);
    expectUsageError(() => earlyClose('2025-13-01'), /not a valid calendar date/);
    expectUsageError(() => closure('2025-04-31'), /not a valid calendar date/);
    expectUsageError(() => closure('2025-00-10'), /not a valid calendar date/);
    expect(isTradingDay('2024-02-29')).toBe(true); // a leap day is fine
  });

  it('refuses years outside the supported range', () => {
    expect(CALENDAR_RANGE).toEqual({ first: 1990, last: 2099 });
    expectUsageError(() => isTradingDay('1989-12-29'), /date 1989-12-29 is outside the NYSE calendar's supported years \(1990 to 2099\)/);
    expectUsageError(() => tradingDays('2020-01-01', '2100-01-04'), /to 2100-01-04 is outside .* \(1990 to 2099\)/);
    expectUsageError(() => tradingDays('1985-01-01', '2020-01-01'), /from 1985-01-01 is outside/);
    expectUsageError(() => nextTradingDay('2099-12-31'), /trading day after 2099-12-31 is outside/);
    expectUsageError(() => previousTradingDay('1990-01-02'), /trading day before 1990-01-02 is outside/);
    expectUsageError(() => addTradingDays('2099-12-30', 5), /outside the NYSE calendar's supported years/);
    expectUsageError(() => addTradingDays('1990-01-03', -5), /outside the NYSE calendar's supported years/);
    expectUsageError(() => easterSunday(2100), /year 2100 is outside/);
    expectUsageError(() => easterSunday(2025.5), /year 2025.5 is outside/);
  });

  it('rejects a reversed range, a non-trading start for addTradingDays and a non-integer count', () => {
    expectUsageError(() => tradingDays('2025-02-01', '2025-01-01'), /from 2025-02-01 is after to 2025-01-01/);
    expectUsageError(() => addTradingDays('2025-01-25', 1), /2025-01-25 is not a trading day \(it is a Saturday\)/);
    expectUsageError(() => addTradingDays('2025-01-09', 1), /2025-01-09 is not a trading day \(it is a special closure \(National Day of Mourning/);
    expectUsageError(() => addTradingDays('2025-01-27', 1.5), /n must be an integer number of trading days, got 1.5/);
    expectUsageError(() => addTradingDays('2025-01-27', Number.NaN), /got NaN/);
  });
});
