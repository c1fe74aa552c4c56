import { beforeAll, describe, expect, it } from 'vitest';
import { loadFacts, loadFactors, loadPrices } from '../src/data/load.js';
import type { Facts, FactorSeries, PriceSeries } from '../src/data/types.js';
import { ModelError, UsageError, WindowError } from '../src/errors.js';
import { runStudy, type EventStudy, type StudyData } from '../src/study/index.js';
import { expectClose } from './helpers.js';

let nvda: PriceSeries, spy: PriceSeries, facts: Facts, ff3: FactorSeries;
let flagship: EventStudy;
beforeAll(async () => {
  [nvda, spy, facts, ff3] = await Promise.all([loadPrices('NVDA'), loadPrices('SPY'), loadFacts(), loadFactors()]);
  flagship = runStudy({ firm: nvda, market: spy, facts }, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
});
const study = (opts: Partial<Parameters<typeof runStudy>[1]> = {}, data: Partial<StudyData> = {}) =>
  runStudy({ firm: nvda, market: spy, facts, factors: ff3, ...data }, { firm: 'NVDA', market: 'SPY', event: '2025-01-27', ...opts });

describe('the flagship: NVDA vs SPY, 27 January 2025', () => {
  it('day 0: raw return -16.968 %, a 592.7 bn USD fall with 24.49 bn shares', () => {
    const d0 = flagship.day(0)!;
    expect(d0.date).toBe('2025-01-27');
    expect((d0.return * 100).toFixed(3)).toBe('-16.968');
    const loss = flagship.loss();
    expect(loss.shares).toBe(24_490_000_000);
    expect(loss.priceBefore).toBe(142.6199951171875);
    expect(loss.priceAfter).toBe(118.41999816894531);
    // 24.49e9 * (142.62 - 118.42) = 592.658e9 (README of the data: "a 592.7 bn USD fall")
    expectClose(loss.raw, 24.49e9 * (142.6199951171875 - 118.41999816894531), 1e-15);
    expect((loss.raw! / 1e9).toFixed(1)).toBe('592.7');
  });
  it('the defaults of the design: 250 estimation days ending at offset -11, window [-5, 5]', () => {
    expect(flagship.estimation).toMatchObject({ n: 250, from: -260, to: -11, df: 248 });
    expect(flagship.window.map((d) => d.offset)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect(flagship.car).toMatchObject({ from: -5, to: 5 });
  });
  it('raw = expected + abnormal on a day without distribution (up to the adjusted prices\' float32 rounding)', () => {
    // The model works on adj_close returns, raw on as-traded closes; with no dividend on the day
    // they differ only by the vendor's single-precision rounding of adj_close (~3e-7 here).
    const l = flagship.loss();
    expectClose(l.expected! + l.abnormal!, l.raw, 1e-6);
  });
});

describe('properties', () => {
  it('CAR is the running sum of ARs; the headline CAR is the last one', () => {
    let sum = 0;
    for (const d of flagship.window) {
      sum += d.ar;
      expectClose(d.car, sum, 1e-12, 1e-16);
    }
    expectClose(flagship.car.value, sum, 1e-12);
    expect(flagship.carOver(0, 0).value).toBe(flagship.day(0)!.ar);
    expectClose(flagship.carOver(0, 0).se, flagship.day(0)!.se, 1e-14);
  });
  it('intervals are symmetric around the estimate and contain it', () => {
    for (const d of flagship.window) {
      expectClose(d.hi - d.ar, d.ar - d.lo, 1e-9);
      expect(d.lo < d.ar && d.ar < d.hi).toBe(true);
    }
    const l = flagship.loss();
    expect(l.abnormalLo! < l.abnormal! && l.abnormal! < l.abnormalHi!).toBe(true);
  });
  it('a dollar window of one day equals the day figure; window dollars add up', () => {
    const whole = flagship.loss(-5, 5);
    const parts = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5].map((o) => flagship.loss(o, o));
    expectClose(whole.abnormal, parts.reduce((s, p) => s + p.abnormal!, 0), 1e-9);
    expectClose(whole.raw, parts.reduce((s, p) => s + p.raw!, 0), 1e-9);
  });
  it('windows by date equal the same windows by offsets', () => {
    const byDates = study({ estimation: { from: '2024-01-11', to: '2025-01-08' }, window: { from: '2025-01-17', to: '2025-02-03' } });
    expect(byDates.estimation).toEqual(flagship.estimation);
    expect(byDates.window).toEqual(flagship.window);
  });
  it('an event on a Sunday moves to Monday and says so', () => {
    const s = study({ event: '2025-01-26' });
    expect(s.event).toMatchObject({ requested: '2025-01-26', date: '2025-01-27', shifted: true });
    expect(s.notes.join(' ')).toMatch(/2025-01-26 is not a trading day.*2025-01-27/);
    expect(s.window).toEqual(flagship.window);
  });
  it('the national day of mourning (2025-01-09) is not a trading day: the estimation window skips it', () => {
    expect(flagship.estimationDays.map((d) => d.date)).not.toContain('2025-01-09');
    expect(flagship.estimation.end).toBe('2025-01-08');
  });
  it('ff3 uses excess returns and three factors', () => {
    const s = study({ model: 'ff3' });
    expect(s.estimation.coefficients.map((c) => c.name)).toEqual(['alpha', 'mkt_rf', 'smb', 'hml']);
    expect(s.estimation.df).toBe(246);
  });
  it('log returns: AR is the log return less the expected log return', () => {
    const s = study({ returns: 'log' });
    // adj_close 142.57327270507812 -> 118.38121032714844 (fixtures/prices/NVDA.csv)
    expectClose(s.day(0)!.return, Math.log(118.38121032714844 / 142.57327270507812), 1e-12);
  });
  it('given shares override the facts file; unknown shares give unknown dollars', async () => {
    expect(study({ shares: 1e9 }).loss().raw).toBeCloseTo(1e9 * (142.6199951171875 - 118.41999816894531), 3);
    const amd = await loadPrices('AMD');
    const s = runStudy({ firm: amd, market: spy, facts }, { firm: 'AMD', market: 'SPY', event: '2025-01-27' });
    expect(s.loss()).toMatchObject({ shares: null, raw: null, abnormal: null, abnormalLo: null });
    expect(s.notes.join(' ')).toMatch(/No share count for AMD/);
  });
  it('a firm without as-traded closes (TSM) has returns but unknown dollars', async () => {
    const tsm = await loadPrices('TSM');
    const s = runStudy({ firm: tsm, market: spy, facts }, { firm: 'TSM', market: 'SPY', event: '2025-01-27', shares: 5e9 });
    expect(s.provenance.firmBasis).toBe('adj_close');
    expect(s.loss().raw).toBeNull();
    expect(s.notes.join(' ')).toMatch(/no as-traded close/);
  });
});

describe('bad input', () => {
  it.each([
    [{ event: '2030-01-02' }, WindowError, /event date 2030-01-02 is outside the data \(2021-04-12 to 2026-04-10\)/],
    [{ event: '27/01/2025' }, UsageError, /event date "27\/01\/2025" is not a valid YYYY-MM-DD date/],
    [{ estimation: [-12, -11] as const }, WindowError, /has 2 day\(s\) with returns; at least 10 are needed/],
    [{ estimation: [-2000, -11] as const }, WindowError, /starts .* before the first usable day/],
    [{ estimation: [-20, 0] as const }, WindowError, /overlaps the event window/],
    [{ window: [-5, 500] as const }, WindowError, /ends .* after the data end 2026-04-10/],
    [{ window: [5, -5] as const }, UsageError, /ends before it starts/],
    [{ model: 'capm' }, ModelError, /unknown model "capm"/],
    [{ returns: 'pct' as 'log' }, UsageError, /unknown return kind "pct"/],
    [{ confidence: 95 }, UsageError, /confidence 95 must be between 0 and 1/],
    [{ shares: -3 }, UsageError, /shares -3 must be a positive number/],
    [{ estimation: { from: '2030-01-01', to: '2030-12-31' } }, WindowError, /holds no trading day/],
  ])('%o', (opts, type, message) => {
    const run = () => study(opts as never);
    expect(run).toThrow(type);
    expect(run).toThrow(message);
  });
  it('ff3 without factor data', () => {
    expect(() => study({ model: 'ff3' }, { factors: undefined })).toThrow(/the ff3 model needs the Fama-French factor series/);
  });
  it('a sub-window outside the event window', () => {
    expect(() => flagship.carOver(-6, 0)).toThrow(/sub-window \[-6, 0\] is not inside the event window \[-5, 5\]/);
    expect(() => flagship.loss(3, 9)).toThrow(WindowError);
  });
});
