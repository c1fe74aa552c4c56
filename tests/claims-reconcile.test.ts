import { beforeAll, describe, expect, it } from 'vitest';
import { claimsReport, type ClaimsReport } from '../src/claims/report.js';
import { roundingTolerance, verdict } from '../src/claims/reconcile.js';
import { expectClose } from './helpers.js';

describe('roundingTolerance: half the unit of the last significant digit as written', () => {
  it.each([
    [590e9, 5e9],
    [600e9, 50e9],
    [800e9, 50e9],
    [593e9, 0.5e9],
    [17, 0.5],
    [5.6e6, 0.05e6],
    [385e6, 0.5e6],
  ])('%d -> %d', (v, t) => expectClose(roundingTolerance(v), t, 1e-12));
});

describe('verdict', () => {
  it('within rounding, overstated, understated', () => {
    expect(verdict(590e9, 592.66e9, 'près de').verdict).toBe('within rounding');
    expect(verdict(590e9, 596e9, null).verdict).toBe('understated');
    expect(verdict(800e9, 592.66e9, null).verdict).toBe('overstated');
  });
  it('"plus de" / "au moins" are lower bounds', () => {
    expect(verdict(500e9, 592.66e9, 'plus de').verdict).toBe('consistent');
    expect(verdict(600e9, 592.66e9, 'au moins').verdict).toBe('overstated');
  });
  it('no observed figure: not comparable', () => {
    expect(verdict(800e9, null, null).verdict).toBe('not comparable');
  });
});

describe('the flagship claims report', () => {
  let report: ClaimsReport;
  beforeAll(async () => {
    report = await claimsReport();
  });
  const byId = (id: string) => report.reconciliations.find((r) => r.claim.id === id)!;
  // NVDA closes 142.6199951171875 -> 118.41999816894531 (fixtures), 24.49e9 shares (10-Q cover).
  const rawNvda = 24.49e9 * (142.6199951171875 - 118.41999816894531);

  it('reconciles exactly the five market-move claims', () => {
    expect(report.reconciliations.map((r) => r.claim.id)).toEqual(['000-07', '001-02', '003-02', '003-09', '004-03']);
  });
  it('"600 milliards ... en une journée": within rounding of the 592.7 bn close-to-close fall', () => {
    const r = byId('000-07');
    expectClose(r.observed, rawNvda, 1e-12);
    expectClose(r.gap, 600e9 - rawNvda, 1e-9);
    expect(r).toMatchObject({ basis: 'close-to-close', tolerance: 50e9, verdict: 'within rounding' });
  });
  it('"près de 590 milliards ... en une seule séance": 2.7 bn below, within the 5 bn rounding', () => {
    const r = byId('004-03');
    expect((r.gap! / 1e9).toFixed(1)).toBe('-2.7');
    expect(r.verdict).toBe('within rounding');
    expect(r.abnormalLo! < r.abnormal! && r.abnormal! < r.abnormalHi!).toBe(true);
  });
  it('"17 %": the close-to-close fall was 16.97 %, of which 13.37 points abnormal', () => {
    const r = byId('003-09');
    expectClose(r.observed, -(118.38121032714844 / 142.57327270507812 - 1) * 100, 1e-12);
    expect(r.verdict).toBe('within rounding');
    expect(r.abnormal!.toFixed(2)).toBe('13.37');
  });
  it('"800 milliards" for NVIDIA and other tech giants: not comparable, the missing share counts are named', () => {
    const r = byId('001-02');
    expect(r.basis).toBe('intraday low');
    expect(r.verdict).toBe('not comparable');
    expect(r.observed).toBeNull();
    expect(r.missingShares).toEqual(expect.arrayContaining(['AMD', 'TSM', 'GOOGL']));
    expect(r.missingShares).not.toContain('AVGO');
    expect(r.reason).toMatch(/share count of .*AMD.* is missing \(never estimated\)/);
  });
  it('every verdict follows from the numbers beside it', () => {
    for (const r of report.reconciliations) {
      if (r.observed === null) {
        expect(r.verdict).toBe('not comparable');
        continue;
      }
      expectClose(r.gap, r.claim.value - r.observed, 1e-12);
      expect(r.verdict).toBe(Math.abs(r.gap!) <= r.tolerance ? 'within rounding' : r.gap! > 0 ? 'overstated' : 'understated');
    }
  });
  it('wire services: 589 vs 593 bn is the share count, not the prices', () => {
    const w = report.wire;
    expect(w.pricesAgree).toBe(true);
    expect(w.vendors).toHaveLength(2);
    const change = 142.6199951171875 - 118.41999816894531;
    expectClose(w.checks[0]!.impliedShares, 589e9 / change, 1e-12);
    expectClose(w.checks[1]!.impliedShares, 593e9 / change, 1e-12);
    expect((w.checks[0]!.impliedShares / 1e9).toFixed(2)).toBe('24.34');
    expect((w.checks[1]!.impliedShares / 1e9).toFixed(2)).toBe('24.50');
    expect(w.conclusion).toMatch(/differ only by the share count/);
  });
  it('a basket with every count known gets a verdict', async () => {
    const r = await claimsReport({ basket: ['NVDA', 'AVGO', 'MSFT', 'META', 'AMZN'] });
    const basket = r.reconciliations.find((x) => x.claim.id === '001-02')!;
    expect(basket.missingShares).toEqual([]);
    const sumLow = ['NVDA', 'AVGO', 'MSFT', 'META', 'AMZN'].reduce((s, f) => s + r.days[f]!.intradayLow!, 0);
    expectClose(basket.observed, sumLow, 1e-12);
    expect(basket.verdict).not.toBe('not comparable');
  });
});
