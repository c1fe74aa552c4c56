/**
 * The on-disk cache of live data, offline: downloads are the recorded Yahoo answers of
 * tests/recorded/ (see README.md there); "offline" is a fetch that fails as undici does without
 * a network. Every test works in its own temporary cache folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { cacheDir, defaultCacheDir, loadLivePrices, readCachedPrices, writeCacheEntry, type CacheIo } from '../src/data/cache.js';
import { parsePriceCsv } from '../src/data/csv.js';
import { loadYahooPrices, priceSeriesToCsv } from '../src/data/yahoo.js';
import { DataError, NetworkError } from '../src/errors.js';
import { fixture, tempDir, tree } from './helpers.js';
import { recording, replay } from './recorded/replay.js';

const FROM = '2021-02-01';
const TO = '2022-01-28';
const LATER = () => new Date('2026-11-29T10:00:00.123Z');

/** A fetch that fails as undici does with no network (DNS cannot resolve Yahoo's host). */
const offline = vi.fn(async (): Promise<Response> => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com'), { code: 'ENOTFOUND' }) });
}) as unknown as typeof fetch;

const ENTRY = ['yahoo/', 'yahoo/NVDA/', 'yahoo/NVDA/2021-02-01_2022-01-28/', 'yahoo/NVDA/2021-02-01_2022-01-28/NVDA.csv', 'yahoo/NVDA/2021-02-01_2022-01-28/entry.json'];

/** Download the recorded NVDA answer through the cache in `dir`. */
const fetchNvda = (dir: string, now = LATER) => loadLivePrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: recording('nvda') }).fetch, cache: { dir }, now });

