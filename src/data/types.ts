/**
 * One trading day of a recorded price file (`date,open,high,low,close,adj_close,volume`).
 * Read-only: a loaded series is shared by every caller (see `loadPrices`).
 */
export interface PriceRow {
  /** ISO date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly open: number | null;
  readonly high: number | null;
  readonly low: number | null;
  /** As-traded close (split-adjusted, not dividend-adjusted); for an index, its level. */
  readonly close: number | null;
  /** Split- and dividend-adjusted close (total-return basis). */
  readonly adjClose: number | null;
  readonly volume: number | null;
}

/**
 * A validated daily price series: dates strictly ascending, prices positive. Read-only:
 * `loadPrices` returns the same object to every caller while the file is unchanged.
 */
export interface PriceSeries {
  readonly symbol: string;
  /** Where it was read from (a file path, `yahoo`, or a caller's label). */
  readonly source: string;
  readonly rows: readonly PriceRow[];
}

/**
 * Daily Fama-French factors as decimals (the file holds percent). Read-only: `loadFactors`
 * returns the same object to every caller while the file is unchanged.
 */
export interface FactorSeries {
  readonly source: string;
  readonly dates: readonly string[];
  readonly mktRf: readonly number[];
  readonly smb: readonly number[];
  readonly hml: readonly number[];
  readonly rf: readonly number[];
}

/**
 * Shares outstanding as published in a filing (`facts.json`, `shares_outstanding.SYMBOL`).
 *
 * `value` counts the company's shares (all classes, as the cover page gives them). When the
 * listed security is a depositary receipt standing for several shares (an ADR: TSM's ADS is
 * five TSMC common shares), `adrRatio` says how many; the market value at the listed price is
 * then `price × value / adrRatio`, i.e. `price × listedShares`. Use {@link ShareCount.listedShares},
 * never `value`, to multiply a listed price.
 *
 * @example
 * const tsm = facts.sharesOutstanding.TSM!;  // { value: 25932733242, adrRatio: 5, listedShares: 5186546648.4, ... }
 * const marketValue = 188.78 * tsm.listedShares;
 */
export interface ShareCount {
  /** Shares outstanding, in the filing's unit (`unit`, default shares of the listed class). */
  readonly value: number;
  /** Date the count is as of (`as_of`, ISO). A count as of a date after an event was published after it. */
  readonly asOf?: string;
  /** Where the count was read. */
  readonly source?: string;
  /** Date the filing was published, when `source` says "filed YYYY-MM-DD" (see `publishedAfter`). */
  readonly filed?: string;
  /** The facts file's own caveat about this count (`note`), e.g. classes valued at one price. */
  readonly note?: string;
  /** Unit of `value` as the file states it (`unit`), e.g. "common shares"; absent = shares of the listed class. */
  readonly unit?: string;
  /** Count per share class (`classes`), when the filing gives them; `value` is their sum. */
  readonly classes?: Readonly<Record<string, number>>;
  /** Shares one listed security stands for (`adr_ratio`; 5 for the TSM ADS); 1 when absent. */
  readonly adrRatio: number;
  /** The count in listed securities, `value / adrRatio`: what a listed price multiplies. */
  readonly listedShares: number;
}

/**
 * The facts file: share counts, the peers whose count is missing, wire-service figures.
 * Read-only: `loadFacts` returns the same object to every caller while the file is unchanged.
 */
export interface Facts {
  readonly sharesOutstanding: Readonly<Record<string, ShareCount>>;
  readonly sharesMissing: readonly string[];
  readonly reportedLosses: readonly { readonly value: number; readonly outlet: string; readonly basis?: string }[];
  readonly indexMoves: Readonly<Record<string, number>>;
  /** The file as read, for fields this library does not model. */
  readonly raw: Readonly<Record<string, unknown>>;
}
