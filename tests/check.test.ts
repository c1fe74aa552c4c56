/**
 * A series against the NYSE calendar (checkSeries, liveNotes) and a live series against the
 * bundled one (compareSeries), on the bundled fixtures and on the recorded Yahoo answers of
 * tests/recorded/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSeries, compareSeries, liveNotes } from '../src/data/check.js';
import { parsePriceCsv } from '../src/data/csv.js';
import type { PriceRow, PriceSeries } from '../src/data/types.js';
import { loadYahooPrices } from '../src/data/yahoo.js';
import { DataError } from '../src/errors.js';
import { fixture, ROOT } from './helpers.js';
import { recording, replay } from './recorded/replay.js';

const series = (symbol: string): PriceSeries => parsePriceCsv(fixture('prices', `${symbol}.csv`), { file: `${symbol}.csv`, symbol });

/** The NVDA fixture's text with `edit` applied to its lines (header first). */
function nvdaText(edit: (lines: string[]) => string[]): PriceSeries {
  const lines = fixture('prices', 'NVDA.csv').trimEnd().split('\n');
  return parsePriceCsv(`${edit(lines).join('\n')}\n`, { file: 'NVDA.csv', symbol: 'NVDA' });
}

describe('checkSeries: the calendar reproduces the bundled files', () => {
  const INDEX_AND_ETF = ['GSPC', 'NDX', 'IXIC', 'SPY', 'QQQ', 'SOXX', 'SMH'];
  it.each(INDEX_AND_ETF)('%s (index or ETF): no missing day, no extra day', (symbol) => {
    const c = checkSeries(series(symbol));
    expect(c.missing).toEqual([]);
    expect(c.extra).toEqual([]);
    expect(c.tradingDays).toBe(c.rows);
    expect(c.notes).toEqual([]);
  });

  it('every bundled price file is on the calendar too', () => {
    const files = readdirSync(join(ROOT, 'fixtures', 'prices')).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(23);
    for (const f of files) {
      const c = checkSeries(series(f.replace(/\.csv$/, '')));
      expect([c.symbol, c.missing, c.extra]).toEqual([c.symbol, [], []]);
    }
  });
});

describe('checkSeries: known answers', () => {
  it('a removed trading day and an added Saturday row are reported exactly, in the calendar\'s words', () => {
    const s = nvdaText((lines) => {
      const out = lines.filter((l) => !l.startsWith('2025-01-14,'));
      const i = out.findIndex((l) => l.startsWith('2025-01-27,'));
      out.splice(i, 0, out[i - 1]!.replace('2025-01-24', '2025-01-25')); // a copy of Friday's row dated Saturday
      return out;
    });
    const c = checkSeries(s);
    expect(c.missing).toEqual([{ date: '2025-01-14', description: '2025-01-14 is a trading day' }]);
    expect(c.extra).toEqual([{ date: '2025-01-25', description: '2025-01-25 is a Saturday' }]);
    expect([c.first, c.last, c.checkedFrom, c.checkedTo]).toEqual(['2020-01-02', '2026-04-24', '2020-01-02', '2026-04-24']);
  });

  it('a row on a holiday or a special closure is an extra day; their absence is not a gap', () => {
    const s = nvdaText((lines) => {
      const i = lines.findIndex((l) => l.startsWith('2025-01-21,'));
      const j = lines.findIndex((l) => l.startsWith('2025-01-10,'));
      const out = [...lines];
      out.splice(i, 0, lines[i - 1]!.replace('2025-01-17', '2025-01-20'));
      out.splice(j, 0, lines[j - 1]!.replace('2025-01-08', '2025-01-09'));
      return out;
    });
    const c = checkSeries(s);
    expect(c.missing).toEqual([]);
    expect(c.extra.map((d) => d.description)).toEqual([
      '2025-01-09 is a special closure (National Day of Mourning for former President Jimmy Carter)',
      '2025-01-20 is a holiday (Martin Luther King Jr. Day)',
    ]);
  });

  it('only the series\' own first..last range is checked', () => {
    const s = nvdaText((lines) => [lines[0]!, ...lines.filter((l) => l >= '2025-01-23' && l < '2025-01-29')]);
    const c = checkSeries(s);
    expect([c.first, c.last, c.rows, c.tradingDays, c.missing, c.extra]).toEqual(['2025-01-23', '2025-01-28', 4, 4, [], []]);
  });

  it('rows outside the calendar\'s years are counted, not checked', () => {
    const rows: PriceRow[] = ['1989-12-29', '1990-01-02', '1990-01-04'].map((date) => ({ date, open: 1, high: 1, low: 1, close: 1, adjClose: 1, volume: 1 }));
    const c = checkSeries({ symbol: 'OLD', source: 'test', rows });
    expect(c.notes).toEqual(['1 row(s) before 1990-01-01 not checked (the calendar starts in 1990)']);
    expect(c.missing).toEqual([{ date: '1990-01-03', description: '1990-01-03 is a trading day' }]);
    expect(c.checkedFrom).toBe('1990-01-01');
  });

  it('an empty series is a DataError', () => {
    expect(() => checkSeries({ symbol: 'X', source: 'test', rows: [] })).toThrow(DataError);
  });
});