describe('where the cache is', () => {
  it('the user cache directory: XDG_CACHE_HOME, else ~/.cache, %LOCALAPPDATA% on Windows', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, 'linux', '/home/me')).toBe('/var/cache/me/sputnik-study');
    expect(defaultCacheDir({}, 'linux', '/home/me')).toBe('/home/me/.cache/sputnik-study');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative/cache' }, 'linux', '/home/me')).toBe('/home/me/.cache/sputnik-study'); // XDG wants an absolute path
    expect(defaultCacheDir({}, 'darwin', '/Users/me')).toBe('/Users/me/.cache/sputnik-study');
    expect(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32', 'C:\\Users\\me')).toBe('C:\\Users\\me\\AppData\\Local\\sputnik-study');
    expect(defaultCacheDir({}, 'win32', 'C:\\Users\\me')).toBe('C:\\Users\\me\\.cache\\sputnik-study');
  });

  it('the option first, then SPUTNIK_CACHE_DIR, then the default', () => {
    expect(cacheDir('/opt/a', { SPUTNIK_CACHE_DIR: '/opt/b' })).toBe('/opt/a');
    expect(cacheDir(undefined, { SPUTNIK_CACHE_DIR: '/opt/b' })).toBe('/opt/b');
    expect(cacheDir(undefined, { XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/sputnik-study');
    expect(() => cacheDir(' ')).toThrow(/must not be empty/);
  });
});

describe('a download is kept with its provenance and reused offline', () => {
  it('first call: asks Yahoo once and keeps the series (fixture format) and its provenance, no machine path', async () => {
    const dir = tempDir('sputnik-cache-');
    const yahoo = replay({ NVDA: recording('nvda') });
    const s = await loadLivePrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch, cache: { dir }, now: LATER });
    expect(yahoo.urls).toHaveLength(1);
    expect(s.source).toBe('yahoo:NVDA (fetched 2026-11-29T10:00:00Z)');
    expect([s.cached, s.fetchedAt, s.cacheEntry]).toEqual([false, '2026-11-29T10:00:00Z', 'yahoo/NVDA/2021-02-01_2022-01-28']);
    expect(tree(dir)).toEqual(ENTRY);
    const csv = readFileSync(join(dir, ENTRY[3]!), 'utf8');
    expect(csv).toBe(priceSeriesToCsv(s));
    expect(parsePriceCsv(csv, { file: 'NVDA.csv', symbol: 'NVDA' }).rows).toEqual(s.rows);
    const text = readFileSync(join(dir, ENTRY[4]!), 'utf8');
    expect(text).not.toContain(dir);
    expect(JSON.parse(text)).toEqual({
      cache: 'sputnik-study',
      version: 1,
      source: 'yahoo',
      symbol: 'NVDA',
      requested: { from: FROM, to: TO },
      fetchedAt: '2026-11-29T10:00:00Z',
      file: 'NVDA.csv',
      rows: 252,
      first: FROM,
      last: TO,
      sha256: createHash('sha256').update(csv).digest('hex'),
      exchangeTimezone: 'America/New_York',
      dropped: [],
      notes: [],
    });
  });

  it('second call, offline: the same rows from disk, no request, and the source says cached', async () => {
    const dir = tempDir('sputnik-cache-');
    const first = await fetchNvda(dir);
    const again = await loadLivePrices('NVDA', { from: FROM, to: TO, fetch: offline, cache: { dir } });
    expect(again.rows).toEqual(first.rows);
    expect(again.source).toBe('yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)');
    expect([again.cached, again.cacheEntry]).toEqual([true, 'yahoo/NVDA/2021-02-01_2022-01-28']);
    expect(offline).not.toHaveBeenCalled();
  });

  it('a range inside a kept one is answered from it; one reaching outside asks Yahoo', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir);
    const july = await loadLivePrices('NVDA', { from: '2021-07-01', to: '2021-07-31', fetch: offline, cache: { dir } });
    expect(july.rows.map((r) => r.date)).toEqual([
      '2021-07-01', '2021-07-02', '2021-07-06', '2021-07-07', '2021-07-08', '2021-07-09', '2021-07-12', '2021-07-13', '2021-07-14', '2021-07-15', '2021-07-16',
      '2021-07-19', '2021-07-20', '2021-07-21', '2021-07-22', '2021-07-23', '2021-07-26', '2021-07-27', '2021-07-28', '2021-07-29', '2021-07-30',
    ]);
    expect(july.notes).toEqual([]);
    for (const [from, to] of [['2021-01-15', '2021-03-01'], ['2022-01-03', '2022-02-15']] as const) {
      const err = await loadLivePrices('NVDA', { from, to, fetch: offline, cache: { dir } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/^NVDA: cannot reach Yahoo Finance for NVDA \(getaddrinfo ENOTFOUND/);
    }
  });

  it('a kept range sliced to no trading day says why, in the calendar\'s words', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir);
    const err = await loadLivePrices('NVDA', { from: '2021-07-03', to: '2021-07-05', fetch: offline, cache: { dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe(
      'NVDA: Yahoo returned no daily prices for NVDA between 2021-07-03 and 2021-07-05 (cached download of 2026-11-29T10:00:00Z; no NYSE session in that range: 2021-07-03 is a Saturday; 2021-07-04 is a Sunday; 2021-07-05 is a holiday (Independence Day (observed)))',
    );
  });

  it('a download made on the last day asked is not reused for that day (its bar could still change)', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir, () => new Date('2022-01-28T18:00:00Z')); // during the session of the 28th
    const err = await loadLivePrices('NVDA', { from: FROM, to: TO, fetch: offline, cache: { dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    // ...but it is reused for a range that ended before that day.
    const s = await loadLivePrices('NVDA', { from: FROM, to: '2022-01-27', fetch: offline, cache: { dir } });
    expect(s.rows.at(-1)?.date).toBe('2022-01-27');
    expect(s.source).toBe('yahoo:NVDA (fetched 2022-01-28T18:00:00Z, cached)');
  });

  it('the newest covering download wins', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir, () => new Date('2025-02-22T10:01:31Z'));
    const wide = await loadLivePrices('NVDA', { from: '2021-01-01', to: '2022-01-31', fetch: replay({ NVDA: recording('nvda') }).fetch, cache: { dir }, now: LATER });
    expect(wide.cacheEntry).toBe('yahoo/NVDA/2021-01-01_2022-01-31');
    const s = await loadLivePrices('NVDA', { from: '2021-06-01', to: '2021-06-30', fetch: offline, cache: { dir } });
    expect(s.source).toBe('yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)');
  });

  it('--no-cache: nothing read, nothing written, Yahoo asked every time', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir);
    for (const cache of [false, { dir, enabled: false }] as const) {
      const yahoo = replay({ NVDA: recording('nvda') });
      const s = await loadLivePrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch, cache, now: LATER });
      expect(yahoo.urls).toHaveLength(1);
      expect(s.cached).toBe(false);
      expect(s.cacheEntry).toBeUndefined();
    }
    const empty = tempDir('sputnik-cache-');
    await loadLivePrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: recording('nvda') }).fetch, cache: { dir: empty, enabled: false } });
    expect(tree(empty)).toEqual([]);
  });

  it('an entry whose CSV was altered (its SHA-256 no longer matches) is never used', async () => {
    const dir = tempDir('sputnik-cache-');
    await fetchNvda(dir);
    const file = join(dir, ENTRY[3]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('13.237000465393066', '13.3'));
    expect(await readCachedPrices('NVDA', FROM, TO, dir)).toBeNull();
    await expect(loadLivePrices('NVDA', { from: FROM, to: TO, fetch: offline, cache: { dir } })).rejects.toBeInstanceOf(NetworkError);
  });

  it('stray folders (temporaries, unrelated names, broken entry.json) are ignored', async () => {
    const dir = tempDir('sputnik-cache-');
    for (const name of ['.tmp-1-x', 'notes', '2021-01-01_2022-12-31']) {
      mkdirSync(join(dir, 'yahoo', 'NVDA', name), { recursive: true });
      writeFileSync(join(dir, 'yahoo', 'NVDA', name, 'entry.json'), name === 'notes' ? '{}' : '{ not json');
    }
    expect(await readCachedPrices('NVDA', FROM, TO, dir)).toBeNull();
  });

  it('the source of a study on live data names the download, never a path', async () => {
    const { eventStudy } = await import('../src/study/load.js');
    const dir = tempDir('sputnik-cache-');
    // The market: a cache entry holding the bundled SPY file's rows. yahoo-finance2 recorded no
    // SPY answer for 2021; this only exercises the cache-hit path of a study (no Yahoo data in it).
    const spy = parsePriceCsv(fixture('prices', 'SPY.csv'), { file: 'SPY.csv', symbol: 'SPY' });
    const rows = spy.rows.filter((r) => r.date <= '2021-12-31');
    await writeCacheEntry({ symbol: 'SPY', source: 'yahoo:SPY', rows, dropped: [], notes: [], exchangeTimezone: 'America/New_York' }, { from: '2021-04-01', to: '2021-12-31' }, '2026-11-29T09:00:00Z', dir);
    // The firm: the recorded NVDA answer, downloaded now.
    const yahoo = replay({ NVDA: recording('nvda') });
    const options = { firm: 'NVDA', market: 'SPY', event: '2021-11-01', estimation: [-100, -11] as [number, number], window: [-5, 5] as [number, number] };
    // The cache folder through SPUTNIK_CACHE_DIR, as the command passes it (eventStudy takes only the data options dataDir, source, fetch).
    const saved = process.env['SPUTNIK_CACHE_DIR'];
    process.env['SPUTNIK_CACHE_DIR'] = dir;
    onTestFinished(() => {
      if (saved === undefined) delete process.env['SPUTNIK_CACHE_DIR'];
      else process.env['SPUTNIK_CACHE_DIR'] = saved;
    });
    const live = await eventStudy({ ...options, source: 'yahoo', fetch: yahoo.fetch });
    expect(yahoo.urls).toHaveLength(1);
    expect(live.provenance.firmSource).toMatch(/^yahoo:NVDA \(fetched \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/);
    expect(live.provenance.marketSource).toBe('yahoo:SPY (fetched 2026-11-29T09:00:00Z, cached)');
    expect(JSON.stringify(live)).not.toContain(dir);
    // The same study on the bundled files: the recorded NVDA closes are the fixture's, and its
    // adjusted closes differ by a constant factor (1.000328, up to the 1e-7 rounding of Yahoo's
    // 32-bit adjusted closes), so the returns, the fit and the abnormal returns agree to ~1e-7.
    const offlineStudy = await eventStudy(options);
    expect(live.window.map((d) => d.date)).toEqual(offlineStudy.window.map((d) => d.date));
    live.window.forEach((d, i) => {
      expect(Math.abs(d.ar - offlineStudy.window[i]!.ar)).toBeLessThan(1e-6);
      expect(d.close).toBe(offlineStudy.window[i]!.close);
    });
    expect(Math.abs(live.estimation.beta / offlineStudy.estimation.beta - 1)).toBeLessThan(1e-5);
    // Run again offline: both series now come from the cache.
    const again = await eventStudy({ ...options, source: 'yahoo', fetch: offline });
    expect(again.provenance.firmSource).toMatch(/^yahoo:NVDA \(fetched .*Z, cached\)$/);
    expect(again.window).toEqual(live.window);
  });
});

