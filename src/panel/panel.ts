/**
 * The price panel: every series a run needs, parsed once, laid on one calendar and held in typed
 * arrays. Studies, samples and simulations all read from a panel; none of them touches a file.
 *
 * The calendar is the union of the dates of the panel's price series (ascending). Each series
 * has one `Float64Array` per column on that calendar, `NaN` where it has no value, and a
 * `present` flag where its file has a row (a row may exist without the column a study uses). The
 * Fama-French factors, when loaded, sit on the same calendar.
 *
 * @module
 */
import type { Facts, FactorSeries, PriceSeries } from '../data/types.js';
import { DataError, UsageError } from '../errors.js';

/** Which column returns are computed on. */
export type PriceBasis = 'adj_close' | 'close';

/** One price series on the panel's calendar. */
export interface PanelSeries {
  readonly symbol: string;
  /** Where it was read from (a file path, `yahoo`, or a caller's label). */
  readonly source: string;
  /**
   * The column returns use: `adj_close` when the source recorded it, else `close` (index levels,
   * files without adjusted prices). One basis per series, never mixed.
   */
  readonly basis: PriceBasis;
  /** 1 on the calendar days the source has a row for, else 0. */
  readonly present: Uint8Array;
  /** The basis price each day; NaN where there is no row or the row lacks that column. */
  readonly price: Float64Array;
  /** The as-traded close (NaN where not recorded). */
  readonly close: Float64Array;
  /** The session's low, on the basis of `close` when the source has it (NaN where not recorded). */
  readonly low: Float64Array;
  /** How many rows the source has. */
  readonly rows: number;
}

/** The daily Fama-French factors on the panel's calendar, as decimals. */
export interface PanelFactors {
  readonly source: string;
  readonly present: Uint8Array;
  readonly mktRf: Float64Array;
  readonly smb: Float64Array;
  readonly hml: Float64Array;
  readonly rf: Float64Array;
  /** How many rows the factor file has. */
  readonly rows: number;
}

/** What a panel is built from. */
export interface PanelInput {
  series: readonly PriceSeries[];
  factors?: FactorSeries;
  facts?: Facts;
}

/** A run of consecutive rows of one series, as dates. */
export interface DateRun {
  from: string;
  to: string;
  days: number;
}

/** Where the days of an alignment begin and end, and which series sets each end. */
export interface AlignmentRange {
  from: string;
  to: string;
  /** The series (a symbol, or `FF3`) whose data start last and end first. */
  fromSymbol: string;
  toSymbol: string;
}

/**
 * Some series (and the factors) on their shared trading days: the days from the latest first
 * date to the earliest last date on which ANY of the price series has a row. A day on which one
 * series has no row stays a day, with that series' values missing (a gap, never filled), so that
 * a date one file lacks neither moves an event nor joins two days into one return.
 */
export interface Alignment {
  /** The symbols aligned, in the order asked. */
  readonly symbols: readonly string[];
  /** Whether the factors take part (their range bounds the days; a day without factors is a gap). */
  readonly withFactors: boolean;
  /** Calendar indices of the days, ascending. */
  readonly index: Int32Array;
  /** The days as ISO dates. */
  readonly dates: readonly string[];
  /** The range of the days and the series that bound it. */
  readonly range: AlignmentRange;
  /** How many days every series (and the factors) has. */
  readonly commonDays: number;
  /** For each series, the days inside the range it has no row for (gaps), ascending. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
  /** For each series, its rows outside the range (not used), as runs of consecutive rows. */
  readonly dropped: Readonly<Record<string, readonly DateRun[]>>;
}

const nanArray = (n: number) => new Float64Array(n).fill(NaN);

/**
 * A set of price series on one calendar. Build it with {@link buildPanel} (plain data) or
 * `loadPanel` (files, cached per process).
 *
 * @example
 * const panel = buildPanel({ series: [nvda, spy] });
 * panel.dates.length;               // the union of both files' dates
 * panel.series('NVDA').close[panel.indexOf('2025-01-27')]; // 118.41999816894531
 */
