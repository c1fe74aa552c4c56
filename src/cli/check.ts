import { join } from 'node:path';
import { checkSeries, type DayNote } from '../data/check.js';
import { loadPrices } from '../data/load.js';
import { TICKER } from '../data/symbols.js';
import { UsageError } from '../errors.js';
import { parse } from './args.js';

export const CHECK_HELP = `sputnik check: a price file held against the NYSE trading calendar

Usage: sputnik check SYMBOL [--data DIR] [--json]

Reads SYMBOL.csv (the bundled fixture, or DIR/SYMBOL.csv with --data) and lists, inside the
file's own first..last range:
  missing days  NYSE trading days without a row (data gaps)
  extra days    rows on days the NYSE was closed (weekends, holidays, special closures)
each in the calendar's words ("2025-01-20 is a holiday (Martin Luther King Jr. Day)").
With --json: one JSON object { symbol, file, rows, first, last, tradingDays, missing, extra, notes }.
Exit status 0 when the file was read (whatever it lacks), 1 when it cannot be read, 2 on bad usage.

Example:
  sputnik check NVDA
  sputnik check NVDA --data data/ --json`;

function section(title: string, days: readonly DayNote[]): string[] {
  if (days.length === 0) return [`${title}: none`];
  return [`${title}: ${days.length}`, ...days.map((d) => `  ${d.description}`)];
}

/** `sputnik check`: the missing and extra days of a price file. */
export async function checkCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, {
    data: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return CHECK_HELP;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? `give one symbol, not ${positionals.length} (see sputnik check --help)` : 'give a symbol, e.g. sputnik check NVDA (see sputnik check --help)');
  }
  const symbol = positionals[0]!.toUpperCase();
  if (!TICKER.test(symbol)) throw new UsageError(`"${positionals[0]}" is not a ticker symbol (letters, digits, . - ^ =)`);
  const dataDir = values.data as string | undefined;
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data needs a folder');
  const series = await loadPrices(symbol, dataDir !== undefined ? { dataDir } : {});
  // The file as the user knows it: DIR/SYMBOL.csv as given, or the bundled fixture's place in the package (its source).
  const file = dataDir !== undefined ? join(dataDir, `${symbol}.csv`) : series.source;
  const c = checkSeries(series);
  if (values.json) {
    const { source: _source, symbol: _symbol, ...rest } = c;
    return JSON.stringify({ symbol: c.symbol, file, ...rest });
  }
  return [
    `${symbol} (${file}): ${c.rows} rows from ${c.first} to ${c.last}; ${c.tradingDays} NYSE trading days in that range`,
    ...section('missing days (trading days without a row)', c.missing),
    ...section('extra days (rows on days the NYSE was closed)', c.extra),
    ...c.notes.map((n) => `note: ${n}`),
  ].join('\n');
}
