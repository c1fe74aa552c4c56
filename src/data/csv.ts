import { createRequire } from 'node:module';
import type { parse as CsvParseSync } from 'csv-parse/sync';
import { DataError } from '../errors.js';
import { isIsoDate } from '../util/dates.js';
import type { FactorSeries, PriceRow, PriceSeries } from './types.js';

export { isIsoDate } from '../util/dates.js';

/** The header every price file carries, in this order. */
export const PRICE_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'adj_close', 'volume'] as const;
/** The header of the Fama-French factor file (values in percent). */
export const FACTOR_COLUMNS = ['date', 'mkt_rf', 'smb', 'hml', 'rf'] as const;

interface Where {
  file: string;
  symbol?: string;
}

/** One record of a CSV file: its cells (trimmed) and the 1-based line it is on. */
interface Row {
  line: number;
  cells: string[];
}

/**
 * @internal How a text is split into rows of cells:
 * - `fast`: the built-in reader for plain files (the fixture format): no quote character,
 *   lines ending all in `\n` or all in `\r\n`;
 * - `csv-parse`: csv-parse, for everything else (quoted cells, old Mac `\r` line endings,
 *   mixed line endings, text with lone UTF-16 surrogates). Loaded on first use only.
 *
 * Both give the same rows and line numbers on every text the fast reader accepts
 * (`tests/csv.test.ts` compares them).
 */
export type CsvReader = 'fast' | 'csv-parse';

/** A `\r` not followed by `\n`, or a `\n` not preceded by `\r`. */
const UNPAIRED_CR_OR_LF = /\r(?!\n)|(?<!\r)\n/;
/** A UTF-16 surrogate (only used where `String.prototype.isWellFormed` is missing: conservative). */
const SURROGATE = /[\uD800-\uDFFF]/;
/** `String.prototype.isWellFormed` (Node 20+): no lone surrogate. */
const isWellFormed = (String.prototype as unknown as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * @internal The reader `parsePriceCsv` and `parseFactorCsv` use for this text.
 *
 * @example
 * csvReaderFor('date,close\n2025-01-27,118.42\n'); // 'fast'
 * csvReaderFor('date,close\n"2025-01-27",118.42\n'); // 'csv-parse'
 */
export function csvReaderFor(text: string): CsvReader {
  if (text.includes('"')) return 'csv-parse';
  // csv-parse takes the first line ending it meets as the record delimiter for the whole file
  // and counts every \r and \n as a line: only uniform \n or \r\n files are read the fast way.
  if (text.includes('\r') && UNPAIRED_CR_OR_LF.test(text)) return 'csv-parse';
  // csv-parse reads a UTF-8 encoding of the text, which turns a lone surrogate into U+FFFD.
  if (isWellFormed ? !isWellFormed.call(text) : SURROGATE.test(text)) return 'csv-parse';
  return 'fast';
}

/**
 * The fast reader: split lines, split cells on commas, trim each cell (`String.prototype.trim`,
 * the same characters as csv-parse's `trim`), skip lines that are blank once trimmed. Line
 * numbers count every line, blank ones included. Only for texts `csvReaderFor` accepts.
 */
function readFast(text: string): Row[] {
  const eol = text.includes('\r') ? '\r\n' : '\n';
  const rows: Row[] = [];
  const n = text.length;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark (csv-parse's `bom: true`)
  let line = 0;
  while (start <= n) {
    let end = text.indexOf(eol, start);
    if (end === -1) end = n;
    line++;
    const raw = text.slice(start, end);
    start = end + eol.length;
    if (raw.includes(',')) {
      const cells = raw.split(',');
      for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
      rows.push({ line, cells });
    } else {
      const cell = raw.trim();
      if (cell !== '') rows.push({ line, cells: [cell] });
    }
  }
  return rows;
}

let csvParse: typeof CsvParseSync | undefined;

/** csv-parse's synchronous parser, required on first use so that plain files never load it. */
function loadCsvParse(): typeof CsvParseSync {
  csvParse ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof CsvParseSync }).parse;
  return csvParse;
}

/** The general reader: csv-parse does the quoting rules and counts the lines. */
function readWithCsvParse(text: string, where: Where): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    const parse = loadCsvParse();
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new DataError(`not valid CSV: ${e.message ?? String(err)}`, { ...where, line: e.lines });
  }
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

