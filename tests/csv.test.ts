import { describe, expect, it } from 'vitest';
import { isIsoDate, parseFactorCsv, parsePriceCsv } from '../src/data/csv.js';
import { parseFacts } from '../src/data/facts.js';
import { loadPrices } from '../src/data/load.js';
import { DataError } from '../src/errors.js';
import { fixture } from './helpers.js';

const HEADER = 'date,open,high,low,close,adj_close,volume';
const where = { file: 'x/NVDA.csv', symbol: 'NVDA' };
// Two real NVDA rows, taken from the fixture itself.
const nvdaLine = (date: string) => fixture('prices', 'NVDA.csv').split('\n').find((l) => l.startsWith(date))!;
const ROW_24 = nvdaLine('2025-01-24');
const ROW_27 = nvdaLine('2025-01-27');

function error(text: string): DataError {
  try {
    parsePriceCsv(text, where);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

describe('parsePriceCsv', () => {
  it('reads the recorded rows exactly', () => {
    const s = parsePriceCsv([HEADER, ROW_24, ROW_27].join('\n'), where);
    expect(s.rows.map((r) => r.close)).toEqual([142.6199951171875, 118.41999816894531]);
    expect(s.rows[1]).toMatchObject({ date: '2025-01-27', adjClose: 118.38121032714844, volume: 818830900 });
  });

  it('accepts empty adjusted or as-traded columns (index levels, adj-only sources)', () => {
    const s = parsePriceCsv(fixture('prices', 'TSM.csv'), { file: 'TSM.csv', symbol: 'TSM' });
    expect(s.rows.every((r) => r.close === null && r.adjClose !== null)).toBe(true);
  });

  it.each([
    ['a wrong header', 'date,close\n2025-01-24,1', /x\/NVDA.csv:1 .*header is "date,close"/],
    ['a malformed number', [HEADER, ROW_24.replace('142.6199951171875', '142,62')].join('\n'), /has 8 fields/],
    ['text in a price', [HEADER, ROW_24.replace('142.6199951171875', 'abc')].join('\n'), /x\/NVDA.csv:2 \(NVDA, 2025-01-24\): close "abc" is not a number/],
    ['a duplicate date', [HEADER, ROW_24, ROW_24].join('\n'), /x\/NVDA.csv:3 \(NVDA, 2025-01-24\): duplicate date 2025-01-24/],
    ['dates out of order', [HEADER, ROW_27, ROW_24].join('\n'), /x\/NVDA.csv:3 .*2025-01-24 comes after 2025-01-27/],
    ['a negative price', [HEADER, ROW_24.replace('142.6199951171875', '-1')].join('\n'), /close -1 is not a positive price/],
    ['a zero price', [HEADER, ROW_24.replace('142.6199951171875', '0')].join('\n'), /close 0 is not a positive price/],
    ['an impossible date', [HEADER, ROW_24.replace('2025-01-24', '2025-02-30')].join('\n'), /:2 .*"2025-02-30" is not a valid YYYY-MM-DD date/],
    ['no price at all', [HEADER, '2025-01-24,,,,,,1'].join('\n'), /:2 .*has neither close nor adj_close/],
    ['no rows', HEADER, /has a header but no price rows/],
    ['an empty file', '', /the file is empty/],
  ])('rejects %s, naming file, line, symbol and date', (_what, text, message) => {
    const e = error(text);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
  });
});

describe('parseFactorCsv', () => {
  it('turns percent into decimals', () => {
    const f = parseFactorCsv('date,mkt_rf,smb,hml,rf\n2025-01-27,-1.37,0.63,1.33,0.017\n', { file: 'FF3.csv' });
    expect(f.mktRf[0]).toBe(-1.37 / 100);
    expect(f.rf[0]).toBe(0.017 / 100);
  });
  it('rejects a missing value with its line', () => {
    expect(() => parseFactorCsv('date,mkt_rf,smb,hml,rf\n2025-01-27,,0.63,1.33,0.017\n', { file: 'FF3.csv' })).toThrow(/FF3.csv:2 \(2025-01-27\): mkt_rf "" is not a number/);
  });
});

describe('facts', () => {
  it('reads the bundled share counts and the list of missing ones', () => {
    const facts = parseFacts(fixture('facts.json'), 'facts.json');
    expect(facts.sharesOutstanding.NVDA?.value).toBe(24_490_000_000);
    expect(facts.sharesMissing).toContain('AMD');
    expect(facts.reportedLosses.map((r) => r.value)).toEqual([589e9, 593e9]);
  });
  it('rejects a non-integer share count', () => {
    expect(() => parseFacts('{"shares_outstanding":{"NVDA":{"value":1.5}}}', 'f.json')).toThrow(/f.json \(NVDA\): shares_outstanding.NVDA.value must be a positive whole number/);
  });
  it('rejects bad JSON', () => {
    expect(() => parseFacts('{', 'f.json')).toThrow(DataError);
  });
});

describe('loading', () => {
  it('says which file is missing', async () => {
    await expect(loadPrices('NOPE', { dataDir: '/nonexistent' })).rejects.toThrow(/\/nonexistent\/NOPE.csv \(NOPE\): no price file/);
  });
  it('rejects a symbol that could escape the folder', async () => {
    await expect(loadPrices('../etc/passwd')).rejects.toThrow(DataError);
  });
  it('every bundled price file is valid', async () => {
    for (const s of ['NVDA', 'SPY', 'GSPC', 'QQQ', 'IXIC', 'SOXX', 'SMH', 'NDX', 'TSM', 'ORCL', 'AVGO']) {
      const series = await loadPrices(s);
      expect(series.rows.length).toBeGreaterThan(400);
    }
  });
  it('isIsoDate', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-27')).toBe(false);
  });
});
