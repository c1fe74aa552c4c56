import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { DataError } from '../errors.js';
import { packagePath } from '../util/paths.js';
import { parseFactorCsv, parsePriceCsv } from './csv.js';
import { parseFacts } from './facts.js';
import { TICKER } from './symbols.js';
import type { Facts, FactorSeries, PriceSeries } from './types.js';

/** The bundled recorded data (copied from the project's shared data; see fixtures/README.md). */
export const FIXTURES_DIR = packagePath('fixtures');
/** Folder of the bundled price files, one `SYMBOL.csv` each. */
export const FIXTURE_PRICES_DIR = packagePath('fixtures', 'prices');

/**
 * How a file is named in messages and outputs: a bundled file by its path inside the package
 * (`fixtures/prices/NVDA.csv`), any other as the caller gave it. Never this machine's path to
 * the package.
 */
export function displayPath(file: string): string {
  const rel = relative(packagePath(), resolve(file));
  return rel.startsWith(`fixtures${sep}`) ? rel.split(sep).join('/') : file;
}

/**
 * What an output records as a file's source: its path relative to the data folder it was read
 * from (`NVDA.csv` in a `--data` folder), or inside the package for the bundled fixtures.
 */
export function sourceName(file: string, dataDir: string | undefined): string {
  const shown = displayPath(file);
  if (shown !== file || dataDir === undefined) return shown;
  return relative(dataDir, file).split(sep).join('/');
}

async function readText(file: string, what: string, symbol?: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `no ${what} file` : `cannot read the ${what} file (${code ?? String(err)})`;
    throw new DataError(why, { file: displayPath(file), symbol });
  }
}

/**
 * The per-process cache of parsed files. Each entry holds the promise of one read-and-parse and
 * the stamp of the file it was started for (`fs.promises.stat`: device, inode, size, mtime,
 * ctime). A call whose file has the same stamp gets the same promise, so the file is parsed
 * once and concurrent callers share the read in flight; a changed stamp starts a new read; a
 * failed read or parse is dropped from the cache, so the next call tries again.
 */
const cache = new Map<string, { stamp: string; value: Promise<unknown> }>();

/**
 * Forget every cached file: the next `loadPrices`, `loadFactors` or `loadFacts` reads and
 * parses again. For tests, and for a long-running process that wants to release the memory or
 * to re-read a file rewritten without any change of size, inode or timestamps.
 *
 * @example
 * clearDataCache();
 * const fresh = await loadPrices('NVDA'); // read and parsed again
 */
export function clearDataCache(): void {
  cache.clear();
}

/** `load()` once per `key` and file version (see `cache`). */
async function cached<T>(key: string, file: string, load: () => Promise<T>): Promise<T> {
  let stamp: string;
  try {
    const s = await stat(file);
    stamp = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return load(); // the read itself says what is wrong (no file, no permission); nothing is cached
  }
  const id = `${key}\0${file}\0${resolve(file)}`;
  const hit = cache.get(id);
  if (hit && hit.stamp === stamp) return hit.value as Promise<T>;
  const entry = { stamp, value: load() as Promise<unknown> };
  cache.set(id, entry);
  entry.value.catch(() => {
    if (cache.get(id) === entry) cache.delete(id);
  });
  return entry.value as Promise<T>;
}

/**
 * Load `DIR/SYMBOL.csv` (default: the bundled fixtures) as a validated price series.
 *
 * The file is read and parsed once per process while it is unchanged (same size, inode and
 * timestamps): later calls, and calls made while the first read is in flight, get the **same
 * object**. Treat it as read-only; copy it before changing anything (`{ ...s, rows: [...s.rows] }`).
 *
 * @example
 * const nvda = await loadPrices('NVDA');                       // bundled fixture
 * const mine = await loadPrices('NVDA', { dataDir: './data' }); // ./data/NVDA.csv
 */
export async function loadPrices(symbol: string, opts: { dataDir?: string } = {}): Promise<PriceSeries> {
  if (!TICKER.test(symbol)) throw new DataError(`"${symbol}" is not a ticker symbol`, { symbol });
  const file = join(opts.dataDir ?? FIXTURE_PRICES_DIR, `${symbol}.csv`);
  return cached(`prices\0${symbol}`, file, async () => {
    let text: string;
    try {
      text = await readText(file, 'price', symbol);
    } catch (err) {
      // A ticker the bundled fixtures do not have: say which ones they have.
      if (opts.dataDir === undefined && err instanceof DataError && err.message.endsWith('no price file')) {
        const have = (await readdir(FIXTURE_PRICES_DIR)).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4)).sort();
        throw new DataError(`no price file: the bundled fixtures have ${have.join(', ')} (give a data folder or use live data for other tickers)`, { file: displayPath(file), symbol });
      }
      throw err;
    }
    const series = parsePriceCsv(text, { file: displayPath(file), symbol });
    return { ...series, source: sourceName(file, opts.dataDir) };
  });
}

/**
 * Load the daily Fama-French factors. Looks for `FF3.csv` in `dataDir` first (if given), then
 * in the bundled fixtures. Parsed once per process while the file is unchanged, like
 * `loadPrices`: the result is shared, treat it as read-only.
 */
export async function loadFactors(opts: { dataDir?: string; file?: string } = {}): Promise<FactorSeries> {
  const file = opts.file ?? (await firstExisting([opts.dataDir && join(opts.dataDir, 'FF3.csv'), join(FIXTURES_DIR, 'FF3.csv')]));
  return cached('factors', file, async () => {
    const factors = parseFactorCsv(await readText(file, 'Fama-French factor'), { file: displayPath(file) });
    return { ...factors, source: sourceName(file, opts.dataDir) };
  });
}

/**
 * Load the facts file (share counts, wire figures): `facts.json` in `dataDir` if present, else
 * the bundled one. Parsed once per process while the file is unchanged, like `loadPrices`: the
 * result is shared, treat it as read-only.
 */
export async function loadFacts(opts: { dataDir?: string; file?: string } = {}): Promise<Facts> {
  const file = opts.file ?? (await firstExisting([opts.dataDir && join(opts.dataDir, 'facts.json'), join(FIXTURES_DIR, 'facts.json')]));
  return cached('facts', file, async () => parseFacts(await readText(file, 'facts'), displayPath(file)));
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
