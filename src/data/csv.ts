import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { DataError } from '../errors.js';
import type { FactorSeries, PriceRow, PriceSeries } from './types.js';

/** The header every price file carries, in this order. */
export const PRICE_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'adj_close', 'volume'] as const;
/** The header of the Fama-French factor file (values in percent). */
export const FACTOR_COLUMNS = ['date', 'mkt_rf', 'smb', 'hml', 'rf'] as const;

interface Where {
  file: string;
  symbol?: string;
}

/** Split CSV text into rows of cells, each with its 1-based line number (csv-parse does the quoting rules). */
function readRows(text: string, where: Where, header: readonly string[]): { line: number; cells: string[] }[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new DataError(`not valid CSV: ${e.message ?? String(err)}`, { ...where, line: e.lines });
  }
  const first = records[0];
  if (!first) throw new DataError('the file is empty (expected a header line)', where);
  const got = first.record.map((c) => c.toLowerCase());
  if (got.length !== header.length || got.some((c, i) => c !== header[i])) {
    throw new DataError(`header is "${first.record.join(',')}", expected "${header.join(',')}"`, { ...where, line: first.info.lines });
  }
  const rows = records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record }));
  for (const r of rows) {
    if (r.cells.length !== header.length) {
      throw new DataError(`has ${r.cells.length} fields, expected ${header.length}`, { ...where, line: r.line, date: r.cells[0] });
    }
  }
  return rows;
}

/** A strict ISO calendar date (`YYYY-MM-DD`) that exists. */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
}

function checkDates(dates: readonly { date: string; line: number }[], where: Where): void {
  let prev: string | undefined;
  for (const { date, line } of dates) {
    if (!isIsoDate(date)) throw new DataError(`"${date}" is not a valid YYYY-MM-DD date`, { ...where, line });
    if (prev !== undefined && date === prev) throw new DataError(`duplicate date ${date}`, { ...where, line, date });
    if (prev !== undefined && date < prev) {
      throw new DataError(`date ${date} comes after ${prev}: dates must be ascending`, { ...where, line, date });
    }
    prev = date;
  }
}

function parseNumber(cell: string, column: string, where: Where & { line: number; date: string }, positive: boolean): number | null {
  if (cell === '') return null;
  const v = Number(cell);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) || !Number.isFinite(v)) {
    throw new DataError(`${column} "${cell}" is not a number`, { ...where, field: column });
  }
  if (positive && !(v > 0)) throw new DataError(`${column} ${cell} is not a positive price`, { ...where, field: column });
  if (!positive && v < 0) throw new DataError(`${column} ${cell} is negative`, { ...where, field: column });
  return v;
}

/**
 * Parse and validate a price file in the fixture format. Rejects a wrong header, a malformed
 * number, a non-positive price, a row with neither `close` nor `adj_close`, an invalid,
 * duplicate or out-of-order date; the error names the file, line, symbol and date.
 *
 * @example
 * const nvda = parsePriceCsv(text, { file: 'fixtures/prices/NVDA.csv', symbol: 'NVDA' });
 * nvda.rows.at(-1)?.close; // 208.27000427246094
 */
export function parsePriceCsv(text: string, where: { file: string; symbol: string }): PriceSeries {
  const rows = readRows(text, where, PRICE_COLUMNS);
  if (rows.length === 0) throw new DataError('has a header but no price rows', where);
  checkDates(rows.map((r) => ({ date: r.cells[0] ?? '', line: r.line })), where);
  const out: PriceRow[] = rows.map(({ line, cells }) => {
    const [date = '', open = '', high = '', low = '', close = '', adj = '', volume = ''] = cells;
    const at = { ...where, line, date };
    const row: PriceRow = {
      date,
      open: parseNumber(open, 'open', at, true),
      high: parseNumber(high, 'high', at, true),
      low: parseNumber(low, 'low', at, true),
      close: parseNumber(close, 'close', at, true),
      adjClose: parseNumber(adj, 'adj_close', at, true),
      volume: parseNumber(volume, 'volume', at, false),
    };
    if (row.close === null && row.adjClose === null) throw new DataError('has neither close nor adj_close', at);
    return row;
  });
  return { symbol: where.symbol, source: where.file, rows: out };
}

/**
 * Parse the daily Fama-French 3-factor file (`date,mkt_rf,smb,hml,rf`, percent) into decimals.
 *
 * @example
 * const ff = parseFactorCsv(text, { file: 'fixtures/FF3.csv' });
 * ff.mktRf[0]; // -0.0012 (the file says -0.12 %)
 */
export function parseFactorCsv(text: string, where: { file: string }): FactorSeries {
  const rows = readRows(text, where, FACTOR_COLUMNS);
  if (rows.length === 0) throw new DataError('has a header but no factor rows', where);
  checkDates(rows.map((r) => ({ date: r.cells[0] ?? '', line: r.line })), where);
  const f: FactorSeries = { source: where.file, dates: [], mktRf: [], smb: [], hml: [], rf: [] };
  for (const { line, cells } of rows) {
    const date = cells[0] ?? '';
    const value = (i: number): number => {
      const column = FACTOR_COLUMNS[i] ?? '';
      const cell = cells[i] ?? '';
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) throw new DataError(`${column} "${cell}" is not a number`, { ...where, line, date, field: column });
      return v / 100;
    };
    f.dates.push(date);
    f.mktRf.push(value(1));
    f.smb.push(value(2));
    f.hml.push(value(3));
    f.rf.push(value(4));
  }
  return f;
}
