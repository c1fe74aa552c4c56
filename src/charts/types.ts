/**
 * Plain-data inputs of the chart builders. They carry numbers and ISO dates only, never the
 * study's result types: the glue from a study result to these shapes lives with the study.
 *
 * Conventions: returns, abnormal returns and their bounds are fractions (`-0.1697` for −16.97 %);
 * dates are ISO `YYYY-MM-DD` trading days; `offset` is the trading-day distance to the event day
 * (0 on the event day, negative before).
 */
import type { ChartModel, Lang } from './i18n.js';

export type { ChartModel } from './i18n.js';

/** Options every builder accepts. */
export interface ChartOptions {
  /** Language of titles, axis titles, legends and number formats. Default `'en'`. */
  lang?: Lang;
}

/** Options of the charts that draw intervals: the level they were computed at. */
export interface LevelOptions {
  /**
   * Confidence level of the rows' `lo`/`hi` (the study's `confidence`), written in the legend
   * and tooltips ("99% interval", "Bande à 99 %"). Default 0.95. The builder does not recompute
   * the bounds: they must have been computed at this level.
   */
  level?: number;
}

/** One trading day of the price-path chart. */
export interface PricePathRow {
  date: string;
  offset: number;
  /** Observed close (USD). */
  close: number;
  /** Model's counterfactual close (USD): the price had the stock only followed the model. */
  counterfactual: number;
  /** Lower bound of the counterfactual's band at the chart's `level` (USD). */
  lo: number;
  /** Upper bound of the counterfactual's band at the chart's `level` (USD). */
  hi: number;
}

/** Input of {@link pricePathChart}. */
export interface PricePathInput extends ChartOptions, LevelOptions {
  /** The model the counterfactual follows, named in the title and legend. Default `'market'`. */
  model?: ChartModel;
  symbol: string;
  /** ISO date of the event day (drawn as a vertical rule). */
  eventDate: string;
  rows: readonly PricePathRow[];
}

/** One trading day of the abnormal-returns chart. */
export interface AbnormalReturnRow {
  date: string;
  offset: number;
  /** Abnormal return (fraction). */
  ar: number;
  /** Its confidence interval at the chart's `level` (fractions). */
  lo: number;
  hi: number;
}

/** Input of {@link abnormalReturnsChart}. */
export interface AbnormalReturnsInput extends ChartOptions, LevelOptions {
  symbol: string;
  rows: readonly AbnormalReturnRow[];
}

/** One trading day of the cumulative-abnormal-return chart. */
export interface CarRow {
  date: string;
  offset: number;
  /** Cumulative abnormal return up to and including this day (fraction). */
  car: number;
  /** Its interval at the chart's `level` (fractions). */
  lo: number;
  hi: number;
}

/** Input of {@link carChart}. */
export interface CarInput extends ChartOptions, LevelOptions {
  symbol: string;
  rows: readonly CarRow[];
}

/** Where a loss figure comes from: a quote in the press, or our own computation. */
export type ClaimGroup = 'quoted' | 'observed';
/** What a loss figure measures. `claim` is a quoted figure; the other three are observed. */
export type ClaimMeasure = 'claim' | 'raw' | 'expected' | 'abnormal';

/** One horizontal bar of the claims chart, in USD billions (a loss as a positive number). */
export interface ClaimBar {
  /** Axis label of the bar, e.g. `'Press: "600 milliards de dollars"'`. */
  label: string;
  group: ClaimGroup;
  measure: ClaimMeasure;
  /** USD billions. */
  value: number;
  /** Interval of the figure (USD billions), drawn as an error bar when both are present. */
  lo?: number;
  hi?: number;
  /** Free text shown in the tooltip (source, basis of the figure...). */
  note?: string;
}

/** Input of {@link claimsChart}. */
export interface ClaimsInput extends ChartOptions {
  title?: string;
  /** Bars from top to bottom, in this order. */
  bars: readonly ClaimBar[];
}

/** One estimation-window day of the scatter: market return `x`, firm return `y` (fractions). */
export interface ScatterPoint {
  date: string;
  x: number;
  y: number;
}

/** Input of {@link estimationScatterChart}. */
export interface EstimationScatterInput extends ChartOptions {
  /** The firm (y axis). */
  symbol: string;
  /** The market proxy (x axis). */
  market: string;
  points: readonly ScatterPoint[];
  /**
   * Intercept (fraction per day) and slope of the model's line y = alpha + beta x: the fitted
   * line of the market model, y = x for market-adjusted (0, 1), y = mean for constant-mean
   * (mean, 0). The Fama-French model has no such line and no scatter.
   */
  alpha: number;
  beta: number;
  /** The model, which names the line and the subtitle. Default `'market'`. */
  model?: Exclude<ChartModel, 'ff3'>;
  /** The event day, highlighted and labelled. */
  event: ScatterPoint;
}

/** One peer on the event day (fractions). */
export interface PeerRow {
  symbol: string;
  /** Raw return on the event day. */
  ret: number;
  /** Abnormal return on the event day, when a model was fitted. */
  ar?: number;
}

/** Input of {@link peersChart}. */
export interface PeersInput extends ChartOptions {
  title?: string;
  rows: readonly PeerRow[];
}

/** Input of {@link distributionChart}. */
export interface DistributionInput extends ChartOptions {
  title?: string;
  /** Simulated (bootstrap, placebo, permutation...) values. */
  values: readonly number[];
  /** The observed value, marked by a rule. */
  observed: number;
  /** Text of the marker, e.g. `'27 Jan 2025'`; the formatted value is appended. */
  label: string;
  /** How the values read: fractions shown as percent (default) or plain numbers. */
  format?: 'percent' | 'number';
  /** Line under the title. Default: "N simulated values" / "N valeurs simulées". */
  subtitle?: string;
  /** Title of the x axis. Default: "Value" / "Valeur". */
  xTitle?: string;
  /** Number of histogram bins. Default: √n clamped to 10..60. */
  bins?: number;
}
