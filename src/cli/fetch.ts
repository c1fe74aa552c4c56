import { join } from 'node:path';
import { isIsoDate } from '../data/csv.js';
import { loadYahooPrices, priceSeriesToCsv, type YahooPriceSeries } from '../data/yahoo.js';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { parse } from './args.js';

export const FETCH_HELP = `sputnik fetch: download daily prices from Yahoo Finance into fixture-format files (needs the network)

Usage: sputnik fetch SYMBOL [SYMBOL...] --from YYYY-MM-DD --to YYYY-MM-DD --out DIR

Writes DIR/SYMBOL.csv (date,open,high,low,close,adj_close,volume) for each symbol, all or none;
use them with "sputnik study --data DIR".`;

/** `sputnik fetch`: live data saved in the fixture format. */
export async function fetchCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return FETCH_HELP;
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  const out = values.out as string | undefined;
  if (!positionals.length) throw new UsageError('give at least one symbol (see sputnik fetch --help)');
  for (const [name, v] of [['--from', from], ['--to', to]] as const) {
    if (!v || !isIsoDate(v)) throw new UsageError(`${name} must be a YYYY-MM-DD date`);
  }
  if (!out) throw new UsageError('--out DIR is required');
  const series: YahooPriceSeries[] = [];
  for (const symbol of positionals) {
    process.stderr.write(`fetching ${symbol} ${from}..${to}\n`);
    series.push(await loadYahooPrices(symbol, { from: from!, to: to! }));
  }
  const files = series.map((s) => ({ path: join(out, `${s.symbol}.csv`), data: priceSeriesToCsv(s) }));
  await writeFilesAtomic(files);
  return files.map((f, i) => `${f.path}: ${series[i]!.rows.length} days${series[i]!.notes.length ? ` (${series[i]!.notes.join('; ')})` : ''}`).join('\n');
}
