/**
 * The on-disk cache of live data: every Yahoo download is kept, with where and when it came
 * from, and a later request that a kept download covers is answered from disk, offline.
 *
 * Where: the `dir` option, else the environment variable `SPUTNIK_CACHE_DIR`, else the user's
 * cache directory: `$XDG_CACHE_HOME/sputnik-study` when `XDG_CACHE_HOME` is set, `%LOCALAPPDATA%\sputnik-study`
 * on Windows, `~/.cache/sputnik-study` otherwise.
 *
 * Layout: one folder per download, `yahoo/SYMBOL/FROM_TO/`, holding `SYMBOL.csv` (the series in
 * the fixture format, usable with `--data`) and `entry.json` (its provenance: source `yahoo`, the
 * symbol, the requested range, the fetch time, the row count, the first and last date, the
 * SHA-256 of the CSV, the download's notes). Nothing in an entry names a machine path.
 *
 * Atomic: an entry is written in full into a hidden temporary folder next to its place and then
 * renamed into place, so a reader sees a whole entry or none; on any failure the temporary folder
 * is removed and an older entry for the same range is left as it was. A reader checks the
 * CSV against the SHA-256 of `entry.json` and ignores any entry that does not match.
 *
 * Reuse: an entry answers a request for `from..to` when its requested range contains `from..to`
 * and it was fetched after the UTC day `to` ended (so the last bar was final): it then holds every
 * bar Yahoo had for the request. The newest such entry is used. A request that reaches today is
 * therefore always asked of Yahoo again (today's bar may still change).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, posix, resolve, win32 } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { liveNotes } from './check.js';
import { isIsoDate, parsePriceCsv } from './csv.js';
import { checkYahooRequest, TICKER } from './symbols.js';
import type { PriceRow } from './types.js';
import { loadYahooPrices, noPricesError, priceSeriesToCsv, type YahooLoadOptions, type YahooPriceSeries } from './yahoo.js';

/** The environment variable that moves the cache. */
export const CACHE_DIR_ENV = 'SPUTNIK_CACHE_DIR';

/** Where the cache is and whether to use it. */
export interface CacheOptions {
  /** The cache folder (default: `SPUTNIK_CACHE_DIR`, else the user's cache directory; see {@link defaultCacheDir}). */
  dir?: string;
  /** `false`: neither read nor write the cache (`--no-cache`). Default true. */
  enabled?: boolean;
}

/** Options of {@link loadLivePrices}: the Yahoo loader's, plus the cache. */
export interface LiveLoadOptions extends YahooLoadOptions {
  /** The cache (default: enabled, in {@link cacheDir}()); `false` is the same as `{ enabled: false }`. */
  cache?: CacheOptions | false;
  /** The clock, for tests (default `new Date()`). */
  now?: () => Date;
}

/** A live series and where it came from. `source` reads e.g. `yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)`. */
export interface LivePriceSeries extends YahooPriceSeries {
  /** When Yahoo was asked, ISO 8601 UTC to the second. */
  fetchedAt: string;
  /** True when the series was read from the cache (no request was made). */
  cached: boolean;
  /** The cache entry holding the series, relative to the cache folder (`yahoo/NVDA/2024-01-01_2025-03-01`), if any. */
  cacheEntry?: string;
}

/** What `entry.json` holds. */
export interface CacheEntry {
  cache: 'sputnik-study';
  version: 1;
  source: 'yahoo';
  symbol: string;
  requested: { from: string; to: string };
  fetchedAt: string;
  /** The CSV file's name inside the entry folder: always `SYMBOL.csv` (an entry naming another file is not read). */
  file: string;
  rows: number;
  first: string;
  last: string;
  sha256: string;
  exchangeTimezone?: string;
  dropped: string[];
  notes: string[];
}

/** The file operations the writer uses; tests pass failing ones to check that nothing half-written remains. */
export interface CacheIo {
  mkdir: (path: string, opts?: { recursive?: boolean }) => Promise<unknown>;
  writeFile: (path: string, data: string) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
  rm: (path: string, opts: { recursive: true; force: true }) => Promise<void>;
}

const NODE_IO: CacheIo = { mkdir, writeFile, rename, rm };

const ENTRY_NAME = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/;
const ENTRY_FILE = 'entry.json';

/**
 * The user's cache directory for sputnik-study: `$XDG_CACHE_HOME/sputnik-study` when
 * `XDG_CACHE_HOME` is an absolute path, `%LOCALAPPDATA%\sputnik-study` on Windows,
 * `~/.cache/sputnik-study` otherwise.
 *
 * @example
 * defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, 'linux', '/home/me'); // '/var/cache/me/sputnik-study'
 * defaultCacheDir({}, 'linux', '/home/me');                                  // '/home/me/.cache/sputnik-study'
 * defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32', 'C:\\Users\\me');
 * // 'C:\\Users\\me\\AppData\\Local\\sputnik-study'
 */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env, platform: string = process.platform, home: string = homedir()): string {
  const path = platform === 'win32' ? win32 : posix;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'sputnik-study');
  const local = env['LOCALAPPDATA'];
  if (platform === 'win32' && local && path.isAbsolute(local)) return path.join(local, 'sputnik-study');
  return path.join(home, '.cache', 'sputnik-study');
}