describe('liveNotes', () => {
  it('names gaps, closed-day bars and dropped days; nothing calendar-based off the US', () => {
    expect(liveNotes('NVDA', ['2025-01-13', '2025-01-15', '2025-01-18'], ['2025-01-16'], 'America/New_York')).toEqual([
      'NVDA: dropped 1 day that Yahoo listed without a close (2025-01-16 is a trading day); not filled',
      'NVDA: no bar for 2 NYSE trading days between 2025-01-13 and 2025-01-18, a data gap left unfilled (2025-01-14 is a trading day; 2025-01-17 is a trading day)',
      'NVDA: 1 bar on days the NYSE was closed, kept as sent (2025-01-18 is a Saturday)',
    ]);
    expect(liveNotes('7203.T', ['2025-01-13', '2025-01-15'], [], 'Asia/Tokyo')).toEqual([]);
    expect(liveNotes('NVDA', ['2025-01-13', '2025-01-14'], [], 'America/New_York')).toEqual([]);
  });
});

describe('compareSeries: a live series against the bundled one', () => {
  const live = () => loadYahooPrices('NVDA', { from: '2021-02-01', to: '2022-01-28', fetch: replay({ NVDA: recording('nvda') }).fetch });

  it('the recorded NVDA answer agrees with fixtures/prices/NVDA.csv on 252 days; adjusted closes by a constant factor', async () => {
    const cmp = compareSeries(await live(), series('NVDA'));
    expect([cmp.from, cmp.to, cmp.commonDays, cmp.closesCompared]).toEqual(['2021-02-01', '2022-01-28', 252, 252]);
    expect(cmp.onlyLeft).toEqual([]);
    expect(cmp.onlyRight).toEqual([]);
    expect(cmp.closeDifferences).toEqual([]);
    expect(cmp.maxCloseDiff).toBe(0);
    // Yahoo rescaled the adjusted history between the two recordings (later dividends): a constant
    // factor of 1.000328, moving by less than 1e-6 over the year: no drift.
    expect(cmp.adjRatio!.compared).toBe(252);
    expect(cmp.adjRatio!.first.toFixed(6)).toBe('1.000328');
    expect(cmp.adjRatio!.drift).toBeLessThan(1e-6);
    expect(cmp.adjRatio!.jumps).toEqual([]);
    expect(cmp.agree).toBe(true);
  });

  it('the recorded AMZN answer agrees with fixtures/prices/AMZN.csv on their one common day', async () => {
    const amzn = await loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: recording('amzn') }).fetch });
    const cmp = compareSeries(amzn, series('AMZN'));
    expect([cmp.from, cmp.to, cmp.commonDays, cmp.closeDifferences, cmp.adjRatio?.first, cmp.agree]).toEqual(['2020-01-02', '2020-01-02', 1, [], 1, true]);
  });

  it('a close moved by more than half a cent is reported; within half a cent is rounding', async () => {
    const base = await live();
    const moved = (d: string, by: number) => ({ ...base, rows: base.rows.map((r) => (r.date === d ? { ...r, close: r.close! + by } : r)) });
    const big = compareSeries(moved('2021-07-20', 0.01), series('NVDA'));
    expect(big.closeDifferences).toHaveLength(1);
    expect(big.closeDifferences[0]).toMatchObject({ date: '2021-07-20', right: 18.61199951171875 });
    expect(big.closeDifferences[0]!.diff).toBeCloseTo(0.01, 12);
    expect(big.agree).toBe(false);
    const small = compareSeries(moved('2021-07-20', 0.004), series('NVDA'));
    expect(small.closeDifferences).toEqual([]);
    expect(small.maxCloseDiff).toBeCloseTo(0.004, 12);
    expect(small.agree).toBe(true);
  });

  it('an adjustment made in one series only shows as a jump of the ratio on its day', async () => {
    const base = await live();
    const adjusted = { ...base, rows: base.rows.map((r) => (r.date < '2021-06-10' ? { ...r, adjClose: r.adjClose! * 0.99 } : r)) };
    const cmp = compareSeries(adjusted, series('NVDA'));
    expect(cmp.adjRatio!.jumps).toHaveLength(1);
    expect(cmp.adjRatio!.jumps[0]!.date).toBe('2021-06-10');
    expect(cmp.adjRatio!.jumps[0]!.change).toBeCloseTo(1 / 0.99 - 1, 5);
    expect(cmp.adjRatio!.drift).toBeCloseTo(1 / 0.99 - 1, 5);
    expect(cmp.agree).toBe(false);
  });

  it('a day in one series only is named with the calendar', async () => {
    const base = await live();
    const cmp = compareSeries({ ...base, rows: base.rows.filter((r) => r.date !== '2021-03-15') }, series('NVDA'));
    expect(cmp.onlyRight).toEqual([{ date: '2021-03-15', description: '2021-03-15 is a trading day' }]);
    expect(cmp.onlyLeft).toEqual([]);
    expect(cmp.agree).toBe(false);
  });

  it('series that do not overlap: no common range', async () => {
    const cmp = compareSeries(await live(), series('QQQ')); // QQQ's file starts in 2023
    expect([cmp.from, cmp.to, cmp.commonDays, cmp.agree]).toEqual([null, null, 0, false]);
  });
});
