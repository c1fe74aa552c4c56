// The single-firm tables: the standard CAR windows and the four models side by side.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPanel } from '../src/panel/load.js';
import type { Panel } from '../src/panel/panel.js';
import { runStudy } from '../src/study/run.js';
import { compareModels, standardCars, STANDARD_CAR_WINDOWS } from '../src/study/tables.js';

let panel: Panel;
let withFactors: Panel;

beforeAll(async () => {
  [panel, withFactors] = await Promise.all([loadPanel({ symbols: ['NVDA', 'SPY'] }), loadPanel({ symbols: ['NVDA', 'SPY'], factors: true })]);
});

describe('standardCars', () => {
  it('gives study.carOver(a, b) for [0,0], [0,1], [-1,1], [0,5], [-5,5]', () => {
    const s = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
    const rows = standardCars(s);
    expect(rows.map((r) => [r.from, r.to])).toEqual(STANDARD_CAR_WINDOWS.map((w) => [...w]));
    for (const r of rows) expect(r).toEqual(s.carOver(r.from, r.to));
    expect(rows[0]!.value).toBe(s.day(0)!.ar);
    expect(rows[4]).toEqual(s.car);
  });

  it('keeps only the windows inside the event window', () => {
    const s = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', window: [-1, 3] });
    expect(standardCars(s).map((r) => [r.from, r.to])).toEqual([[0, 0], [0, 1], [-1, 1]]);
    const late = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', window: [1, 4] });
    expect(standardCars(late)).toEqual([]);
  });
});

describe('compareModels', () => {
  it('without factors: three models, ff3 skipped with the reason', () => {
    const c = compareModels(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
    expect(c.rows.map((r) => r.model)).toEqual(['market', 'market-adjusted', 'constant-mean']);
    expect(c.skipped).toEqual([{ model: 'ff3', reason: expect.stringMatching(/no Fama-French factors/) }]);
    expect(c.notes[0]).toMatch(/^ff3 left out/);
    expect(c.shares).toBe(24_490_000_000);
  });

  it('each row equals runStudy with that model (the market row the flagship)', () => {
    const c = compareModels(withFactors, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', model: 'constant-mean' });
    expect(c.rows.map((r) => r.model)).toEqual(['market', 'market-adjusted', 'constant-mean', 'ff3']);
    expect(c.skipped).toEqual([]);
    for (const r of c.rows) {
      const s = runStudy(withFactors, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', model: r.model });
      const d0 = s.day(0)!;
      const loss = s.loss(0, 0);
      expect([r.ar0, r.ar0Se, r.ar0T, r.ar0P, r.ar0Lo, r.ar0Hi]).toEqual([d0.ar, d0.se, d0.t, d0.p, d0.lo, d0.hi]);
      expect(r.car).toEqual(s.car);
      expect([r.loss0, r.loss0Lo, r.loss0Hi]).toEqual([loss.abnormal, loss.abnormalLo, loss.abnormalHi]);
      expect([r.n, r.df, r.sigma]).toEqual([s.estimation.n, s.estimation.df, s.estimation.sigma]);
    }
    const market = c.rows[0]!;
    expect(market.ar0).toBeCloseTo(-0.13373, 5);
    expect(market.loss0! / 1e9).toBeCloseTo(467.1, 1);
    // the models disagree, as they should: market-adjusted has no beta of 2.7
    expect(c.rows[1]!.ar0).not.toBe(market.ar0);
  });

  it('day 0 outside the event window gives null day-0 figures', () => {
    const c = compareModels(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', window: [1, 3] });
    expect(c.rows.every((r) => r.ar0 === null && r.loss0 === null)).toBe(true);
    expect(c.rows[0]!.car.from).toBe(1);
  });

  it('when no model can be run, the error is thrown', () => {
    expect(() => compareModels(panel, { firm: 'NVDA', market: 'SPY', event: '2031-01-02' })).toThrow(/after the last day/);
  });
});
