// Properties of the single-firm study, checked on many generated cases (fast-check). The market is
// always the real SPY file; where a firm is generated from it (firm = a + b * market + noise), the
// firm's series is clearly synthetic and lives only in this test.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPrices } from '../src/data/load.js';
import type { PriceRow, PriceSeries } from '../src/data/types.js';
import { runStudy } from '../src/study/index.js';
import { expectClose } from './helpers.js';

let nvda: PriceSeries;
let spy: PriceSeries;
beforeAll(async () => {
  [nvda, spy] = await Promise.all([loadPrices('NVDA'), loadPrices('SPY')]);
});

const scaled = (s: PriceSeries, c: number): PriceSeries => ({
  ...s,
  rows: s.rows.map((r) => ({ ...r, close: r.close === null ? null : r.close * c, adjClose: r.adjClose === null ? null : r.adjClose * c })),
});

/** Independent normal deviates with standard deviation `sd` (mulberry32 + Box-Muller), for test noise. */
function normals(seed: number, n: number, sd: number): number[] {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

/** A firm built from SPY's own returns: R = alpha + beta * Rm + noise_t, as a price path from 100. */
function syntheticFirm(alpha: number, beta: number, noise: readonly number[]): PriceSeries {
  const rows: PriceRow[] = [];
  let price = 100;
  spy.rows.forEach((r, i) => {
    if (i > 0) {
      const rm = r.adjClose! / spy.rows[i - 1]!.adjClose! - 1;
      price *= 1 + alpha + beta * rm + (noise.length > 1 ? noise[i]! : noise[0]!);
    }
    rows.push({ date: r.date, open: null, high: null, low: null, close: price, adjClose: price, volume: null });
  });
  return { symbol: 'SYNTH', source: 'synthetic (test only)', rows };
}

// Event dates: trading days of 2023-2025 with room for the default windows.
const EVENTS = ['2022-06-15', '2023-03-13', '2023-11-01', '2024-05-22', '2024-08-05', '2025-01-27', '2025-04-07', '2025-10-10'];

describe('study properties', () => {
  it('abnormal returns do not change when prices are scaled (firm and benchmark, any factor)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constantFrom(...EVENTS), (cf, cm, event) => {
        const base = runStudy({ firm: nvda, market: spy }, { firm: 'NVDA', market: 'SPY', event });
        const s = runStudy({ firm: scaled(nvda, cf), market: scaled(spy, cm) }, { firm: 'NVDA', market: 'SPY', event });
        s.window.forEach((d, i) => {
          expectClose(d.ar, base.window[i]!.ar, 1e-9, 1e-13, `ar ${d.date}`);
          expectClose(d.t, base.window[i]!.t, 1e-8, 1e-10, `t ${d.date}`);
        });
        expectClose(s.estimation.beta, base.estimation.beta, 1e-9);
      }),
      { numRuns: 25 },
    );
  });

  it('the market model recovers alpha and beta exactly from a noiseless firm, and within its interval from a noisy one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.002, max: 0.002, noNaN: true }),
        fc.double({ min: -1, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.double({ min: 0.001, max: 0.03, noNaN: true }),
        fc.constantFrom(...EVENTS),
        (alpha, beta, seed, sd, event) => {
          const exact = runStudy({ firm: syntheticFirm(alpha, beta, [0]), market: spy }, { firm: 'SYNTH', market: 'SPY', event });
          expectClose(exact.estimation.alpha, alpha, 1e-9, 1e-12, 'alpha');
          expectClose(exact.estimation.beta, beta, 1e-9, 1e-12, 'beta');
          const noise = normals(seed, spy.rows.length, sd);
          const noisy = runStudy({ firm: syntheticFirm(alpha, beta, noise), market: spy }, { firm: 'SYNTH', market: 'SPY', event, confidence: 0.999999 });
          const [a, b] = noisy.estimation.coefficients;
          // A 1 - 1e-6 interval: missing it is a one-in-a-million event per case, not a flaky test.
          expect(a!.lo <= alpha && alpha <= a!.hi).toBe(true);
          expect(b!.lo <= beta && beta <= b!.hi).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a CAR equals the sum of the abnormal returns over any sub-window, for every model', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('market', 'market-adjusted', 'constant-mean'),
        fc.constantFrom(...EVENTS),
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: 0, max: 10 }),
        (model, event, from, length) => {
          const s = runStudy({ firm: nvda, market: spy }, { firm: 'NVDA', market: 'SPY', event, model });
          const to = Math.min(5, from + length);
          let sum = 0;
          for (let o = from; o <= to; o++) sum += s.day(o)!.ar;
          expect(s.carOver(from, to).value).toBe(sum);
          expect(s.day(to)!.car).toBe(s.window.slice(0, to + 6).reduce((acc, d) => acc + d.ar, 0));
        },
      ),
      { numRuns: 60 },
    );
  });
});
