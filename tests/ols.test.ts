import { describe, expect, it } from 'vitest';
import { ols } from '../src/models/ols.js';
import { fitModel, modelName } from '../src/models/fit.js';
import { studentQuantile, studentTwoSidedP } from '../src/stats/distributions.js';
import { ModelError } from '../src/errors.js';
import { expectClose } from './helpers.js';

describe('ols (hand-computed)', () => {
  // x = 0..3, y = 1, 3, 2, 5: mean x 1.5, Sxx 5, Sxy 5.5 -> b = 1.1, a = 2.75 - 1.1 * 1.5 = 1.1;
  // residuals -0.1, 0.8, -1.3, 0.6 -> SSR 2.7; SST 8.75 -> R² = 1 - 2.7/8.75.
  const fit = ols([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5]);
  it('coefficients, residuals, SSR, R²', () => {
    expectClose(fit.coef[0], 1.1, 1e-14);
    expectClose(fit.coef[1], 1.1, 1e-14);
    fit.residuals.forEach((e, i) => expectClose(e, [-0.1, 0.8, -1.3, 0.6][i], 1e-13, 1e-14));
    expectClose(fit.ssr, 2.7, 1e-13);
    expectClose(fit.r2, 1 - 2.7 / 8.75, 1e-13);
  });
  it("(X'X)^-1 = [[sum x²/(n Sxx), -mean/Sxx], [-mean/Sxx, 1/Sxx]]", () => {
    const expected = [[14 / 20, -0.3], [-0.3, 0.2]];
    fit.xtxInv.forEach((row, i) => row.forEach((v, j) => expectClose(v, expected[i]![j], 1e-13, 1e-15)));
  });
  it('an exact fit through three factors recovers them', () => {
    const X = [[1, 1, 0, 2], [1, 0, 1, 1], [1, 2, 1, 0], [1, 3, 5, 1], [1, -1, 2, 2]];
    const b = [0.5, -2, 3, 0.25];
    const f = ols(X, X.map((r) => r.reduce((s, x, j) => s + x * b[j]!, 0)));
    f.coef.forEach((c, j) => expectClose(c, b[j], 1e-12, 1e-13));
    expect(f.ssr).toBeLessThan(1e-24);
  });
  it('refuses a constant regressor and too few rows', () => {
    expect(() => ols([[1, 2], [1, 2], [1, 2]], [1, 2, 3])).toThrow(ModelError);
    expect(() => ols([[1, 0], [1, 1]], [1, 2])).toThrow(/2 observations cannot fit 2 parameters/);
  });
});

describe('Student t (textbook table values, scipy to 16 digits)', () => {
  it('two-sided p-values', () => {
    expectClose(studentTwoSidedP(2.0, 10), 0.07338803477074037, 1e-12);
    expectClose(studentTwoSidedP(-5.15, 248), 5.310598215783144e-7, 1e-9);
    expect(studentTwoSidedP(0, 5)).toBe(1);
  });
  it('quantiles', () => {
    expectClose(studentQuantile(0.975, 10), 2.228138851986274, 1e-12); // table: 2.228
    expectClose(studentQuantile(0.975, 248), 1.969575653626095, 1e-12);
  });
});

describe('models', () => {
  const days = [0.01, -0.02, 0.015, 0.003, -0.007, 0.012, -0.004, 0.02, -0.011, 0.006].map((m, i) => ({ market: m, firm: 1.5 * m + [0.001, -0.002, 0.0005, 0.003, -0.001, 0.002, -0.0025, 0.0015, -0.0005, 0.001][i]! }));
  it('market model: sigma² = SSR/(n-2); day variance has the forecast-error term', () => {
    const m = fitModel('market', days);
    const f = ols(days.map((d) => [1, d.market]), days.map((d) => d.firm));
    expectClose(m.sigma ** 2, f.ssr / 8, 1e-12);
    expect(m.df).toBe(8);
    const mean = days.reduce((s, d) => s + d.market, 0) / 10;
    const sxx = days.reduce((s, d) => s + (d.market - mean) ** 2, 0);
    const day = { market: 0.05, firm: 0 };
    expectClose(m.variance([day], [1]), (f.ssr / 8) * (1 + 1 / 10 + (0.05 - mean) ** 2 / sxx), 1e-12);
  });
  it('constant-mean: sample variance (n-1) plus sigma²/n for the estimated mean; market-adjusted: no correction', () => {
    const firm = days.map((d) => d.firm);
    const mean = firm.reduce((a, b) => a + b, 0) / 10;
    const s2 = firm.reduce((a, b) => a + (b - mean) ** 2, 0) / 9;
    const cm = fitModel('constant-mean', days);
    expectClose(cm.sigma ** 2, s2, 1e-12);
    // CLM §4.4.2: V = s² (I + 1 1'/n), so a 3-day CAR has variance s² (3 + 9/10).
    expectClose(cm.variance(days.slice(0, 3), [1, 1, 1]), s2 * (3 + 9 / 10), 1e-12);
    expectClose(cm.variance(days.slice(0, 1), [1]), s2 * (1 + 1 / 10), 1e-12);
    expectClose(cm.expected({ firm: 0, market: 9 }), mean, 1e-12);
    const ma = fitModel('market-adjusted', days);
    expect(ma.expected({ firm: 0, market: 0.0123 })).toBe(0.0123);
    expect(ma.df).toBe(9);
  });
  it("covariance: its diagonal is each day's variance and 1'V1 is the CAR variance, for every model", () => {
    const window = [{ market: 0.05, firm: 0 }, { market: -0.01, firm: 0 }, { market: 0.002, firm: 0 }];
    for (const name of ['market', 'constant-mean', 'market-adjusted'] as const) {
      const m = fitModel(name, days);
      const V = m.covariance(window);
      window.forEach((d, i) => expectClose(V[i * 3 + i], m.variance([d], [1]), 1e-13));
      expectClose(V.reduce((a, b) => a + b, 0), m.variance(window, [1, 1, 1]), 1e-13);
      expectClose(V[1], V[3], 1e-15); // symmetric
      const w = [2, -1, 0.5];
      let wVw = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) wVw += w[i]! * V[i * 3 + j]! * w[j]!;
      expectClose(wVw, m.variance(window, w), 1e-13);
    }
  });
  it('model names: aliases, and a clear error for unknown ones', () => {
    expect(modelName('Market')).toBe('market');
    expect(modelName('fama-french')).toBe('ff3');
    expect(() => modelName('capm')).toThrow(/unknown model "capm" \(expected one of: market, market-adjusted, constant-mean, ff3\)/);
  });
  it('ff3 needs factors', () => {
    expect(() => fitModel('ff3', days)).toThrow(/ff3 model needs the mktRf factor/);
  });
});
