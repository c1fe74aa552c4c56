import { sampleVariance } from 'simple-statistics';
import { ModelError } from '../errors.js';
import { tInference } from '../stats/distributions.js';
import { ols, quadraticForm } from './ols.js';
import { MODEL_NAMES, type Coefficient, type FittedModel, type ModelDay, type ModelName } from './types.js';

/**
 * Resolve a user-supplied model name (case-insensitive, aliases allowed).
 *
 * @example
 * modelName('Market'); // 'market'
 * modelName('capm');   // throws ModelError: unknown model "capm" ...
 */
export function modelName(name: string): ModelName {
  const key = name.trim().toLowerCase();
  for (const [canonical, aliases] of Object.entries(MODEL_NAMES)) {
    if (aliases.includes(key)) return canonical as ModelName;
  }
  throw new ModelError(`unknown model "${name}" (expected one of: ${Object.keys(MODEL_NAMES).join(', ')})`);
}

/** How a linear model reads a day: regressors (with intercept), the regressand, and what is added back. */
interface LinearSpec {
  name: ModelName;
  names: string[];
  x(day: ModelDay): number[];
  y(day: ModelDay): number;
  /** Added to `x'b` to give the expected return (the risk-free rate for ff3). */
  offset(day: ModelDay): number;
  /** Whether the variance counts parameter estimation error (the forecast-error correction). */
  correct: boolean;
}

function factor(day: ModelDay, key: 'mktRf' | 'smb' | 'hml' | 'rf'): number {
  const v = day[key];
  if (v === undefined) throw new ModelError(`the ff3 model needs the ${key} factor for every day`);
  return v;
}

const LINEAR: Record<Exclude<ModelName, 'market-adjusted'>, LinearSpec> = {
  // Market model R_t = a + b Rm_t + e_t (CLM 1997 §4.3.2), sigma² = SSR / (n - 2).
  market: { name: 'market', names: ['alpha', 'beta'], x: (d) => [1, d.market], y: (d) => d.firm, offset: () => 0, correct: true },
  // Constant-mean R_t = mu + e_t (CLM §4.3.1); sigma is the sample standard deviation (n - 1).
  'constant-mean': { name: 'constant-mean', names: ['mean'], x: () => [1], y: (d) => d.firm, offset: () => 0, correct: false },
  // Fama-French (1993) three-factor model on excess returns: R - rf = a + b MKT + s SMB + h HML + e.
  ff3: {
    name: 'ff3',
    names: ['alpha', 'mkt_rf', 'smb', 'hml'],
    x: (d) => [1, factor(d, 'mktRf'), factor(d, 'smb'), factor(d, 'hml')],
    y: (d) => d.firm - factor(d, 'rf'),
    offset: (d) => factor(d, 'rf'),
    correct: true,
  },
};

function fitLinear(spec: LinearSpec, days: readonly ModelDay[], level: number): FittedModel {
  const X = days.map(spec.x);
  const fit = ols(X, days.map(spec.y));
  const df = fit.n - fit.k;
  const sigma2 = fit.ssr / df;
  const coefficients: Coefficient[] = fit.coef.map((value, j) => ({
    name: spec.names[j] ?? `x${j}`,
    value,
    ...tInference(value, Math.sqrt(sigma2 * fit.xtxInv[j]![j]!), df, level),
  }));
  const dot = (x: number[]) => x.reduce((s, v, j) => s + v * fit.coef[j]!, 0);
  return {
    name: spec.name,
    n: fit.n,
    df,
    sigma: Math.sqrt(sigma2),
    alpha: fit.coef[0]!,
    beta: spec.name === 'constant-mean' ? 0 : fit.coef[1]!,
    r2: spec.name === 'constant-mean' ? null : fit.r2,
    coefficients,
    residuals: fit.residuals,
    expected: (day) => spec.offset(day) + dot(spec.x(day)),
    // Var(sum w_t AR_t) = sigma² (sum w_t² + s'(X'X)^{-1}s), s = sum w_t x_t: the weighted form of
    // 1' sigma² (I + X*(X'X)^{-1}X*') 1 (CLM eq. 4.4.8 and 4.4.12).
    variance: (window, weights) => {
      const sumW2 = weights.reduce((s, w) => s + w * w, 0);
      if (!spec.correct) return sigma2 * sumW2;
      const s = new Array<number>(fit.k).fill(0);
      window.forEach((d, t) => spec.x(d).forEach((v, j) => (s[j]! += (weights[t] ?? 0) * v)));
      return sigma2 * (sumW2 + quadraticForm(fit.xtxInv, s));
    },
  };
}

/** Market-adjusted model: AR = R - Rm, sigma the sample standard deviation (n - 1) of the estimation ARs. */
function fitMarketAdjusted(days: readonly ModelDay[]): FittedModel {
  const n = days.length;
  if (n < 2) throw new ModelError(`${n} estimation days cannot give a standard deviation`);
  const ar = days.map((d) => d.firm - d.market);
  const sigma2 = sampleVariance(ar);
  return {
    name: 'market-adjusted',
    n,
    df: n - 1,
    sigma: Math.sqrt(sigma2),
    alpha: 0,
    beta: 1,
    r2: null,
    coefficients: [],
    residuals: ar,
    expected: (day) => day.market,
    variance: (_window, weights) => sigma2 * weights.reduce((s, w) => s + w * w, 0),
  };
}

/**
 * Fit a return model on the estimation-window days.
 *
 * - `market`: OLS of R on Rm; `sigma² = SSR/(n-2)`; abnormal-return variances include the
 *   forecast-error term `1/n + (Rm_t - mean Rm)²/Sxx` (CLM 1997 eq. 4.4.7-4.4.9); df `n-2`.
 * - `ff3`: OLS of R - rf on the three factors; `sigma² = SSR/(n-4)`; same correction; df `n-4`.
 * - `constant-mean`, `market-adjusted`: sample standard deviation (n-1) of the estimation-window
 *   abnormal returns, no correction; df `n-1`.
 *
 * @example
 * const m = fitModel('market', days);
 * m.beta; m.sigma; m.expected({ firm: NaN, market: -0.0146 });
 */
export function fitModel(name: ModelName, days: readonly ModelDay[], level = 0.95): FittedModel {
  if (name === 'market-adjusted') return fitMarketAdjusted(days);
  return fitLinear(LINEAR[name], days, level);
}
