/**
 * The trials of the counterfactual simulation: the firm's forecast errors over the event window
 * had there been no news, with the parameters' estimation error.
 *
 * Each trial follows the residual bootstrap for prediction of Davison & Hinkley (1997, *Bootstrap
 * Methods and their Application*, Cambridge, §6.3.3, Algorithm 6.4): draw n errors `e*` for the
 * estimation days and refit, `b* - b = (X'X)^{-1} X' e*` (X fixed, so the refit is the k x n
 * matrix `A = (X'X)^{-1}X'` times e*), then draw one error `eps*_t` per event day; the simulated
 * forecast error is `u*_t = eps*_t - x_t'(b* - b)`, and the no-news return is `E[R_t] + u*_t`.
 * Its variance is `sigma² (1 + x_t'(X'X)^{-1}x_t)`, the analytic forecast-error variance (CLM 1997
 * eq. 4.4.8), because the errors have variance sigma² and `A A' = (X'X)^{-1}`.
 *
 * Errors are drawn either from the estimation residuals (`bootstrap`: uniformly with replacement
 * from the modified residuals, see `counterfactual.ts`) or from a Student t scaled to the residual
 * sigma (`t`: `sigma sqrt((nu - 2)/nu) T_nu`). Draw order within a trial: the n refit errors,
 * then the L event-day errors.
 *
 * @module
 */
import { RandomStream } from './random.js';

/** What each trial needs (plain typed arrays: sent once to the worker threads). */
export interface CounterfactualPayload {
  seed: number;
  method: 'bootstrap' | 't';
  /** Student t degrees of freedom (method `t`). */
  nu: number;
  /** Estimation days n, regressors k (0 for the market-adjusted model), event days L. */
  n: number;
  k: number;
  L: number;
  /** `(X'X)^{-1} X'`, k x n row-major. */
  A: Float64Array;
  /** The bootstrap pool: centred modified residuals with mean square sigma² (n values). */
  pool: Float64Array;
  /** Scale of the t errors: `sigma sqrt((nu - 2)/nu)`, so their variance is sigma². */
  tScale: number;
  /** The event days' regressors, L x k row-major. */
  xStar: Float64Array;
}

/** The simulated forecast errors of trials `from..to-1`, trial-major (trials x L). */
export interface CounterfactualChunk {
  from: number;
  to: number;
  errors: Float64Array;
}

/**
 * Run trials `from..to-1`. Nothing is allocated per trial.
 *
 * @example
 * const chunk = runCounterfactualTrials(payload, 0, 1000);
 * chunk.errors[t * payload.L + d]; // trial t's forecast error on event day d
 */
export function runCounterfactualTrials(p: CounterfactualPayload, from: number, to: number, onProgress?: (done: number) => void): CounterfactualChunk {
  const { n, k, L, A, pool, xStar, tScale, nu } = p;
  const errors = new Float64Array((to - from) * L);
  const rng = new RandomStream(p.seed, from);
  const db = new Float64Array(k);
  const boot = p.method === 'bootstrap';
  for (let t = from; t < to; t++) {
    rng.reseed(p.seed, t);
    db.fill(0);
    for (let i = 0; i < n; i++) {
      const e = boot ? pool[rng.int(n)]! : tScale * rng.studentT(nu);
      for (let c = 0; c < k; c++) db[c] = db[c]! + A[c * n + i]! * e;
    }
    const o = (t - from) * L;
    for (let d = 0; d < L; d++) {
      const eps = boot ? pool[rng.int(n)]! : tScale * rng.studentT(nu);
      let xdb = 0;
      for (let c = 0; c < k; c++) xdb += xStar[d * k + c]! * db[c]!;
      errors[o + d] = eps - xdb;
    }
    if (onProgress && ((t - from + 1) & 255) === 0) onProgress(t - from + 1);
  }
  if (onProgress) onProgress(to - from);
  return { from, to, errors };
}
