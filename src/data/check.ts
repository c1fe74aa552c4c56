/**
 * A price series held against the NYSE calendar, and two series of one symbol held against each
 * other. Pure functions on parsed series (no I/O).
 *
 * - {@link checkSeries}: the trading days a series lacks inside its own first..last range (data
 *   gaps) and the rows it has on days the exchange was closed, each described by the calendar
 *   (`2025-01-20 is a holiday (Martin Luther King Jr. Day)`), so a holiday is never mistaken for a gap.
 * - {@link compareSeries}: where two series overlap, the closes that differ beyond rounding and
 *   the drift of the ratio of their adjusted closes (a dividend or split adjusted in one and not
 *   in the other), e.g. a live download against the bundled fixture.
 */
import { DataError } from '../errors.js';
import { CALENDAR_RANGE, describeMissingDay, inCalendar, tradingDays } from './calendar.js';
import type { PriceSeries } from './types.js';
import { plural } from '../util/format.js';

/** A date and what the calendar says about it. */
export interface DayNote {
  date: string;
  /** `describeMissingDay(date)`: `2025-01-14 is a trading day`, `2025-01-25 is a Saturday`, ... */
  description: string;
}

/** What {@link checkSeries} found. */
export interface SeriesCheck {
  symbol: string;
  /** Where the series was read from, as given. */
  source: string;
  rows: number;
  first: string;
  last: string;
  /** The range held against the calendar: first..last, clipped to the calendar's years. */
  checkedFrom: string | null;
  checkedTo: string | null;
  /** NYSE trading days in the checked range. */
  tradingDays: number;
  /** Trading days in the checked range without a row: data gaps. */
  missing: DayNote[];
  /** Rows on days the NYSE was closed (weekends, holidays, special closures). */
  extra: DayNote[];
  /** Remarks (rows outside the calendar's years, not checked). */
  notes: string[];
}

const FIRST_DAY = `${CALENDAR_RANGE.first}-01-01`;
const LAST_DAY = `${CALENDAR_RANGE.last}-12-31`;

const note = (date: string): DayNote => ({ date, description: describeMissingDay(date) });

/**
 * Hold a series against the NYSE calendar inside its own first..last range: the trading days it
 * lacks (`missing`) and the rows on days the exchange was closed (`extra`). Rows outside the
 * calendar's years (1990-2099) are not checked, and a note says how many.
 *
 * @example
 * const c = checkSeries(await loadPrices('SPY'));
 * c.missing; // []  (every NYSE session from the first row to the last has a row)
 * c.extra;   // []
 * checkSeries(withAGap).missing; // [{ date: '2025-01-14', description: '2025-01-14 is a trading day' }]
 */
export function checkSeries(series: PriceSeries): SeriesCheck {
  const rows = series.rows;
  if (!rows || rows.length === 0) throw new DataError('the series has no rows to check', { symbol: series.symbol });
  const first = rows[0]!.date;
  const last = rows[rows.length - 1]!.date;
  const from = first < FIRST_DAY ? FIRST_DAY : first;
  const to = last > LAST_DAY ? LAST_DAY : last;
  const notes: string[] = [];
  const before = rows.filter((r) => r.date < FIRST_DAY).length;
  const after = rows.filter((r) => r.date > LAST_DAY).length;
  if (before > 0) notes.push(`${before} row(s) before ${FIRST_DAY} not checked (the calendar starts in ${CALENDAR_RANGE.first})`);
  if (after > 0) notes.push(`${after} row(s) after ${LAST_DAY} not checked (the calendar ends in ${CALENDAR_RANGE.last})`);
  if (from > to) {
    return { symbol: series.symbol, source: series.source, rows: rows.length, first, last, checkedFrom: null, checkedTo: null, tradingDays: 0, missing: [], extra: [], notes };
  }
  const dates = rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.date);
  const held = holdAgainstCalendar(from, to, dates, new Set(dates));
  const extra = held.extra.map(note);
  const missing = held.missing.map(note);
  return { symbol: series.symbol, source: series.source, rows: rows.length, first, last, checkedFrom: from, checkedTo: to, tradingDays: held.days.length, missing, extra, notes };
}

