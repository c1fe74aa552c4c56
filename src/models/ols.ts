import { ModelError } from '../errors.js';

/** An ordinary least-squares fit `y = X b + e`. */
export interface OlsFit {
  /** Coefficients `b`, one per column of X. */
  coef: number[];
  /** Residuals `y - X b`. */
  residuals: number[];
  /** Sum of squared residuals. */
  ssr: number;
  /** Observations and columns. */
  n: number;
  k: number;
  /** `(X'X)^{-1}`, k by k. */
  xtxInv: number[][];
  /** Centered R² `1 - SSR / sum (y - mean y)²` (meaningful when X holds an intercept). */
  r2: number;
}

/**
 * Least squares by Householder QR (Golub & Van Loan, *Matrix Computations*, 4th ed., §5.3),
 * which avoids squaring the condition number as the normal equations would. `X` is given
 * row by row. Throws a `ModelError` when X does not have full column rank (for instance a
 * benchmark whose returns never vary).
 *
 * @example
 * const fit = ols([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
 * fit.coef; // [1, 2]
 */
export function ols(X: readonly (readonly number[])[], y: readonly number[]): OlsFit {
  const n = X.length;
  const k = X[0]?.length ?? 0;
  if (n !== y.length) throw new ModelError(`internal: ${n} rows of regressors for ${y.length} returns`);
  const columns = Array.from({ length: k }, (_, j) => Float64Array.from(X, (row) => row[j] ?? NaN));
  return olsColumns(columns, Float64Array.from(y));
}

/**
 * {@link ols} with X given column by column (what QR works on; no copy of the rows is made).
 * The columns and `y` are not changed.
 *
 * @example
 * olsColumns([Float64Array.of(1, 1, 1), Float64Array.of(0, 1, 2)], Float64Array.of(1, 3, 5)).coef; // [1, 2]
 */
export function olsColumns(X: readonly Float64Array[], y: Float64Array): OlsFit {
  const k = X.length;
  const n = y.length;
  if (X.some((c) => c.length !== n)) throw new ModelError(`internal: regressors of ${X.map((c) => c.length).join('/')} rows for ${n} returns`);
  if (n <= k) throw new ModelError(`${n} observations cannot fit ${k} parameters`);
  // Work on copies: a[j][i] is row i, column j; they become R (upper part) and the reflectors.
  const a = X.map((c) => Float64Array.from(c));
  const qty = Float64Array.from(y);
  const scale = a.map((col) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += col[i]! * col[i]!;
    return Math.sqrt(s);
  });
  const v = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const col = a[j]!;
    let norm = 0;
    for (let i = j; i < n; i++) norm += col[i]! * col[i]!;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12 * (scale[j] || 1)) || !Number.isFinite(norm)) {
      throw new ModelError('the regressors are collinear or constant over the estimation window (cannot fit the model)');
    }
    const alpha = col[j]! > 0 ? -norm : norm;
    // v = x - alpha e1 (rows j..n-1); H = I - 2 v v' / (v'v).
    const len = n - j;
    for (let i = 0; i < len; i++) v[i] = col[j + i]!;
    v[0]! -= alpha;
    let vtv = 0;
    for (let i = 0; i < len; i++) vtv += v[i]! * v[i]!;
    const reflect = (target: Float64Array) => {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += v[i]! * target[j + i]!;
      const f = (2 * dot) / vtv;
      for (let i = 0; i < len; i++) target[j + i]! -= f * v[i]!;
    };
    for (let c = j; c < k; c++) reflect(a[c]!);
    reflect(qty);
  }
  // Back-substitution R b = (Q'y)[0..k).
  const R = (i: number, j: number) => a[j]![i]!;
  const coef = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = qty[i]!;
    for (let j = i + 1; j < k; j++) s -= R(i, j) * coef[j]!;
    coef[i] = s / R(i, i);
  }
  // (X'X)^{-1} = R^{-1} R^{-T}.
  const Rinv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0;
      for (let j = i + 1; j <= c; j++) s -= R(i, j) * Rinv[j]![c]!;
      Rinv[i]![c] = s / R(i, i);
    }
  }
  const xtxInv = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let m = Math.max(i, j); m < k; m++) s += Rinv[i]![m]! * Rinv[j]![m]!;
      return s;
    }),
  );
  const residuals = new Array<number>(n);
  let ssr = 0;
  let ysum = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += X[j]![i]! * coef[j]!;
    const e = y[i]! - fitted;
    residuals[i] = e;
    ssr += e * e;
    ysum += y[i]!;
  }
  const ybar = ysum / n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (y[i]! - ybar) ** 2;
  return { coef, residuals, ssr, n, k, xtxInv, r2: sst > 0 ? 1 - ssr / sst : NaN };
}

/** The quadratic form `u' M u`. */
export function quadraticForm(M: readonly (readonly number[])[], u: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) s += u[i]! * M[i]![j]! * u[j]!;
  return s;
}