/** Split CSV text into rows of cells, each with its 1-based line number; check the header and the field counts. */
function readRows(text: string, where: Where, header: readonly string[], reader: CsvReader): Row[] {
  let records: Row[];
  if (reader === 'fast') {
    if (csvReaderFor(text) !== 'fast') throw new Error('internal: the fast CSV reader cannot read this text');
    records = readFast(text);
  } else {
    records = readWithCsvParse(text, where);
  }
  const first = records[0];
  if (!first) throw new DataError('the file is empty (expected a header line)', where);
  const got = first.cells.map((c) => c.toLowerCase());
  if (got.length !== header.length || got.some((c, i) => c !== header[i])) {
    throw new DataError(`header is "${first.cells.join(',')}", expected "${header.join(',')}"`, { ...where, line: first.line });
  }
  const rows = records.slice(1);
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      throw new DataError(`has ${r.cells.length} fields, expected ${header.length}`, { ...where, line: r.line, date: r.cells[0] });
    }
  }
  return rows;
}

function checkDates(rows: readonly Row[], where: Where): void {
  let prev: string | undefined;
  for (const { cells, line } of rows) {
    const date = cells[0] ?? '';
    if (!isIsoDate(date)) throw new DataError(`"${date}" is not a valid YYYY-MM-DD date`, { ...where, line });
    if (prev !== undefined && date === prev) throw new DataError(`duplicate date ${date}`, { ...where, line, date });
    if (prev !== undefined && date < prev) {
      throw new DataError(`date ${date} comes after ${prev}: dates must be ascending`, { ...where, line, date });
    }
    prev = date;
  }
}

/** A decimal number as written in the files: no hex, no `Infinity`, no spaces, no thousands separators. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Digits with at most one decimal point and at least one digit (`118.42`, `7`, `.5`, `3.`): most cells, checked without a regular expression. */
function isPlainDecimal(cell: string): boolean {
  let digits = 0;
  let dot = false;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

function parseNumber(cell: string, column: string, where: Where, line: number, date: string, positive: boolean): number | null {
  if (cell === '') return null;
  const v = Number(cell);
  if (!(isPlainDecimal(cell) || NUMBER.test(cell)) || !Number.isFinite(v)) {
    throw new DataError(`${column} "${cell}" is not a number`, { ...where, line, date, field: column });
  }
  if (positive && !(v > 0)) throw new DataError(`${column} ${cell} is not a positive price`, { ...where, line, date, field: column });
  if (!positive && v < 0) throw new DataError(`${column} ${cell} is negative`, { ...where, line, date, field: column });
  return v;
}

const PRICE_HEADER = PRICE_COLUMNS.join(',');

/** Exact powers of ten as doubles (10^0 .. 10^22 are all representable). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * A number cell of a well-formed file: empty (null), or a plain decimal (else undefined: not for
 * the quick path). Digits are read as an integer mantissa m and a count k of decimals; when m is
 * exact (at most 2^53) and k <= 22, m / 10^k is one correctly rounded division of two exact
 * doubles, hence the same double as `Number(cell)` (Clinger 1990, "How to read floating point
 * numbers accurately", the fast path); other cells go through `Number`.
 */
function quickNumber(text: string, start: number, end: number): number | null | undefined {
  if (start === end) return null;
  let m = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) decimals = 0;
    else return undefined;
  }
  if (digits === 0) return undefined;
  const k = decimals < 0 ? 0 : decimals;
  if (m <= Number.MAX_SAFE_INTEGER && k <= 22) return m / POW10[k]!;
  return Number(text.slice(start, end));
}

/**
 * The quick path of the fast reader, for well-formed files only (the fixture format exactly:
 * the header in lower case, no byte-order mark, no spaces, plain decimal numbers, positive
 * prices, ascending valid dates, a close or an adjusted close on every row): one pass over the
 * text, no intermediate rows. Anything else returns null, and the general path reads the file
 * again and says exactly what is wrong, so a file gives the same result or the same error
 * either way.
 */
function quickPrices(text: string, where: { file: string; symbol: string }): PriceSeries | null {
  const eol = text.includes('\r') ? '\r\n' : '\n';
  const n = text.length;
  let end = text.indexOf(eol);
  if (end === -1 || text.slice(0, end) !== PRICE_HEADER) return null;
  let start = end + eol.length;
  const rows: PriceRow[] = [];
  const comma = new Int32Array(6);
  let prev = '';
  while (start < n) {
    end = text.indexOf(eol, start);
    if (end === -1) end = n;
    if (end === start) {
      start = end + eol.length; // a blank line
      continue;
    }
    let c = start;
    for (let k = 0; k < 6; k++) {
      c = text.indexOf(',', c);
      if (c === -1 || c >= end) return null;
      comma[k] = c++;
    }
    if (text.indexOf(',', c) !== -1 && text.indexOf(',', c) < end) return null;
    if (comma[0] !== start + 10) return null;
    const date = text.slice(start, start + 10);
    if (!(date > prev) || !isIsoDate(date)) return null;
    prev = date;
    const open = quickNumber(text, comma[0]! + 1, comma[1]!);
    const high = quickNumber(text, comma[1]! + 1, comma[2]!);
    const low = quickNumber(text, comma[2]! + 1, comma[3]!);
    const close = quickNumber(text, comma[3]! + 1, comma[4]!);
    const adjClose = quickNumber(text, comma[4]! + 1, comma[5]!);
    const volume = quickNumber(text, comma[5]! + 1, end);
    if (open === undefined || high === undefined || low === undefined || close === undefined || adjClose === undefined || volume === undefined) return null;
    if (open === 0 || high === 0 || low === 0 || close === 0 || adjClose === 0) return null; // plain decimals are >= 0
    if (close === null && adjClose === null) return null;
    rows.push({ date, open, high, low, close, adjClose, volume });
    start = end + eol.length;
  }
  return rows.length ? { symbol: where.symbol, source: where.file, rows } : null;
}