/**
 * The NYSE trading days from `from` to `to` (in the calendar's years), those of them not in
 * `have` (`missing`), and the `dates` (all inside from..to) that are not trading days (`extra`).
 */
function holdAgainstCalendar(from: string, to: string, dates: readonly string[], have: ReadonlySet<string>): { days: string[]; missing: string[]; extra: string[] } {
  const days = tradingDays(from, to);
  const open = new Set(days);
  return { days, missing: days.filter((d) => !have.has(d)), extra: dates.filter((d) => !open.has(d)) };
}

/** Options of {@link compareSeries}. */
export interface CompareOptions {
  /** Largest |close difference| taken as rounding, in price units (default 0.005: half a cent). */
  closeTolerance?: number;
  /** Largest relative change of the adjusted-close ratio taken as rounding (default 1e-4). */
  adjTolerance?: number;
}

/** A close that differs beyond rounding. */
export interface CloseDifference {
  date: string;
  left: number;
  right: number;
  /** left - right. */
  diff: number;
}

/** What {@link compareSeries} found. */
export interface SeriesComparison {
  symbol: string;
  left: string;
  right: string;
  /** The common range (the later first date to the earlier last date), or null when they do not overlap. */
  from: string | null;
  to: string | null;
  /** Dates present in both inside the common range. */
  commonDays: number;
  /** Dates inside the common range present in one series only, described by the calendar. */
  onlyLeft: DayNote[];
  onlyRight: DayNote[];
  closeTolerance: number;
  /** Days whose closes were both present and compared. */
  closesCompared: number;
  /** The largest |left - right| close difference (0 when none compared). */
  maxCloseDiff: number;
  /** Closes differing by more than `closeTolerance`, in date order. */
  closeDifferences: CloseDifference[];
  /**
   * The ratio left/right of adjusted closes over the common days: its first value, range and
   * drift (max/min - 1), and the days where it moved by more than `adjTolerance` from the day
   * before (where one vendor adjusted for a dividend or split and the other did not). Null when
   * no day has both adjusted closes.
   */
  adjRatio: { compared: number; first: number; min: number; max: number; drift: number; jumps: { date: string; change: number }[] } | null;
  adjTolerance: number;
  /** True when nothing differs beyond rounding: no close difference, no one-sided day, no adjustment drift. */
  agree: boolean;
}

/**
 * Compare two series of one symbol where they overlap (e.g. a live download and the bundled
 * fixture): closes that differ by more than `closeTolerance` (half a cent by default), dates
 * present in only one of them, and the drift of the adjusted-close ratio. A constant ratio is
 * not a difference (vendors rescale the whole adjusted history at each new dividend); a ratio that
 * moves inside the overlap is.
 *
 * @example
 * const cmp = compareSeries(live, await loadPrices('NVDA'));
 * cmp.closeDifferences; // []  (every close within half a cent)
 * cmp.adjRatio?.drift;  // 7e-9 (the same adjustment basis up to a constant factor)
 */
