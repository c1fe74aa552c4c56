import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { packagePath } from '../util/paths.js';
import { parseFactorCsv, parsePriceCsv } from './csv.js';
import { parseFacts } from './facts.js';
import type { Facts, FactorSeries, PriceSeries } from './types.js';

/** The bundled recorded data (copied from the project's shared data; see fixtures/README.md). */
export const FIXTURES_DIR = packagePath('fixtures');
/** Folder of the bundled price files, one `SYMBOL.csv` each. */
export const FIXTURE_PRICES_DIR = packagePath('fixtures', 'prices');

/** A ticker as it may appear in a file name: letters, digits, `.`, `-`, `^`, `=`. */
const SYMBOL = /^[A-Za-z0-9.^=-]{1,20}$/;

async function readText(file: string, what: string, symbol?: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no ${what} file` : `cannot read the ${what} file (${code ?? String(err)})`;
    throw new DataError(why, { file, symbol });
  }
}

/**
 * Load `DIR/SYMBOL.csv` (default: the bundled fixtures) as a validated price series.
 *
 * @example
 * const nvda = await loadPrices('NVDA');                       // bundled fixture
 * const mine = await loadPrices('NVDA', { dataDir: './data' }); // ./data/NVDA.csv
 */
export async function loadPrices(symbol: string, opts: { dataDir?: string } = {}): Promise<PriceSeries> {
  if (!SYMBOL.test(symbol)) throw new DataError(`"${symbol}" is not a ticker symbol`, { symbol });
  const file = join(opts.dataDir ?? FIXTURE_PRICES_DIR, `${symbol}.csv`);
  return parsePriceCsv(await readText(file, 'price', symbol), { file, symbol });
}

/**
 * Load the daily Fama-French factors. Looks for `FF3.csv` in `dataDir` first (if given), then
 * in the bundled fixtures.
 */
export async function loadFactors(opts: { dataDir?: string; file?: string } = {}): Promise<FactorSeries> {
  const file = opts.file ?? (await firstExisting([opts.dataDir && join(opts.dataDir, 'FF3.csv'), join(FIXTURES_DIR, 'FF3.csv')]));
  return parseFactorCsv(await readText(file, 'Fama-French factor'), { file });
}

/** Load the facts file (share counts, wire figures): `facts.json` in `dataDir` if present, else the bundled one. */
export async function loadFacts(opts: { dataDir?: string; file?: string } = {}): Promise<Facts> {
  const file = opts.file ?? (await firstExisting([opts.dataDir && join(opts.dataDir, 'facts.json'), join(FIXTURES_DIR, 'facts.json')]));
  return parseFacts(await readText(file, 'facts'), file);
}

async function firstExisting(candidates: (string | undefined | '')[]): Promise<string> {
  const files = candidates.filter((c): c is string => !!c);
  for (const f of files) {
    try {
      await access(f);
      return f;
    } catch {
      // try the next one
    }
  }
  return files[files.length - 1] ?? '';
}
