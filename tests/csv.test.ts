import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isIsoDate, parseFactorCsv, parsePriceCsv } from '../src/data/csv.js';
import { parseFacts } from '../src/data/facts.js';
import { loadPrices } from '../src/data/load.js';
import { DataError } from '../src/errors.js';
import { fixture } from './helpers.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvReaderFor, parseFactorCsvWith, parsePriceCsvWith } from '../src/data/csv.js';
import { isIsoDate as isIsoDateFromDates } from '../src/util/dates.js';
import { ROOT } from './helpers.js';

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
    expect(facts.sharesMissing).toContain('MU');
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

// ---------------------------------------------------------------------------------------------
// The fast reader (plain files) against csv-parse: same rows, same errors, for every input.
// ---------------------------------------------------------------------------------------------

describe('the fast CSV reader gives exactly what csv-parse gives', () => {
  const FF_HEADER = 'date,mkt_rf,smb,hml,rf';
  const nvda = fixture('prices', 'NVDA.csv').split('\n');
  const ff = fixture('FF3.csv').split('\n');
  const R = nvda.slice(1000, 1006); // six consecutive recorded rows
  const [R0, R1, R2] = R as [string, string, string];
  const F = ff.slice(500, 503);
  const lines = (...l: string[]) => l.join('\n');
  const crlf = (...l: string[]) => l.join('\r\n');
  const cell = (row: string, i: number, value: string) => row.split(',').map((c, j) => (j === i ? value : c)).join(',');

  type Outcome = { value: unknown } | { message: string; where: unknown; dataError: boolean };
  const outcome = (f: () => unknown): Outcome => {
    try {
      return { value: f() };
    } catch (e) {
      return { message: (e as Error).message, where: (e as DataError).where, dataError: e instanceof DataError };
    }
  };
  const bothWays = (text: string, kind: 'price' | 'factor' = 'price') =>
    kind === 'price'
      ? [outcome(() => parsePriceCsvWith('fast', text, where)), outcome(() => parsePriceCsvWith('csv-parse', text, where)), outcome(() => parsePriceCsv(text, where))]
      : [outcome(() => parseFactorCsvWith('fast', text, { file: 'FF3.csv' })), outcome(() => parseFactorCsvWith('csv-parse', text, { file: 'FF3.csv' })), outcome(() => parseFactorCsv(text, { file: 'FF3.csv' }))];

  const wellFormed: [string, string][] = [
    ['plain \\n lines', lines(HEADER, ...R)],
    ['a final newline', lines(HEADER, ...R) + '\n'],
    ['CRLF line endings', crlf(HEADER, ...R) + '\r\n'],
    ['a byte-order mark', '\uFEFF' + lines(HEADER, ...R)],
    ['a byte-order mark and CRLF', '\uFEFF' + crlf(HEADER, ...R)],
    ['blank lines (skipped)', lines('', HEADER, '', R0, '', '', R1, R2, '') + '\n\n'],
    ['lines of spaces and tabs (skipped)', lines('  ', HEADER, ' \t ', R0, '\t', R1) + '\n   '],
    ['spaces around cells (trimmed)', lines(' date , open,high ,low,close,adj_close , volume ', R0.split(',').join(' , '), '\t' + R1 + '\t')],
    ['Unicode spaces around cells (trimmed as csv-parse does)', lines(HEADER, R0.split(',').join('\u00a0,\u3000'), '\u2028' + R1 + '\uFEFF')],
    ['an upper-case header', lines(HEADER.toUpperCase(), R0)],
    ['empty price cells (index levels, adj-only sources)', lines(HEADER, cell(cell(R0, 5, ''), 1, ''), cell(R1, 4, ''))],
    ['TSM (no as-traded column)', fixture('prices', 'TSM.csv')],
  ];
  const malformed: [string, string][] = [
    ['an empty file', ''],
    ['only blank lines', '\n \n\t\n'],
    ['only a byte-order mark', '\uFEFF'],
    ['a header only', HEADER],
    ['a header and blank lines', lines(HEADER, '', '  ', '')],
    ['a wrong header', lines('date,close', R0)],
    ['a header with a column missing', lines(HEADER.replace(',volume', ''), R0)],
    ['a header after blank lines, wrong', lines('', '', 'Date;Open', R0)],
    ['a row with a field too many', lines(HEADER, R0, R1 + ',')],
    ['a row with a field missing', lines(HEADER, R0, R1.slice(0, R1.lastIndexOf(',')))],
    ['a comma inside a number', lines(HEADER, cell(R0, 4, '142,62'))],
    ['a row of commas', lines(HEADER, ',,,,,,')],
    ['a lone cell', lines(HEADER, R0, '2025')],
    ['text in a price', lines(HEADER, R0, cell(R1, 4, 'abc'))],
    ['a number with an inner space', lines(HEADER, cell(R0, 2, '1 000'))],
    ['a hexadecimal number', lines(HEADER, cell(R0, 1, '0x10'))],
    ['Infinity', lines(HEADER, cell(R0, 3, 'Infinity'))],
    ['an exponent with no digits', lines(HEADER, cell(R0, 3, '1e'))],
    ['an overflowing number', lines(HEADER, cell(R0, 3, '1e999'))],
    ['a zero price', lines(HEADER, cell(R0, 4, '0'))],
    ['a negative price', lines(HEADER, cell(R0, 5, '-1.5'))],
    ['a negative volume', lines(HEADER, cell(R0, 6, '-5'))],
    ['a zero volume (accepted)', lines(HEADER, cell(R0, 6, '0'))],
    ['neither close nor adj_close', lines(HEADER, cell(cell(R0, 4, ''), 5, ''))],
    ['an impossible date', lines(HEADER, cell(R0, 0, '2025-02-29'))],
    ['year 0000', lines(HEADER, cell(R0, 0, '0000-01-01'))],
    ['a date with a time', lines(HEADER, cell(R0, 0, '2025-01-27T00:00'))],
    ['a duplicate date', lines(HEADER, R0, R1, R1)],
    ['dates out of order', lines(HEADER, R1, R0)],
    ['an error after blank lines (line numbers count them)', lines('', HEADER, '', '', R0, ' ', cell(R1, 4, 'x'))],
    ['an error in a CRLF file', crlf(HEADER, R0, '', cell(R1, 4, '-2'))],
    ['an error in a file with a byte-order mark', '\uFEFF' + lines(HEADER, R1, R0)],
    ['a date error before a number error on an earlier line', lines(HEADER, cell(R0, 4, 'x'), R2, R1)],
    ['a field-count error before everything else', lines(HEADER, cell(R0, 0, 'bad'), R1 + ',1')],
  ];

  it.each([...wellFormed, ...malformed])('%s', (_what, text) => {
    expect(csvReaderFor(text)).toBe('fast');
    const [fast, csvParse, auto] = bothWays(text);
    expect(fast).toEqual(csvParse);
    expect(auto).toEqual(csvParse);
  });

  it('the well-formed cases parse, the malformed ones are DataErrors', () => {
    for (const [what, text] of wellFormed) expect(bothWays(text)[0], what).toHaveProperty('value');
    for (const [what, text] of malformed.filter(([w]) => !w.includes('(accepted)'))) {
      expect(bothWays(text)[0], what).toMatchObject({ dataError: true });
    }
  });

  it('line numbers count blank lines', () => {
    const text = lines('', HEADER, '', '', R0, ' ', cell(R1, 4, 'x'));
    const date = R1.split(',')[0];
    expect(bothWays(text)[0]).toMatchObject({ message: `x/NVDA.csv:7 (NVDA, ${date}): close "x" is not a number` });
  });

  it.each([
    ['a factor file', lines(FF_HEADER, ...F) + '\n'],
    ['a factor file with CRLF and blank lines', crlf('', FF_HEADER, F[0]!, '', F[1]!)],
    ['a factor file with a missing value', lines(FF_HEADER, F[0]!, cell(F[1]!, 2, ''))],
    ['a factor file with text in a value', lines(FF_HEADER, cell(F[0]!, 4, 'n/a'))],
    ['a factor file with unsorted dates', lines(FF_HEADER, F[1]!, F[0]!)],
    ['a factor file with a price header', lines(HEADER, R0)],
    ['an empty factor file', ''],
  ])('%s', (_what, text) => {
    expect(csvReaderFor(text)).toBe('fast');
    const [fast, csvParse, auto] = bothWays(text, 'factor');
    expect(fast).toEqual(csvParse);
    expect(auto).toEqual(csvParse);
  });

  it.each([
    ['a quoted cell', lines(HEADER, `"${R0.split(',')[0]}",` + R0.split(',').slice(1).join(','))],
    ['an unclosed quote', lines(HEADER, `"${R0}`)],
    ['old Mac \\r line endings', [HEADER, R0, R1].join('\r')],
    ['mixed \\r\\n and \\n line endings', `${HEADER}\r\n${R0}\n${R1}`],
    ['a stray \\r inside a line', lines(HEADER, R0.replace(',', ',\r'), R1)],
    ['a lone UTF-16 surrogate', lines(HEADER, R0, cell(R1, 0, '\uD800'))],
  ])('sends %s to csv-parse', (_what, text) => {
    expect(csvReaderFor(text)).toBe('csv-parse');
    expect(() => parsePriceCsvWith('fast', text, where)).toThrow(/internal/);
    const [, csvParse, auto] = bothWays(text);
    expect(auto).toEqual(csvParse);
  });

  it('a quoted file still parses (through csv-parse), with the same rows as the plain one', () => {
    const plain = lines(HEADER, R0, R1);
    const quoted = lines(HEADER, ...[R0, R1].map((r) => r.split(',').map((c) => `"${c}"`).join(',')));
    expect(parsePriceCsv(quoted, where)).toEqual(parsePriceCsv(plain, where));
    expect(() => parsePriceCsv(lines(HEADER, `"${R0}`), where)).toThrow(/x\/NVDA.csv:2 \(NVDA\): not valid CSV: Quote Not Closed/);
  });

  it('every bundled price file and the factor file read the same both ways', () => {
    const files = readdirSync(join(ROOT, 'fixtures', 'prices')).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const text = fixture('prices', f);
      const at = { file: f, symbol: f.replace(/\.csv$/, '') };
      expect(csvReaderFor(text), f).toBe('fast');
      const fast = parsePriceCsvWith('fast', text, at);
      expect(fast.rows.length, f).toBeGreaterThan(100);
      expect(fast, f).toEqual(parsePriceCsvWith('csv-parse', text, at));
    }
    const text = fixture('FF3.csv');
    expect(csvReaderFor(text)).toBe('fast');
    expect(parseFactorCsvWith('fast', text, { file: 'FF3.csv' })).toEqual(parseFactorCsvWith('csv-parse', text, { file: 'FF3.csv' }));
  });

  it('agrees with csv-parse on 3000 seeded random edits of real rows', () => {
    let seed = 20250127;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;
    const bits = [',', ' ', '\t', '\n', '\r\n', '\uFEFF', '\u00a0', '\u2028', '\u180e', '\v', '-', '.', 'e', '+', '0', '9', 'x', '', ',,', '2025-02-29', '2024-02-29'];
    let fastCases = 0;
    for (let t = 0; t < 3000; t++) {
      const kind = random() < 0.8 ? 'price' : 'factor';
      const source = kind === 'price' ? nvda : ff;
      const i = 1 + Math.floor(random() * (source.length - 8));
      let text = [source[0]!, ...source.slice(i, i + 1 + Math.floor(random() * 4))].join(random() < 0.7 ? '\n' : '\r\n') + pick(['', '\n', '\n\n']);
      for (let k = Math.floor(random() * 3); k >= 0; k--) {
        const p = Math.floor(random() * (text.length + 1));
        const op = random();
        text = op < 0.5 ? text.slice(0, p) + pick(bits) + text.slice(p) : op < 0.8 ? text.slice(0, p) + text.slice(p + 1 + Math.floor(random() * 3)) : text.slice(0, p) + pick(bits) + text.slice(p + 1);
      }
      const [fast, csvParse, auto] = csvReaderFor(text) === 'fast' ? (fastCases++, bothWays(text, kind)) : [undefined, ...bothWays(text, kind).slice(1)];
      if (fast !== undefined) expect(fast, JSON.stringify(text)).toEqual(csvParse);
      expect(auto, JSON.stringify(text)).toEqual(csvParse);
    }
    expect(fastCases).toBeGreaterThan(1500);
  });

  it('keeps exporting isIsoDate, now from src/util/dates.ts', () => {
    expect(isIsoDate).toBe(isIsoDateFromDates);
  });
});

describe('the quick path for well-formed files reads every number as Number() does', () => {
  it('decimals of up to 22 digits, with and without a point: the same double, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 22 }),
        fc.nat(22),
        (ds, point) => {
          const digits = ds.join('');
          const at = Math.min(point, digits.length);
          const cell = at === digits.length ? digits : `${digits.slice(0, at)}.${digits.slice(at)}`;
          if (!(Number(cell) > 0)) return; // prices must be positive: zero is the general path's error
          const text = `${HEADER}\n2025-01-24,${cell},${cell},${cell},${cell},${cell},${digits}\n`;
          expect(csvReaderFor(text)).toBe('fast');
          const row = parsePriceCsvWith('fast', text, where).rows[0]!;
          expect(Object.is(row.close, Number(cell)), cell).toBe(true);
          expect(Object.is(row.volume, Number(digits)), digits).toBe(true);
          expect(parsePriceCsvWith('csv-parse', text, where).rows[0]).toEqual(row);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