export function compareSeries(left: PriceSeries, right: PriceSeries, opts: CompareOptions = {}): SeriesComparison {
  const closeTolerance = opts.closeTolerance ?? 0.005;
  const adjTolerance = opts.adjTolerance ?? 1e-4;
  const base = { symbol: left.symbol, left: left.source, right: right.source, closeTolerance, adjTolerance };
  const none: SeriesComparison = {
    ...base, from: null, to: null, commonDays: 0, onlyLeft: [], onlyRight: [], closesCompared: 0, maxCloseDiff: 0, closeDifferences: [], adjRatio: null, agree: false,
  };
  if (left.rows.length === 0 || right.rows.length === 0) return none;
  const from = [left.rows[0]!.date, right.rows[0]!.date].sort()[1]!;
  const to = [left.rows.at(-1)!.date, right.rows.at(-1)!.date].sort()[0]!;
  if (from > to) return none;
  const inside = (d: string) => d >= from && d <= to;
  const rightByDate = new Map(right.rows.filter((r) => inside(r.date)).map((r) => [r.date, r]));
  const leftDates = new Set(left.rows.filter((r) => inside(r.date)).map((r) => r.date));
  const describe = (d: string) => (inCalendar(d) ? note(d) : { date: d, description: d });
  const onlyLeft = [...leftDates].filter((d) => !rightByDate.has(d)).map(describe);
  const onlyRight = [...rightByDate.keys()].filter((d) => !leftDates.has(d)).map(describe);

  let commonDays = 0;
  let closesCompared = 0;
  let maxCloseDiff = 0;
  const closeDifferences: CloseDifference[] = [];
  const ratios: { date: string; r: number }[] = [];
  for (const l of left.rows) {
    if (!inside(l.date)) continue;
    const r = rightByDate.get(l.date);
    if (!r) continue;
    commonDays++;
    if (l.close !== null && r.close !== null) {
      closesCompared++;
      const diff = l.close - r.close;
      maxCloseDiff = Math.max(maxCloseDiff, Math.abs(diff));
      // A hair of slack so that a difference of exactly the tolerance, written in decimal, is rounding.
      if (Math.abs(diff) > closeTolerance * (1 + 1e-9)) closeDifferences.push({ date: l.date, left: l.close, right: r.close, diff });
    }
    if (l.adjClose !== null && r.adjClose !== null) ratios.push({ date: l.date, r: l.adjClose / r.adjClose });
  }

  let adjRatio: SeriesComparison['adjRatio'] = null;
  if (ratios.length > 0) {
    let min = Infinity;
    let max = -Infinity;
    const jumps: { date: string; change: number }[] = [];
    ratios.forEach(({ date, r }, i) => {
      min = Math.min(min, r);
      max = Math.max(max, r);
      if (i > 0) {
        const change = r / ratios[i - 1]!.r - 1;
        if (Math.abs(change) > adjTolerance) jumps.push({ date, change });
      }
    });
    adjRatio = { compared: ratios.length, first: ratios[0]!.r, min, max, drift: max / min - 1, jumps };
  }
  const agree =
    closeDifferences.length === 0 && onlyLeft.length === 0 && onlyRight.length === 0 && (adjRatio === null || adjRatio.drift <= adjTolerance);
  return { ...base, from, to, commonDays, onlyLeft, onlyRight, closesCompared, maxCloseDiff, closeDifferences, adjRatio, agree };
}

/** At most `max` items, then `and N more`. */
function list(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join('; ') : `${items.slice(0, max).join('; ')}; and ${items.length - max} more`;
}

/**
 * The notes of a live download, in the calendar's words: the days Yahoo listed without a close
 * (dropped, never filled) and, for a US listing (`zone` `America/New_York`), the NYSE trading days
 * between the first and the last bar that have no bar (a data gap) and the bars on days the NYSE
 * was closed. Nothing calendar-based for other exchanges or years outside the calendar. `dates`
 * are ascending, as a series' rows are.
 *
 * @example
 * liveNotes('NVDA', ['2025-01-13', '2025-01-15'], [], 'America/New_York');
 * // ['NVDA: no bar for 1 NYSE trading day between 2025-01-13 and 2025-01-15, a data gap left unfilled (2025-01-14 is a trading day)']
 */
export function liveNotes(symbol: string, dates: readonly string[], dropped: readonly string[], zone?: string): string[] {
  const notes: string[] = [];
  if (dropped.length > 0) {
    const days = dropped.map((d) => (inCalendar(d) ? describeMissingDay(d) : d));
    notes.push(`${symbol}: dropped ${plural(dropped.length, 'day')} that Yahoo listed without a close (${list(days)}); not filled`);
  }
  if (zone !== 'America/New_York' || dates.length === 0) return notes;
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  if (!inCalendar(first) || !inCalendar(last)) return notes;
  const have = new Set([...dates, ...dropped]); // a dropped day already has its note
  const { missing, extra } = holdAgainstCalendar(first, last, dates, have);
  if (missing.length > 0) {
    notes.push(
      `${symbol}: no bar for ${plural(missing.length, 'NYSE trading day')} between ${first} and ${last}, a data gap left unfilled (${list(missing.map(describeMissingDay))})`,
    );
  }
  if (extra.length > 0) {
    notes.push(`${symbol}: ${plural(extra.length, 'bar')} on days the NYSE was closed, kept as sent (${list(extra.map(describeMissingDay))})`);
  }
  return notes;
}
