/** One trading day of a recorded price file (`date,open,high,low,close,adj_close,volume`). */
export interface PriceRow {
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  /** As-traded close (split-adjusted, not dividend-adjusted); for an index, its level. */
  close: number | null;
  /** Split- and dividend-adjusted close (total-return basis). */
  adjClose: number | null;
  volume: number | null;
}

/** A validated daily price series: dates strictly ascending, prices positive. */
export interface PriceSeries {
  symbol: string;
  /** Where it was read from (a file path, `yahoo`, or a caller's label). */
  source: string;
  rows: PriceRow[];
}

/** Daily Fama-French factors as decimals (the file holds percent). */
export interface FactorSeries {
  source: string;
  dates: string[];
  mktRf: number[];
  smb: number[];
  hml: number[];
  rf: number[];
}

/** Shares outstanding as published in a filing. */
export interface ShareCount {
  value: number;
  asOf?: string;
  source?: string;
}

/** The facts file: share counts, the peers whose count is missing, wire-service figures. */
export interface Facts {
  sharesOutstanding: Record<string, ShareCount>;
  sharesMissing: string[];
  reportedLosses: { value: number; outlet: string; basis?: string }[];
  indexMoves: Record<string, number>;
  /** The file as read, for fields this library does not model. */
  raw: Record<string, unknown>;
}