function parsePrices(text: string, where: { file: string; symbol: string }, reader: CsvReader): PriceSeries {
  if (reader === 'fast') {
    const quick = quickPrices(text, where);
    if (quick) return quick;
  }
  const rows = readRows(text, where, PRICE_COLUMNS, reader);
  if (rows.length === 0) throw new DataError('has a header but no price rows', where);
  checkDates(rows, where);
  const out: PriceRow[] = [];
  for (const { line, cells } of rows) {
    const [date = '', open = '', high = '', low = '', close = '', adj = '', volume = ''] = cells;
    const row: PriceRow = {
      date,
      open: parseNumber(open, 'open', where, line, date, true),
      high: parseNumber(high, 'high', where, line, date, true),
      low: parseNumber(low, 'low', where, line, date, true),
      close: parseNumber(close, 'close', where, line, date, true),
      adjClose: parseNumber(adj, 'adj_close', where, line, date, true),
      volume: parseNumber(volume, 'volume', where, line, date, false),
    };
    if (row.close === null && row.adjClose === null) throw new DataError('has neither close nor adj_close', { ...where, line, date });
    out.push(row);
  }
  return { symbol: where.symbol, source: where.file, rows: out };
}

function parseFactors(text: string, where: { file: string }, reader: CsvReader): FactorSeries {
  const rows = readRows(text, where, FACTOR_COLUMNS, reader);
  if (rows.length === 0) throw new DataError('has a header but no factor rows', where);
  checkDates(rows, where);
  const dates: string[] = [];
  const mktRf: number[] = [];
  const smb: number[] = [];
  const hml: number[] = [];
  const rf: number[] = [];
  for (const { line, cells } of rows) {
    const date = cells[0] ?? '';
    const value = (i: number): number => {
      const column = FACTOR_COLUMNS[i] ?? '';
      const cell = cells[i] ?? '';
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) throw new DataError(`${column} "${cell}" is not a number`, { ...where, line, date, field: column });
      return v / 100;
    };
    dates.push(date);
    mktRf.push(value(1));
    smb.push(value(2));
    hml.push(value(3));
    rf.push(value(4));
  }
  return { source: where.file, dates, mktRf, smb, hml, rf };
}

/**
 * Parse and validate a price file in the fixture format. Rejects a wrong header, a malformed
 * number, a non-positive price, a row with neither `close` nor `adj_close`, an invalid,
 * duplicate or out-of-order date; the error names the file, line, symbol and date.
 *
 * Plain files (no `"`, uniform `\n` or `\r\n` line endings, like every bundled fixture) are
 * read by a built-in splitter; anything else goes through csv-parse, with the same results.
 *
 * @example
 * const nvda = parsePriceCsv(text, { file: 'fixtures/prices/NVDA.csv', symbol: 'NVDA' });
 * nvda.rows.at(-1)?.close; // 208.27000427246094
 */
export function parsePriceCsv(text: string, where: { file: string; symbol: string }): PriceSeries {
  return parsePrices(text, where, csvReaderFor(text));
}

/**
 * Parse the daily Fama-French 3-factor file (`date,mkt_rf,smb,hml,rf`, percent) into decimals.
 *
 * @example
 * const ff = parseFactorCsv(text, { file: 'fixtures/FF3.csv' });
 * ff.mktRf[0]; // -0.0012 (the file says -0.12 %)
 */
export function parseFactorCsv(text: string, where: { file: string }): FactorSeries {
  return parseFactors(text, where, csvReaderFor(text));
}

/**
 * @internal `parsePriceCsv` with the reader forced (tests compare the two readers). `fast`
 * throws a plain `Error` on a text `csvReaderFor` would send to csv-parse.
 */
export function parsePriceCsvWith(reader: CsvReader, text: string, where: { file: string; symbol: string }): PriceSeries {
  return parsePrices(text, where, reader);
}

/** @internal `parseFactorCsv` with the reader forced (tests compare the two readers). */
export function parseFactorCsvWith(reader: CsvReader, text: string, where: { file: string }): FactorSeries {
  return parseFactors(text, where, reader);
}
