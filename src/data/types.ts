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

/** Shares outstanding as published in a filing. */
export interface ShareCount {
  readonly value: number;
  readonly asOf?: string;
  readonly source?: string;
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