describe('nothing half-written, whatever fails', () => {
  /** File operations that fail at the `n`-th call of `op` (1-based), optionally after writing half the data. */
  function failingIo(op: keyof CacheIo, n: number, half = false): CacheIo {
    let calls = 0;
    const fail = (syscall: string) => Object.assign(new Error(`${op} failed (test)`), { code: 'ENOSPC', syscall });
    return {
      mkdir: async (p, o) => {
        if (op === 'mkdir' && ++calls === n) throw fail('mkdir');
        return mkdir(p, o);
      },
      writeFile: async (p, d) => {
        if (op === 'writeFile' && ++calls === n) {
          if (half) await writeFile(p, d.slice(0, d.length >> 1));
          throw fail('write');
        }
        return writeFile(p, d);
      },
      rename: async (a, b) => {
        if (op === 'rename' && ++calls === n) throw fail('rename');
        return rename(a, b);
      },
      rm: (p, o) => rm(p, o),
    };
  }

  const series = () => loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: recording('nvda') }).fetch });

  it.each([
    ['the CSV write, half-written (disk full)', failingIo('writeFile', 1, true)],
    ['the entry.json write, half-written', failingIo('writeFile', 2, true)],
    ['the temporary folder', failingIo('mkdir', 2)],
    ['the final rename', failingIo('rename', 1)],
  ])('a failure of %s leaves no entry and no temporary file', async (_what, io) => {
    const dir = tempDir('sputnik-cache-');
    const s = await series();
    await expect(writeCacheEntry(s, { from: FROM, to: TO }, '2026-11-29T10:00:00Z', dir, io)).rejects.toThrow(/failed \(test\)/);
    expect(tree(dir)).toEqual(['yahoo/', 'yahoo/NVDA/']);
    expect(await readCachedPrices('NVDA', FROM, TO, dir)).toBeNull();
  });

  it('replacing an entry: a failure at any step leaves the older entry whole and in use', async () => {
    const dir = tempDir('sputnik-cache-');
    const s = await series();
    await writeCacheEntry(s, { from: FROM, to: TO }, '2026-11-29T10:00:00Z', dir);
    const before = tree(dir);
    const csvBefore = readFileSync(join(dir, ENTRY[3]!), 'utf8');
    const changed = { ...s, rows: s.rows.slice(0, 100) };
    for (const io of [failingIo('writeFile', 1, true), failingIo('writeFile', 2, true), failingIo('rename', 3)]) {
      await expect(writeCacheEntry(changed, { from: FROM, to: TO }, '2026-11-30T10:00:00Z', dir, io)).rejects.toThrow(/failed \(test\)/);
      expect(tree(dir)).toEqual(before);
      expect(readFileSync(join(dir, ENTRY[3]!), 'utf8')).toBe(csvBefore);
      const hit = await readCachedPrices('NVDA', FROM, TO, dir);
      expect(hit?.rows).toHaveLength(252);
      expect(hit?.fetchedAt).toBe('2026-11-29T10:00:00Z');
    }
    // Without a failure the newer entry replaces it, and no temporary folder remains.
    await writeCacheEntry(changed, { from: FROM, to: TO }, '2026-11-30T10:00:00Z', dir);
    expect(tree(dir)).toEqual(before);
    expect((await readCachedPrices('NVDA', FROM, TO, dir))?.fetchedAt).toBe('2026-11-30T10:00:00Z');
  });

  it('a cache that cannot be written: the download is still returned, with a note and no path', async () => {
    const dir = tempDir('sputnik-cache-');
    writeFileSync(join(dir, 'yahoo'), 'a file where the yahoo folder should be');
    const s = await fetchNvda(dir);
    expect(s.rows).toHaveLength(252);
    expect(s.cacheEntry).toBeUndefined();
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatch(/^NVDA: not saved in the cache \((EEXIST|ENOTDIR) on mkdir\)$/);
  });
});
