/** The return models the library fits. */
export type ModelName = 'market' | 'market-adjusted' | 'constant-mean' | 'ff3';

/** The names accepted for each model (the first is canonical). */
export const MODEL_NAMES: Record<ModelName, readonly string[]> = {
  market: ['market', 'market-model', 'ols'],
  'market-adjusted': ['market-adjusted', 'marketadjusted', 'adjusted'],
  'constant-mean': ['constant-mean', 'mean', 'constant'],
  ff3: ['ff3', 'fama-french', 'fama-french-3'],
};

/** What a model sees of one trading day. Factors are present only for the ff3 model. */
export interface ModelDay {
  /** The firm's return. */
  firm: number;
  /** The benchmark's return. */
  market: number;
  /** Fama-French factors (decimals) for the day. */
  mktRf?: number;
  smb?: number;
  hml?: number;
  rf?: number;
}

/**
 * The estimation-window days as columns, one entry per day (days without a return left out).
 * The factors (decimals) are needed by the ff3 model only.
 */
export interface ModelColumns {
  firm: Float64Array;
  market: Float64Array;
  mktRf?: Float64Array;
  smb?: Float64Array;
  hml?: Float64Array;
  rf?: Float64Array;
}

/** A fitted coefficient with its inference, as in a statsmodels results table. */
export interface Coefficient {
  name: string;
  value: number;
  se: number;
  t: number;
  p: number;
  lo: number;
  hi: number;
}

/**
 * What a linear model was fitted on: its regressors by day, the estimation-window columns and
 * `(X'X)^{-1}`. Resampling (the counterfactual simulation) refits from these without going back
 * to the prices.
 */
export interface ModelDesign {
  /** The regressors of a day, intercept first. */
  x(day: ModelDay): number[];
  /** The regressor columns over the estimation days (intercept first). */
  columns: readonly Float64Array[];
  /** `(X'X)^{-1}`, k by k. */
  xtxInv: readonly (readonly number[])[];
}

/** A return model fitted on an estimation window. */
export interface FittedModel {
  name: ModelName;
  /** Days in the estimation window. */
  n: number;
  /** Degrees of freedom of the abnormal-return t-statistics. */
  df: number;
  /** Standard deviation of the estimation-window abnormal returns (see the model for its divisor). */
  sigma: number;
  /** Intercept (0 for market-adjusted) and market beta (1 for market-adjusted, 0 for constant-mean). */
  alpha: number;
  beta: number;
  /** R² of the regression; `null` for models without one. */
  r2: number | null;
  /** Estimated coefficients; empty for market-adjusted, which estimates none. */
  coefficients: Coefficient[];
  /** Estimation-window residuals (abnormal returns), in order. */
  residuals: number[];
  /** The regression behind the fit; null for market-adjusted, which estimates nothing. */
  design: ModelDesign | null;
  /** The expected (normal) return of a day. */
  expected(day: ModelDay): number;
  /**
   * The variance of `sum_t w_t AR_t` over event-window days, counting the estimation error of the
   * parameters where the model's convention does (Campbell, Lo & MacKinlay 1997, eq. 4.4.8-4.4.9).
   */
  variance(days: readonly ModelDay[], weights: readonly number[]): number;
  /**
   * The variances of the running sums `AR_1`, `AR_1 + AR_2`, ... over `days`: what
   * `variance(days.slice(0, k + 1), ones)` gives for each k, computed in one pass.
   */
  prefixVariances(days: readonly ModelDay[]): Float64Array;
  /**
   * The covariance matrix of the abnormal returns of `days` (L by L, row-major), with the
   * parameters' estimation error where the model's convention counts it:
   * `sigma² (I + X* (X'X)^{-1} X*')` (CLM 1997 eq. 4.4.8). Its diagonal holds the daily variances.
   */
  covariance(days: readonly ModelDay[]): Float64Array;
}