export class Panel {
  /** The calendar: every date of any series, ascending. */
  readonly dates: readonly string[];
  readonly factors: PanelFactors | undefined;
  /** Share counts and reported figures, when loaded. */
  readonly facts: Facts | undefined;
  readonly #series: Map<string, PanelSeries>;
  readonly #index: Map<string, number>;
  readonly #alignments = new Map<string, Alignment>();

  constructor(dates: readonly string[], series: Map<string, PanelSeries>, factors?: PanelFactors, facts?: Facts) {
    this.dates = dates;
    this.#series = series;
    this.#index = new Map(dates.map((d, i) => [d, i]));
    this.factors = factors;
    this.facts = facts;
  }

  /** The symbols of the panel, in the order they were given. */
  get symbols(): string[] {
    return [...this.#series.keys()];
  }

  has(symbol: string): boolean {
    return this.#series.has(symbol.toUpperCase());
  }

  /** A series by symbol (any case); a `DataError` if the panel does not hold it. */
  series(symbol: string): PanelSeries {
    const s = this.#series.get(symbol.toUpperCase());
    if (!s) throw new DataError(`the panel holds no prices for ${symbol} (it has ${this.symbols.join(', ') || 'none'})`, { symbol });
    return s;
  }

  /** The calendar index of a date, or -1 when no series has it. */
  indexOf(date: string): number {
    return this.#index.get(date) ?? -1;
  }

  /**
   * The days on which every one of `symbols` has a row (and, with `withFactors`, the factor file
   * too). Computed once per panel and set of symbols.
   *
   * @example
   * const a = panel.align(['NVDA', 'SPY']);
   * a.dates.at(-1); // the last day both files have
   */
  align(symbols: readonly string[], withFactors = false): Alignment {
    symbols = symbols.map((s) => s.toUpperCase());
    const key = `${symbols.join('\u0000')}\u0000${withFactors ? 'ff' : ''}`;
    let a = this.#alignments.get(key);
    if (!a) {
      a = this.#computeAlignment(symbols, withFactors);
      this.#alignments.set(key, a);
    }
    return a;
  }

  #computeAlignment(symbols: readonly string[], withFactors: boolean): Alignment {
    const parts: { name: string; present: Uint8Array }[] = symbols.map((s) => ({ name: s, present: this.series(s).present }));
    if (withFactors) {
      if (!this.factors) throw new DataError('the panel has no Fama-French factors (load them with the ff3 model)');
      parts.push({ name: 'FF3', present: this.factors.present });
    }
    const n = this.dates.length;
    // The range every series covers: from the latest first row to the earliest last row.
    let lo = -1;
    let hi = n;
    let fromSymbol = '';
    let toSymbol = '';
    for (const p of parts) {
      const first = p.present.indexOf(1);
      const last = p.present.lastIndexOf(1);
      if (first < 0) throw new DataError(`${p.name} has no rows in the panel`, { symbol: p.name });
      if (first > lo) [lo, fromSymbol] = [first, p.name];
      if (last < hi) [hi, toSymbol] = [last, p.name];
    }
    const keep = new Int32Array(Math.max(0, hi - lo + 1));
    let m = 0;
    let common = 0;
    const missing: Record<string, string[]> = Object.fromEntries(parts.map((p) => [p.name, []]));
    const flags = parts.map((p) => p.present);
    const nPrices = symbols.length;
    for (let i = lo; i <= hi; i++) {
      let traded = false;
      for (let k = 0; k < nPrices; k++) if (flags[k]![i] === 1) traded = true;
      if (!traded) continue; // no price series has that day
      keep[m++] = i;
      let all = true;
      for (let k = 0; k < flags.length; k++) {
        if (flags[k]![i] === 0) {
          all = false;
          missing[parts[k]!.name]!.push(this.dates[i]!);
        }
      }
      if (all) common++;
    }
    const index = keep.slice(0, m);
    const dates = new Array<string>(m);
    for (let k = 0; k < m; k++) dates[k] = this.dates[index[k]!]!;
    const dropped: Record<string, DateRun[]> = {};
    for (const p of parts) {
      const runs = this.#runsOutside(p.present, lo, hi);
      if (runs.length) dropped[p.name] = runs;
      if (missing[p.name]!.length === 0) delete missing[p.name];
    }
    const range = { from: this.dates[lo] ?? '', to: this.dates[hi] ?? '', fromSymbol, toSymbol };
    return { symbols: [...symbols], withFactors, index, dates, range, commonDays: common, missing, dropped };
  }

