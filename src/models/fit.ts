import { sampleVariance } from 'simple-statistics';
import { ModelError } from '../errors.js';
import { tInference } from '../stats/distributions.js';
import { olsColumns, quadraticForm } from './ols.js';
import { MODEL_NAMES, type Coefficient, type FittedModel, type ModelColumns, type ModelDay, type ModelName } from './types.js';

/**
 * Resolve a user-supplied model name (case-insensitive, aliases allowed).
 *
 * @example
 * modelName('Market'); // 'market'
 * modelName('capm');   // throws ModelError: unknown model "capm" ...
 */
export function modelName(name: string): ModelName {
  const key = String(name).trim().toLowerCase();
  for (const [canonical, aliases] of Object.entries(MODEL_NAMES)) {
    if (aliases.includes(key)) return canonical as ModelName;
  }
  throw new ModelError(`unknown model "${name}" (expected one of: ${Object.keys(MODEL_NAMES).join(', ')})`);
}

type FactorKey = 'mktRf' | 'smb' | 'hml' | 'rf';

/** How a linear model reads the data: regressors (with intercept), the regressand, and what is added back. */
interface LinearSpec {
  name: ModelName;
  names: string[];
  /** The regressors of one day (event-window days). */
  x(day: ModelDay): number[];
  /** The regressor columns and the regressand over the estimation days. */
  columns(data: ModelColumns): { X: Float64Array[]; y: Float64Array };
  /** Added to `x'b` to give the expected return (the risk-free rate for ff3). */
  offset(day: ModelDay): number;
  /** Whether the variance counts parameter estimation error (the forecast-error correction). */
  correct: boolean;
}

function factor(day: ModelDay, key: FactorKey): number {
  const v = day[key];
  if (v === undefined) throw new ModelError(`the ff3 model needs the ${key} factor for every day`);
  return v;
}

function factorColumn(data: ModelColumns, key: FactorKey): Float64Array {
  const v = data[key];
  if (v === undefined) throw new ModelError(`the ff3 model needs the ${key} factor for every day`);
  return v;
}

const ones = (n: number) => new Float64Array(n).fill(1);

const LINEAR: Record<Exclude<ModelName, 'market-adjusted'>, LinearSpec> = {
  // Market model R_t = a + b Rm_t + e_t (CLM 1997 §4.3.2), sigma² = SSR / (n - 2).
  market: {
    name: 'market',
    names: ['alpha', 'beta'],
    x: (d) => [1, d.market],
    columns: (c) => ({ X: [ones(c.firm.length), c.market], y: c.firm }),
    offset: () => 0,
    correct: true,
  },
  // Constant-mean R_t = mu + e_t (CLM §4.3.1); sigma is the sample standard deviation (n - 1).
  // The estimated mean adds sigma²/n to a day's variance: V = sigma² (I + 1 1'/n) (CLM §4.4.2).
  'constant-mean': {
    name: 'constant-mean',
    names: ['mean'],
    x: () => [1],
    columns: (c) => ({ X: [ones(c.firm.length)], y: c.firm }),
    offset: () => 0,
    correct: true,
  },
  // Fama-French (1993) three-factor model on excess returns: R - rf = a + b MKT + s SMB + h HML + e.
  ff3: {
    name: 'ff3',
    names: ['alpha', 'mkt_rf', 'smb', 'hml'],
    x: (d) => [1, factor(d, 'mktRf'), factor(d, 'smb'), factor(d, 'hml')],
    columns: (c) => {
      const X = [ones(c.firm.length), factorColumn(c, 'mktRf'), factorColumn(c, 'smb'), factorColumn(c, 'hml')];
      const rf = factorColumn(c, 'rf');
      return { X, y: c.firm.map((r, i) => r - rf[i]!) };
    },
    offset: (d) => factor(d, 'rf'),
    correct: true,
  },
};