/**
 * The cache folder in use: `dir` if given, else `SPUTNIK_CACHE_DIR` if set, else {@link defaultCacheDir}().
 * A relative folder is taken from the current directory.
 */
export function cacheDir(dir?: string, env: Record<string, string | undefined> = process.env): string {
  if (dir !== undefined && dir.trim() === '') throw new UsageError('the cache folder must not be empty');
  return resolve(dir ?? (env[CACHE_DIR_ENV] || defaultCacheDir(env)));
}

/** ISO 8601 UTC to the second: `2026-11-29T10:00:00Z`. */
function isoSecond(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The entry folder's path relative to the cache folder, with `/` separators (what messages and provenance show). */
export function entryPath(symbol: string, from: string, to: string): string {
  return `yahoo/${symbol}/${from}_${to}`;
}

/** `yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)`. */
function sourceText(symbol: string, fetchedAt: string, cached: boolean): string {
  return `yahoo:${symbol} (fetched ${fetchedAt}${cached ? ', cached' : ''})`;
}

/** Read `entry.json` of one entry folder; undefined when it is missing or not an entry. */
async function readEntry(folder: string): Promise<CacheEntry | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, ENTRY_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const e = JSON.parse(text) as Partial<CacheEntry>;
    const ok =
      e.cache === 'sputnik-study' && e.version === 1 && e.source === 'yahoo' && typeof e.symbol === 'string' &&
      typeof e.requested?.from === 'string' && isIsoDate(e.requested.from) &&
      typeof e.requested?.to === 'string' && isIsoDate(e.requested.to) &&
      typeof e.fetchedAt === 'string' && !Number.isNaN(Date.parse(e.fetchedAt)) &&
      e.file === `${e.symbol}.csv` && TICKER.test(e.symbol) && typeof e.sha256 === 'string';
    return ok ? ({ dropped: [], notes: [], ...e } as CacheEntry) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an entry holds every final bar of `from..to`: its requested range contains the request,
 * and it was fetched after the UTC day `to` had ended (every exchange's session of a date is over
 * by then, so the bar of `to` could not change afterwards).
 */
function covers(e: CacheEntry, from: string, to: string): boolean {
  const fetchedOn = e.fetchedAt.slice(0, 10);
  return e.requested.from <= from && to <= e.requested.to && to < fetchedOn;
}

/** The entries kept for a symbol (valid `entry.json` only), newest fetch first. */
export async function cacheEntries(symbol: string, dir: string): Promise<{ path: string; entry: CacheEntry }[]> {
  const base = join(dir, 'yahoo', symbol);
  let names: string[];
  try {
    names = await readdir(base);
  } catch {
    return [];
  }
  const out: { path: string; entry: CacheEntry }[] = [];
  for (const name of names.sort()) {
    const range = ENTRY_NAME.exec(name);
    if (!range) continue; // temporary folders (.tmp-*, .old-*) and strays are never read
    const entry = await readEntry(join(base, name));
    if (entry && entry.symbol === symbol) out.push({ path: entryPath(symbol, range[1]!, range[2]!), entry });
  }
  return out.sort((a, b) => (a.entry.fetchedAt < b.entry.fetchedAt ? 1 : a.entry.fetchedAt > b.entry.fetchedAt ? -1 : 0));
}

/**
 * The cached series of `symbol` for `from..to`, or null when no kept download covers the request
 * (see the module's "Reuse"). An entry whose CSV does not match its SHA-256, or does not parse,
 * is skipped. No network.
 */
export async function readCachedPrices(symbol: string, from: string, to: string, dir: string): Promise<LivePriceSeries | null> {
  for (const { path, entry } of await cacheEntries(symbol, dir)) {
    if (!covers(entry, from, to)) continue;
    let text: string;
    try {
      text = await readFile(join(dir, path, entry.file), 'utf8');
    } catch {
      continue;
    }
    if (sha256(text) !== entry.sha256) continue;
    let rows: readonly PriceRow[];
    try {
      rows = parsePriceCsv(text, { file: `${path}/${entry.file}`, symbol }).rows;
    } catch {
      continue;
    }
    const inRange = rows.filter((r) => r.date >= from && r.date <= to);
    const source = sourceText(symbol, entry.fetchedAt, true);
    if (inRange.length === 0) {
      throw noPricesError(symbol, from, to, entry.exchangeTimezone, `cached download of ${entry.fetchedAt}`);
    }
    const inside = (d: string) => d >= from && d <= to;
    const dropped = entry.dropped.filter(inside);
    // The notes of the slice, worked out again (the entry's may be about days outside it).
    const notes = [
      ...liveNotes(symbol, inRange.map((r) => r.date), dropped, entry.exchangeTimezone),
      ...entry.notes.filter((n) => n.includes('answered with the series of')),
    ];
    return {
      symbol,
      source,
      rows: inRange,
      dropped,
      notes,
      ...(entry.exchangeTimezone ? { exchangeTimezone: entry.exchangeTimezone } : {}),
      fetchedAt: entry.fetchedAt,
      cached: true,
      cacheEntry: path,
    };
  }
  return null;
}

/** `EACCES: permission denied` without the path Node puts in the message. */
function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string') return e.syscall ? `${e.code} on ${e.syscall}` : e.code;
  return String((e as Error)?.message ?? err).split(/[\n,]/)[0] ?? 'unknown error';
}

