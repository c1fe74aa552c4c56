import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimsReport, type ClaimsReport } from '../src/claims/report.js';
import { boundVerdict, reconcileClaim, roundingTolerance, verdict, VERDICT_RULE, type FirmDay } from '../src/claims/reconcile.js';
import { expectClose, fixture, ROOT, tempDir } from './helpers.js';

/** Share counts of fixtures/facts.json (listed shares) and the as-traded closes of 2025-01-24 and 2025-01-27. */
const shares: Record<string, number> = {
  NVDA: 24_490_000_000, AVGO: 4_670_576_083, MSFT: 7_433_038_381, META: 2_533_659_265, AMZN: 10_515_011_008,
  GOOGL: 12_190_000_000, AMD: 1_620_477_962, MRVL: 865_300_000, ASML: 393_283_720,
};
const closes: Record<string, [number, number]> = Object.fromEntries(
  Object.keys(shares).map((s) => {
    const rows = fixture('prices', `${s}.csv`).split('\n');
    const close = (d: string) => Number(rows.find((l) => l.startsWith(d))!.split(',')[4]);
    return [s, [close('2025-01-24'), close('2025-01-27')]];
  }),
);

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
  it('"800 milliards" for NVIDIA and other tech giants: a lower bound from the 9 firms with a count and closes, the 5 others named', () => {
    // Changed on purpose (issue 12): was "not comparable" against a sum of intraday lows.
    const r = byId('001-02');
    expect(r.basis).toBe('close-to-close');
    expect(r.bound).toBe('lower');
    expect(r.counted).toEqual(['NVDA', 'AVGO', 'ASML', 'MSFT', 'GOOGL', 'META', 'AMZN', 'AMD', 'MRVL']);
    expect(r.missingShares).toEqual(['MU', 'ARM', 'SMCI']);
    expect(r.missingCloses).toEqual(['TSM', 'ORCL']);
    // Known answer: shares × (close 2025-01-24 − close 2025-01-27), from the fixtures and facts.json.
    const expected = r.counted.reduce((sum, s) => sum + (shares[s]! * (closes[s]![0] - closes[s]![1])), 0);
    expectClose(r.observed, expected, 1e-12);
    expect((r.observed! / 1e9).toFixed(1)).toBe('976.9');
    // The basket lost at least 976.9 bn: 800 bn is below that by more than the 50 bn rounding.
    expect(r.verdict).toBe('understated');
    expect(r.reason).toMatch(/alone lost 976\.9 bn close to close, so the basket lost at least that/);
    expect(r.reason).toMatch(/no share count for MU, ARM, SMCI; no as-traded close for TSM, ORCL/);
    expect(r.reason).toMatch(/only an upper bound \(the lows were not simultaneous\)/);
    expect(r.reason).toMatch(/GOOGL's 3 share classes are all valued at the GOOGL close \(an approximation\)/);
    expect(r.reason).toMatch(/published after the event: GOOGL \(filed 2025-02-05\), META \(filed 2025-01-30\), AMD \(filed 2025-02-05\)/);
  });
  it('every verdict follows from the numbers beside it', () => {
    for (const r of report.reconciliations) {
      if (r.observed === null) {
        expect(r.verdict).toBe('not comparable');
        continue;
      }
      expectClose(r.gap, r.claim.value - r.observed, 1e-12);
      if (r.bound === 'lower') expect(r.verdict).toBe(r.gap! < -r.tolerance ? 'understated' : 'consistent');
      else if (r.bound === 'upper') expect(r.verdict).toBe(r.gap! > r.tolerance ? 'overstated' : 'consistent');
      else expect(r.verdict).toBe(Math.abs(r.gap!) <= r.tolerance ? 'within rounding' : r.gap! > 0 ? 'overstated' : 'understated');
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
  it('a basket with every count known is judged close to close, not against the sum of intraday lows', async () => {
    // Changed on purpose (issue 12): observed was the sum of intraday lows (an upper bound).
    const firms = ['NVDA', 'AVGO', 'MSFT', 'META', 'AMZN'];
    const r = await claimsReport({ basket: firms });
    const basket = r.reconciliations.find((x) => x.claim.id === '001-02')!;
    expect(basket.missingShares).toEqual([]);
    expect(basket.bound).toBeNull();
    const raw = firms.reduce((sum, s) => sum + shares[s]! * (closes[s]![0] - closes[s]![1]), 0);
    expectClose(basket.observed, raw, 1e-12);
    expect(basket.basis).toBe('close-to-close');
    expect(basket.verdict).not.toBe('not comparable');
  });
  it('claims --basket NVDA,AVGO: the two lost 791.5 bn close to close, so 800 bn is within rounding (not "understated" vs 861 bn of lows)', async () => {
    const r = await claimsReport({ basket: ['NVDA', 'AVGO'] });
    const b = r.reconciliations.find((x) => x.claim.id === '001-02')!;
    const raw = ['NVDA', 'AVGO'].reduce((sum, s) => sum + shares[s]! * (closes[s]![0] - closes[s]![1]), 0);
    expectClose(b.observed, raw, 1e-12);
    expect((b.observed! / 1e9).toFixed(1)).toBe('791.5');
    expect((b.intradayLow! / 1e9).toFixed(1)).toBe('861.2');
    expect(b.verdict).toBe('within rounding');
    expect(b.reason).toMatch(/vs 791\.5 bn lost close to close by the 2 firms \(NVDA, AVGO\)/);
    expect(b.reason).toMatch(/861\.2 bn, is only an upper bound/);
  });
});

describe('boundVerdict: a quote against a bound of the basket', () => {
  it('lower bound: understated only when the firms with counts already lost more than the quote and its rounding', () => {
    expect(boundVerdict(800e9, 976.9e9, 50e9, 'lower', null)).toBe('understated');
    expect(boundVerdict(800e9, 845e9, 50e9, 'lower', null)).toBe('consistent');
    expect(boundVerdict(800e9, 300e9, 50e9, 'lower', null)).toBe('consistent');
    expect(boundVerdict(800e9, 900e9, 50e9, 'lower', 'plus de')).toBe('consistent');
    expect(boundVerdict(800e9, 700e9, 50e9, 'lower', 'plus de')).toBe('not comparable');
  });
  it('upper bound: overstated only when the quote is above it by more than the rounding', () => {
    expect(boundVerdict(800e9, 700e9, 50e9, 'upper', null)).toBe('overstated');
    expect(boundVerdict(800e9, 760e9, 50e9, 'upper', null)).toBe('consistent');
    expect(boundVerdict(800e9, 700e9, 50e9, 'upper', 'au moins')).toBe('overstated');
  });
  it('the rule says so', () => {
    expect(VERDICT_RULE).toMatch(/a basket is judged against its close-to-close fall/);
    expect(VERDICT_RULE).toMatch(/lower \(upper\) bound/);
  });
});

describe('a basket whose missing firms moved both ways', () => {
  it('is not comparable, and says why', () => {
    const day = (symbol: string, ret: number, raw: number | null, shares: number | null): FirmDay => ({
      symbol, shares, priceBefore: 100, close: 100 * (1 + ret), low: 90, return: ret, ar: ret, raw,
      expected: raw === null ? null : 0, abnormal: raw === null ? null : raw, abnormalLo: null, abnormalHi: null, intradayLow: raw,
    });
    const claim = {
      id: 'x-01', seed: 'x.txt', start: 0, end: 1, text: '800 milliards', sentence: '', sentenceStart: 0, sentenceEnd: 1,
      codePoints: { start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1 }, value: 800e9, unit: 'USD' as const, currencyStated: false,
      qualifier: null, subject: 'A and others', firms: ['A', '*'], horizon: null, horizonKind: null, kind: 'market-value-loss' as const,
    };
    const days = { A: day('A', -0.1, 500e9, 1e9), B: day('B', -0.1, null, null), C: day('C', 0.05, null, null) };
    const r = reconcileClaim(claim, { days, basket: ['A', 'B', 'C'] })!;
    expect(r).toMatchObject({ bound: null, observed: null, verdict: 'not comparable', missingShares: ['B', 'C'] });
    expect(r.reason).toMatch(/did not all move the same way/);
    const fell = reconcileClaim(claim, { days: { ...days, C: day('C', -0.02, null, null) }, basket: ['A', 'B', 'C'] })!;
    expect(fell).toMatchObject({ bound: 'lower', observed: 500e9, verdict: 'consistent' });
    expect(fell.reason).toMatch(/^consistent with at least 500.0 bn lost close to close by the 1 firm with/);
  });
});

describe('TSM is an ADR: its dollar figures use value / adr_ratio', () => {
  it('a TSM file with as-traded closes: raw loss = 25,932,733,242 / 5 ADS × (close before − close)', async () => {
    const dir = tempDir('sputnik-adr-');
    try {
      for (const f of ['NVDA.csv', 'SPY.csv']) copyFileSync(join(ROOT, 'fixtures', 'prices', f), join(dir, f));
      copyFileSync(join(ROOT, 'fixtures', 'facts.json'), join(dir, 'facts.json'));
      // A synthetic TSM file: the recorded adj_close also written as the close (test data, not a fixture).
      const tsm = fixture('prices', 'TSM.csv').trim().split('\n');
      const lines = [tsm[0], ...tsm.slice(1).map((l) => { const c = l.split(','); c[4] = c[5]!; return c.join(','); })];
      writeFileSync(join(dir, 'TSM.csv'), lines.join('\n') + '\n');
      const r = await claimsReport({ dataDir: dir, basket: ['NVDA', 'TSM'] });
      const tsmDay = r.days.TSM!;
      expect(tsmDay.shares).toBe(25_932_733_242 / 5);
      expectClose(tsmDay.raw, (25_932_733_242 / 5) * (217.80484008789062 - 188.77793884277344), 1e-12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