  /** The rows of a series before `lo` and after `hi`, as runs of consecutive calendar days of that series. */
  #runsOutside(present: Uint8Array, lo: number, hi: number): DateRun[] {
    const runs: DateRun[] = [];
    const scan = (a: number, b: number) => {
      let first = -1;
      let last = -1;
      let days = 0;
      for (let i = a; i <= b; i++) {
        if (present[i] !== 1) continue;
        if (first < 0) first = i;
        last = i;
        days++;
      }
      if (days) runs.push({ from: this.dates[first]!, to: this.dates[last]!, days });
    };
    scan(0, lo - 1);
    scan(hi + 1, present.length - 1);
    return runs;
  }

  /** A column of a series gathered on an alignment's days. */
  gather(column: Float64Array, alignment: Alignment): Float64Array {
    const out = new Float64Array(alignment.index.length);
    for (let k = 0; k < out.length; k++) out[k] = column[alignment.index[k]!]!;
    return out;
  }
}

function seriesOn(s: PriceSeries, index: Map<string, number>, n: number): PanelSeries {
  const basis: PriceBasis = s.rows.some((r) => r.adjClose !== null) ? 'adj_close' : 'close';
  const present = new Uint8Array(n);
  const price = nanArray(n);
  const close = nanArray(n);
  const low = nanArray(n);
  for (const r of s.rows) {
    const i = index.get(r.date)!;
    present[i] = 1;
    const p = basis === 'adj_close' ? r.adjClose : r.close;
    if (p !== null) price[i] = p;
    if (r.close !== null) close[i] = r.close;
    if (r.low !== null) low[i] = r.low;
  }
  return { symbol: s.symbol.toUpperCase(), source: s.source, basis, present, price, close, low, rows: s.rows.length };
}

function factorsOn(f: FactorSeries, index: Map<string, number>, n: number): PanelFactors {
  const present = new Uint8Array(n);
  const cols = { mktRf: nanArray(n), smb: nanArray(n), hml: nanArray(n), rf: nanArray(n) };
  f.dates.forEach((d, j) => {
    const i = index.get(d);
    if (i === undefined) return; // a factor day no price series has: never used
    present[i] = 1;
    cols.mktRf[i] = f.mktRf[j]!;
    cols.smb[i] = f.smb[j]!;
    cols.hml[i] = f.hml[j]!;
    cols.rf[i] = f.rf[j]!;
  });
  return { source: f.source, present, ...cols, rows: f.dates.length };
}

/**
 * Lay validated series (and optionally the factors and the facts) on one calendar. Pure: no I/O.
 * Symbols are keyed in upper case and must be distinct.
 *
 * @example
 * import { buildPanel, parsePriceCsv } from 'sputnik-study';
 * const panel = buildPanel({ series: [parsePriceCsv(acmeCsv, { file: 'ACME.csv', symbol: 'ACME' }), spy] });
 */
export function buildPanel(input: PanelInput): Panel {
  const all = new Set<string>();
  const seen = new Set<string>();
  for (const s of input.series) {
    const key = s.symbol.toUpperCase();
    if (seen.has(key)) throw new UsageError(`${key} is given twice`, { symbol: key });
    seen.add(key);
    for (const r of s.rows) all.add(r.date);
  }
  const dates = [...all].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const series = new Map(input.series.map((s) => [s.symbol.toUpperCase(), seriesOn(s, index, dates.length)]));
  const factors = input.factors ? factorsOn(input.factors, index, dates.length) : undefined;
  return new Panel(dates, series, factors, input.facts);
}
