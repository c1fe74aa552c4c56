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
    expect(s.notes.join(' ')).toMatch(/2025-01-26 is a Sunday; the event moves to the next trading day, 2025-01-27/);
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
    // MU has as-traded prices but no share count in fixtures/facts.json.
    const mu = await loadPrices('MU');
    const s = runStudy({ firm: mu, market: spy, facts }, { firm: 'MU', market: 'SPY', event: '2025-01-27' });
    expect(s.loss()).toMatchObject({ shares: null, raw: null, abnormal: null, abnormalLo: null });
    expect(s.notes.join(' ')).toMatch(/No share count for MU/);
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
    [{ event: '2030-01-02' }, WindowError, /^SPY, 2030-01-02: event date 2030-01-02 is after the last day of the data \(SPY ends 2026-04-10\)/],
    [{ event: '27/01/2025' }, UsageError, /event date "27\/01\/2025" is not a valid YYYY-MM-DD date/],
    [{ estimation: [-12, -11] as const }, WindowError, /has 2 day\(s\) with returns; at least 10 are needed/],
    [{ estimation: [-2000, -11] as const }, WindowError, /^SPY, 2025-01-27: estimation window \[-2000, -11\] starts .* before the first usable day \(SPY starts 2021-04-12/],
    [{ estimation: [-20, 0] as const }, WindowError, /overlaps the event window/],
    [{ window: [-5, 500] as const }, WindowError, /^SPY, 2025-01-27: event window .* ends .* after the last usable day \(SPY ends 2026-04-10\)/],
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
  it('a firm equal to its benchmark (any case) is a usage error, not NaN p-values', () => {
    expect(() => study({ market: 'nvda' })).toThrow(/the firm and its benchmark are both NVDA/);
  });
  it('an unknown option key is named, with the nearest known one', () => {
    expect(() => study({ windw: [-1, 1] } as never)).toThrow(/unknown study option "windw" \(did you mean window\?\)/);
    expect(() => study({ foo: 1 } as never)).toThrow(UsageError);
  });
  it('tickers are not case-sensitive in the library, as in the command', () => {
    const s = study({ firm: 'nvda', market: 'spy' });
    expect(s.firm).toBe('NVDA');
    expect(s.window).toEqual(flagship.window);
  });
  it('ff3 without factor data', () => {
    expect(() => study({ model: 'ff3' }, { factors: undefined })).toThrow(/the ff3 model needs the Fama-French factor series/);
  });
  it('a sub-window outside the event window', () => {
    expect(() => flagship.carOver(-6, 0)).toThrow(/sub-window \[-6, 0\] is not inside the event window \[-5, 5\]/);
    expect(() => flagship.loss(3, 9)).toThrow(WindowError);
  });
});

describe('gaps: a date one file lacks is a gap, never a moved event or a two-day return', () => {
  const without = (series: PriceSeries, dates: string[]): PriceSeries => ({ ...series, rows: series.rows.filter((r) => !dates.includes(r.date)) });

  it('SPY without the event day: day 0 stays 2025-01-27 and the study says SPY has no price that day', () => {
    const run = () => study({}, { market: without(spy, ['2025-01-27']) });
    expect(run).toThrow(WindowError);
    expect(run).toThrow(/event-window day 0 \(2025-01-27\) has no return: SPY has no price on 2025-01-27, a trading day of the other series/);
  });
  it('SPY without the day after the event: day 1 has no return, with the reason', () => {
    expect(() => study({}, { market: without(spy, ['2025-01-28']) })).toThrow(/event-window day 1 \(2025-01-28\) has no return: SPY has no price on 2025-01-28/);
    // the day after the gap would need a two-day return
    expect(() => study({}, { market: without(spy, ['2025-01-28']) })).not.toThrow(/event-window day 2/);
  });
  it('a gap in the estimation window drops that day and the next (no two-day return), names them, keeps the offsets', () => {
    const s = study({}, { market: without(spy, ['2024-06-03']) });
    expect(s.estimation.n).toBe(248);
    expect(s.estimation.start).toBe(flagship.estimation.start);
    expect(s.estimationDays.map((d) => d.date)).not.toContain('2024-06-03');
    expect(s.estimationDays.map((d) => d.date)).not.toContain('2024-06-04');
    expect(s.notes.join(' ')).toMatch(/2 estimation day\(s\) have no return and are left out, never counted as zero: 2024-06-03 \(SPY has no price on 2024-06-03.*\); 2024-06-04 \(SPY has no price on the day before \(2024-06-03\)/);
    expect(s.provenance.missingDates).toEqual({ SPY: ['2024-06-03'] });
    expect(s.window.map((d) => d.date)).toEqual(flagship.window.map((d) => d.date));
  });
  it('multi-day: the return across the gap counts on the later day, equal to the two-day price change', () => {
    const s = study({ gaps: 'multi-day' }, { market: without(spy, ['2024-06-03']) });
    expect(s.estimation.n).toBe(249);
    const day = s.estimationDays.find((d) => d.date === '2024-06-04')!;
    const price = (d: string) => spy.rows.find((r) => r.date === d)!.adjClose!;
    expectClose(day.market, price('2024-06-04') / price('2024-05-31') - 1, 1e-15);
    expect(s.provenance.gaps).toBe('multi-day');
  });
  it('no gap: the range, the common days and the rows outside the range are reported as dates', () => {
    expect(flagship.provenance.range).toEqual({ from: '2021-04-12', to: '2026-04-10', fromSymbol: 'SPY', toSymbol: 'SPY' });
    expect(flagship.provenance.missingDates).toEqual({});
    expect(flagship.provenance.droppedDates.NVDA).toEqual([
      { from: '2020-01-02', to: '2021-04-09', days: 320 },
      { from: '2026-04-13', to: '2026-04-24', days: 10 },
    ]);
  });
});

describe('BHAR, two ways (Barber & Lyon 1997)', () => {
  it('model-based and benchmark-adjusted, each the difference of compounded returns', () => {
    const b = flagship.bhar(0, 1);
    const days = [flagship.day(0)!, flagship.day(1)!];
    const prod = (xs: number[]) => xs.reduce((a, r) => a * (1 + r), 1) - 1;
    expectClose(b.firmReturn, prod(days.map((d) => d.return)), 1e-14);
    expectClose(b.expectedReturn, prod(days.map((d) => d.expected)), 1e-14);
    expectClose(b.marketReturn, prod(days.map((d) => d.marketReturn)), 1e-14);
    expectClose(b.value, b.firmReturn - b.expectedReturn, 1e-15);
    expectClose(b.benchmarkAdjusted, b.firmReturn - b.marketReturn, 1e-15);
  });
});

describe('share counts from the facts file', () => {
  it('a count published after the event is used, and a note says so', async () => {
    const meta = await loadPrices('META');
    const s = runStudy({ firm: meta, market: spy, facts }, { firm: 'META', market: 'SPY', event: '2025-01-27' });
    expect(s.shares?.value).toBe(facts.sharesOutstanding.META!.listedShares);
    expect(s.notes.join(' ')).toMatch(/META's share count \(as of 2025-01-24, filed 2025-01-30\) was published after the event \(2025-01-27\)/);
    expect(flagship.notes.join(' ')).not.toMatch(/published after/);
  });
  it('an ADR counts listed securities: TSM shares over its ratio of 5', async () => {
    const tsm = await loadPrices('TSM');
    const s = runStudy({ firm: tsm, market: spy, facts }, { firm: 'TSM', market: 'SPY', event: '2025-01-27' });
    expect(s.shares?.value).toBe(25932733242 / 5);
  });
});
