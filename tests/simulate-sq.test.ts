// The SQ test (Gelbach, Helland & Klick 2013) on tiny hand-made residual sets, worked out by hand.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { sqCarTest, sqTest, windowSums } from '../src/simulate/sq.js';
import { binomialCdfAt } from '../src/stats/distributions.js';
import { clopperPearson, quantileSorted } from '../src/simulate/summary.js';

// Ten residuals, given out of order: sorted they are -3, -2, -1, 0, 1, 2, 3, 4, 5, 6.
const R = [3, -1, 6, 0, -3, 5, 1, -2, 4, 2];

describe('sqTest', () => {
  it('uses order statistics as critical values: at 20 % with n = 10, the smallest and the largest', () => {
    // ceil(10 * 0.1) = 1: lower = x_(1) = -3, upper = x_(10) = 6.
    const r = sqTest(R, -4, 0.2);
    expect([r.lower, r.upper, r.n]).toEqual([-3, 6, 10]);
    expect(r.reject).toBe(true);
    expect(r.p).toBe(0); // no residual at or below -4
    expect(r.quantile).toBe(0);
  });

  it('does not reject at a critical value itself, and gives the empirical two-sided p', () => {
    // -3: #{x <= -3} = 1, #{x >= -3} = 10 -> p = 2 * 1 / 10 = 0.2, not below 0.2.
    const r = sqTest(R, -3, 0.2);
    expect(r.reject).toBe(false);
    expect(r.p).toBeCloseTo(0.2, 15);
    // 6.5 is above every residual: p = 0, reject.
    expect(sqTest(R, 6.5, 0.2)).toMatchObject({ reject: true, p: 0, quantile: 1 });
    // 1.5: #{x <= 1.5} = 5, #{x >= 1.5} = 5 -> p = 1.
    expect(sqTest(R, 1.5, 0.2)).toMatchObject({ reject: false, p: 1, quantile: 0.5 });
  });

  it('at 40 %: the second order statistics', () => {
    // ceil(10 * 0.2) = 2: lower = x_(2) = -2, upper = x_(9) = 5.
    const r = sqTest(R, -2.5, 0.4);
    expect([r.lower, r.upper]).toEqual([-2, 5]);
    expect(r.reject).toBe(true);
    expect(r.p).toBeCloseTo(0.2, 15); // #{x <= -2.5} = 1
    expect(sqTest(R, 5, 0.4).reject).toBe(false);
    expect(sqTest(R, 5.5, 0.4).reject).toBe(true);
  });

  it('with 250 residuals at 5 %: the 7th smallest and 7th largest (ceil(6.25) = 7)', () => {
    const x = Array.from({ length: 250 }, (_, i) => i + 1); // 1..250
    const r = sqTest(x, 0, 0.05);
    expect([r.lower, r.upper]).toEqual([7, 244]);
    expect(sqTest(x, 6.5, 0.05).reject).toBe(true);
    expect(sqTest(x, 7, 0.05).reject).toBe(false);
    // p < 0.05 exactly when the test rejects: #{x <= v} < 6.25.
    for (const v of [5.5, 6.5, 7, 7.5, 243.5, 244, 244.5]) expect(sqTest(x, v, 0.05).p < 0.05, String(v)).toBe(sqTest(x, v, 0.05).reject);
  });

  it('refuses an empty or non-finite reference and a level outside (0, 1)', () => {
    expect(() => sqTest([], 0)).toThrow(UsageError);
    expect(() => sqTest([1, NaN], 0)).toThrow(UsageError);
    expect(() => sqTest(R, 0, 1)).toThrow(UsageError);
    expect(() => sqTest(R, NaN)).toThrow(UsageError);
  });
});

describe('the CAR version', () => {
  it('sums L consecutive residuals (overlapping windows)', () => {
    expect(Array.from(windowSums([1, 2, 3, 4], 2))).toEqual([3, 5, 7]);
    expect(Array.from(windowSums([1, 2, 3, 4], 4))).toEqual([10]);
    expect(() => windowSums([1, 2], 3)).toThrow(UsageError);
  });

  it('tests a CAR against the L-day sums', () => {
    // R in the given order, 2-day sums: 2, 5, 6, -3, 2, 6, -1, 2, 6 -> sorted -3, -1, 2, 2, 2, 5, 6, 6, 6.
    const r = sqCarTest(R, -3.5, 2, 0.2);
    expect(r.n).toBe(9);
    // ceil(9 * 0.1) = 1: lower -3, upper 6.
    expect([r.lower, r.upper]).toEqual([-3, 6]);
    expect(r.reject).toBe(true);
    // 4: #{s <= 4} = 5, #{s >= 4} = 4 -> p = 2 * 4 / 9.
    const mid = sqCarTest(R, 4, 2, 0.2);
    expect(mid.reject).toBe(false);
    expect(mid.p).toBeCloseTo(8 / 9, 15);
  });
});

describe('summaries', () => {
  it('quantiles interpolate between order statistics (Hyndman & Fan 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10, 20], 0.05)).toBeCloseTo(10.5, 12);
  });

  it('Clopper-Pearson intervals match known values', () => {
    // Beta quantiles (scipy.stats.beta.ppf): Beta(0.025; 50, 951) = 0.0373353976, Beta(0.975; 51, 950)
    // = 0.0653904879; for 0 of 20 the upper bound is Beta(0.975; 1, 20) = 0.1684334710.
    const [lo, hi] = clopperPearson(50, 1000, 0.95);
    expect(lo).toBeCloseTo(0.0373353976, 9);
    expect(hi).toBeCloseTo(0.0653904879, 9);
    expect(clopperPearson(0, 20, 0.95)[0]).toBe(0);
    expect(clopperPearson(0, 20, 0.95)[1]).toBeCloseTo(0.1684335, 6);
    expect(clopperPearson(20, 20, 0.95)[1]).toBe(1);
  });

  it('stopping the bisection once it cannot move gives the bits of all 100 halvings', () => {
    // The plain 100-step bisection, written out again.
    const plain = (x: number, n: number, level: number): [number, number] => {
      const a = (1 - level) / 2;
      const solve = (f: (p: number) => number, target: number) => {
        let lo = 0;
        let hi = 1;
        for (let k = 0; k < 100; k++) {
          const mid = (lo + hi) / 2;
          if (f(mid) < target) lo = mid;
          else hi = mid;
        }
        return (lo + hi) / 2;
      };
      return [
        x === 0 ? 0 : solve((p) => 1 - binomialCdfAt(x - 1, n, p), a),
        x === n ? 1 : solve((p) => 1 - binomialCdfAt(x, n, p), 1 - a),
      ];
    };
    for (const [x, n, level] of [[50, 1000, 0.95], [0, 1000, 0.95], [1000, 1000, 0.95], [1, 1000, 0.99], [999, 1000, 0.9], [3, 7, 0.95], [1, 1, 0.95], [400, 1000, 0.95], [5, 50, 0.999]] as const) {
      expect(clopperPearson(x, n, level), `${x} of ${n} at ${level}`).toEqual(plain(x, n, level));
    }
  });

});