/**
 * Keep a download in the cache as `yahoo/SYMBOL/FROM_TO/` (see the module comment): written into
 * a temporary folder, then renamed into place; an older entry for the same range is replaced
 * only once the new one is complete. On failure nothing new remains and the error is thrown.
 * Returns the entry's path relative to `dir`.
 *
 * @example
 * await writeCacheEntry(series, { from: '2025-01-21', to: '2025-01-31' }, '2026-11-29T10:00:00Z', cacheDir());
 * // 'yahoo/NVDA/2025-01-21_2025-01-31'
 */
export async function writeCacheEntry(
  series: YahooPriceSeries,
  requested: { from: string; to: string },
  fetchedAt: string,
  dir: string,
  io: CacheIo = NODE_IO,
): Promise<string> {
  const symbol = series.symbol;
  if (!TICKER.test(symbol)) throw new UsageError(`"${symbol}" is not a ticker symbol`);
  if (series.rows.length === 0) throw new DataError(`no rows to cache for ${symbol}`, { symbol });
  const csv = priceSeriesToCsv(series);
  const file = `${symbol}.csv`;
  const entry: CacheEntry = {
    cache: 'sputnik-study',
    version: 1,
    source: 'yahoo',
    symbol,
    requested: { from: requested.from, to: requested.to },
    fetchedAt,
    file,
    rows: series.rows.length,
    first: series.rows[0]!.date,
    last: series.rows[series.rows.length - 1]!.date,
    sha256: sha256(csv),
    ...(series.exchangeTimezone ? { exchangeTimezone: series.exchangeTimezone } : {}),
    dropped: [...series.dropped],
    notes: [...series.notes],
  };
  const rel = entryPath(symbol, requested.from, requested.to);
  const folder = join(dir, rel);
  const parent = join(dir, 'yahoo', symbol);
  const unique = `${process.pid}-${randomUUID()}`;
  const tmp = join(parent, `.tmp-${unique}`);
  await io.mkdir(parent, { recursive: true });
  try {
    await io.mkdir(tmp);
    await io.writeFile(join(tmp, file), csv);
    await io.writeFile(join(tmp, ENTRY_FILE), `${JSON.stringify(entry, null, 2)}\n`);
    try {
      await io.rename(tmp, folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM' && code !== 'ENOTDIR') throw err;
      // An entry for this range exists: move it aside, put the new one in place, then drop the old one.
      const old = join(parent, `.old-${unique}`);
      await io.rename(folder, old);
      try {
        await io.rename(tmp, folder);
      } catch (again) {
        await io.rename(old, folder).catch(() => undefined);
        throw again;
      }
      await io.rm(old, { recursive: true, force: true }).catch(() => undefined);
    }
  } catch (err) {
    await io.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  return rel;
}

/**
 * Live daily prices with the cache in front: a kept download that covers `from..to` is read from
 * disk (no network); otherwise Yahoo is asked (`loadYahooPrices`) and the download is kept. The
 * series' `source` says where it came from, e.g. `yahoo:NVDA (fetched 2026-11-29T10:00:00Z)` or
 * `yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)`; it never names a path. A download that
 * cannot be kept (a read-only disk...) is still returned, with a note saying so.
 *
 * @example
 * const nvda = await loadLivePrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
 * nvda.source; // 'yahoo:NVDA (fetched 2026-11-29T10:00:00Z)' the first time, '..., cached)' after
 * await loadLivePrices('NVDA', { from: '2025-01-21', to: '2025-01-31', cache: false }); // always asks Yahoo
 */
export async function loadLivePrices(symbol: string, opts: LiveLoadOptions): Promise<LivePriceSeries> {
  const { sym, from, to } = checkYahooRequest(symbol, opts);
  const useCache = opts.cache !== false && opts.cache?.enabled !== false;
  const dir = useCache ? cacheDir(opts.cache ? opts.cache.dir : undefined) : undefined;
  if (dir) {
    const hit = await readCachedPrices(sym, from, to, dir);
    if (hit) return hit;
  }
  const fetchedAt = isoSecond(opts.now ? opts.now() : new Date());
  const { cache: _cache, now: _now, ...yahooOpts } = opts;
  const series = await loadYahooPrices(sym, yahooOpts);
  const notes = [...series.notes];
  let cacheEntry: string | undefined;
  if (dir) {
    try {
      cacheEntry = await writeCacheEntry(series, { from, to }, fetchedAt, dir);
    } catch (err) {
      notes.push(`${sym}: not saved in the cache (${ioReason(err)})`);
    }
  }
  return {
    ...series,
    source: sourceText(sym, fetchedAt, false),
    notes,
    fetchedAt,
    cached: false,
    ...(cacheEntry ? { cacheEntry } : {}),
  };
}