function fitLinear(spec: LinearSpec, data: ModelColumns, level: number): FittedModel {
  const { X, y } = spec.columns(data);
  const fit = olsColumns(X, y);
  const df = fit.n - fit.k;
  const sigma2 = fit.ssr / df;
  const coefficients: Coefficient[] = fit.coef.map((value, j) => ({
    name: spec.names[j] ?? `x${j}`,
    value,
    ...tInference(value, Math.sqrt(sigma2 * fit.xtxInv[j]![j]!), df, level),
  }));
  const dot = (x: number[]) => x.reduce((s, v, j) => s + v * fit.coef[j]!, 0);
  const s = new Float64Array(fit.k);
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
    design: { x: spec.x, columns: X, xtxInv: fit.xtxInv },
    expected: (day) => spec.offset(day) + dot(spec.x(day)),
    // Var(sum w_t AR_t) = sigma² (sum w_t² + s'(X'X)^{-1}s), s = sum w_t x_t: the weighted form of
    // 1' sigma² (I + X*(X'X)^{-1}X*') 1 (CLM eq. 4.4.8 and 4.4.12).
    variance: (window, weights) => {
      let sumW2 = 0;
      for (const w of weights) sumW2 += w * w;
      if (!spec.correct) return sigma2 * sumW2;
      s.fill(0);
      window.forEach((d, t) => spec.x(d).forEach((v, j) => (s[j]! += (weights[t] ?? 0) * v)));
      return sigma2 * (sumW2 + quadraticForm(fit.xtxInv, s));
    },
    covariance: (window) => {
      const L = window.length;
      const out = new Float64Array(L * L);
      const xs = spec.correct ? window.map((d) => spec.x(d)) : [];
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          let q = 0;
          if (spec.correct) {
            const xi = xs[i]!;
            const xj = xs[j]!;
            for (let a = 0; a < fit.k; a++) for (let b = 0; b < fit.k; b++) q += xi[a]! * fit.xtxInv[a]![b]! * xj[b]!;
          }
          out[i * L + j] = sigma2 * ((i === j ? 1 : 0) + q);
        }
      }
      return out;
    },
    // The same sums, accumulated day by day (unit weights), so each prefix costs one step.
    prefixVariances: (window) => {
      const out = new Float64Array(window.length);
      s.fill(0);
      window.forEach((d, t) => {
        if (spec.correct) spec.x(d).forEach((v, j) => (s[j]! += 1 * v));
        out[t] = sigma2 * (spec.correct ? t + 1 + quadraticForm(fit.xtxInv, s) : t + 1);
      });
      return out;
    },
  };
}

/** Market-adjusted model: AR = R - Rm, sigma the sample standard deviation (n - 1) of the estimation ARs. */
function fitMarketAdjusted(data: ModelColumns): FittedModel {
  const n = data.firm.length;
  if (n < 2) throw new ModelError(`${n} estimation days cannot give a standard deviation`);
  const ar = Array.from(data.firm, (r, i) => r - data.market[i]!);
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
    design: null,
    expected: (day) => day.market,
    variance: (_window, weights) => sigma2 * weights.reduce((s, w) => s + w * w, 0),
    prefixVariances: (window) => Float64Array.from(window, (_, t) => sigma2 * (t + 1)),
    covariance: (window) => {
      const L = window.length;
      const out = new Float64Array(L * L);
      for (let i = 0; i < L; i++) out[i * L + i] = sigma2;
      return out;
    },
  };
}

/** Estimation days as columns (what the fit works on). */
export function toColumns(days: readonly ModelDay[]): ModelColumns {
  const col = (key: keyof ModelDay) => (days.every((d) => d[key] !== undefined) ? Float64Array.from(days, (d) => d[key]!) : undefined);
  return { firm: col('firm')!, market: col('market')!, mktRf: col('mktRf'), smb: col('smb'), hml: col('hml'), rf: col('rf') };
}

/**
 * Fit a return model on the estimation-window days (as columns, or day by day).
 *
 * - `market`: OLS of R on Rm; `sigma² = SSR/(n-2)`; abnormal-return variances include the
 *   forecast-error term `1/n + (Rm_t - mean Rm)²/Sxx` (CLM 1997 eq. 4.4.7-4.4.9); df `n-2`.
 * - `ff3`: OLS of R - rf on the three factors; `sigma² = SSR/(n-4)`; same correction; df `n-4`.
 * - `constant-mean`: sample standard deviation (n-1) of the estimation-window returns, plus the
 *   mean's estimation error `sigma²/n` (CLM §4.4.2); df `n-1`.
 * - `market-adjusted`: sample standard deviation (n-1) of `R - Rm` over the estimation window;
 *   nothing is estimated, so no correction; df `n-1`.
 *
 * @example
 * const m = fitModel('market', { firm: Float64Array.of(...), market: Float64Array.of(...) });
 * m.beta; m.sigma; m.expected({ firm: NaN, market: -0.0146 });
 */
export function fitModel(name: ModelName, data: ModelColumns | readonly ModelDay[], level = 0.95): FittedModel {
  const columns = Array.isArray(data) ? toColumns(data as readonly ModelDay[]) : (data as ModelColumns);
  if (name === 'market-adjusted') return fitMarketAdjusted(columns);
  return fitLinear(LINEAR[name], columns, level);
}
