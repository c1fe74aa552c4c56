/**
 * The commands of live data and of the calendar, run as users run them (`npm run --silent cli --
 * ARGS`): `sputnik calendar`, `sputnik check`, and `sputnik fetch` / `sputnik study --live` with
 * the network cut off for real: SPUTNIK_YAHOO_HOST points the Yahoo client at a closed local
 * port, where Node's fetch (undici) fails as it does offline. (Node 20's fetch ignores
 * HTTPS_PROXY, so a dead proxy cannot be used for this.) Every run gets its own cache folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLivePrices, writeCacheEntry } from '../src/data/cache.js';
import { parsePriceCsv } from '../src/data/csv.js';
import { fixture, ROOT, tempDir, tree } from './helpers.js';
import { recording, replay } from './recorded/replay.js';

let deadHost = '';
beforeAll(async () => {
  // A local TCP port nobody listens on (bound, then released).
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  deadHost = `127.0.0.1:${port}`;
});

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SPUTNIK_CACHE_DIR: tempDir('sputnik-cli-cache-'), SPUTNIK_YAHOO_HOST: deadHost, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failed run: the exit code, one line on stderr, nothing on stdout. */
function expectFailure(r: ReturnType<typeof cli>, code: number, message: RegExp | string) {
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
  else expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
}

describe('sputnik calendar', () => {
  it('known answer: 2025-01-17 to 2025-01-28 is 17, 21, 22, 23, 24, 27, 28 January (20 January was a holiday)', () => {
    const r = cli(['calendar', '--from', '2025-01-17', '--to', '2025-01-28', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(['2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28']);
  });

  it('text: one date a line, then the closures and early closes of the range', () => {
    const r = cli(['calendar', '--from', '2025-01-17', '--to', '2025-01-28']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '',
        '7 NYSE trading days from 2025-01-17 to 2025-01-28 (12 calendar days: 4 weekend days, 1 weekday closed)',
        'closed: 2025-01-20 is a holiday (Martin Luther King Jr. Day)',
        'early closes: none',
        '',
      ].join('\n'),
    );
    const december = cli(['calendar', '--from', '2025-12-22', '--to', '2026-01-02']).stdout.split('\n');
    expect(december).toEqual(expect.arrayContaining([
      'closed: 2025-12-25 is a holiday (Christmas Day)',
      'closed: 2026-01-01 is a holiday (New Year\'s Day)',
      'early close: 2025-12-24 at 13:00 ET (Christmas Eve)',
    ]));
    const mourning = cli(['calendar', '--from', '2025-01-08', '--to', '2025-01-10', '--json']);
    expect(JSON.parse(mourning.stdout)).toEqual(['2025-01-08', '2025-01-10']);
  });

  it('a range without a session: an empty list, and the summary says why', () => {
    expect(JSON.parse(cli(['calendar', '--from', '2025-01-25', '--to', '2025-01-26', '--json']).stdout)).toEqual([]);
  });

  it.each([
    ['an invalid date', ['--from', '2025-02-30', '--to', '2025-03-01'], 'sputnik: --from "2025-02-30" is not a valid YYYY-MM-DD date'],
    ['from after to', ['--from', '2025-03-01', '--to', '2025-02-01'], 'sputnik: --from 2025-03-01 is after --to 2025-02-01'],
    ['a year before the calendar', ['--from', '1989-12-01', '--to', '1990-01-31'], "sputnik: --from 1989-12-01 is outside the NYSE calendar's years (1990 to 2099)"],
    ['a year after it', ['--from', '2099-12-01', '--to', '2100-01-31'], "sputnik: --to 2100-01-31 is outside the NYSE calendar's years (1990 to 2099)"],
    ['a missing bound', ['--from', '2025-01-01'], 'sputnik: --to YYYY-MM-DD is required (see sputnik calendar --help)'],
    ['an unknown option', ['--form', '2025-01-01'], /^sputnik: Unknown option '--form'/],
  ])('%s: exit 2, one line', (_what, args, message) => {
    expectFailure(cli(['calendar', ...args]), 2, message);
  });
});

describe('sputnik check', () => {
  it('a bundled file: no missing day, no extra day', () => {
    const r = cli(['check', 'SPY']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'SPY (fixtures/prices/SPY.csv): 1256 rows from 2021-04-12 to 2026-04-10; 1256 NYSE trading days in that range\n' +
        'missing days (trading days without a row): none\nextra days (rows on days the NYSE was closed): none\n',
    );
  });

  it('known answer: a copy of a fixture with a removed trading day and an added Saturday row', () => {
    const dir = tempDir();
    const lines = fixture('prices', 'NVDA.csv').trimEnd().split('\n').filter((l) => !l.startsWith('2025-01-14,'));
    const friday = lines.findIndex((l) => l.startsWith('2025-01-24,'));
    lines.splice(friday + 1, 0, lines[friday]!.replace('2025-01-24', '2025-01-25'));
    writeFileSync(join(dir, 'NVDA.csv'), `${lines.join('\n')}\n`);
    const text = cli(['check', 'nvda', '--data', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(1)).toEqual([
      'missing days (trading days without a row): 1',
      '  2025-01-14 is a trading day',
      'extra days (rows on days the NYSE was closed): 1',
      '  2025-01-25 is a Saturday',
      '',
    ]);
    const json = JSON.parse(cli(['check', 'NVDA', '--data', dir, '--json']).stdout);
    expect(json).toMatchObject({ symbol: 'NVDA', rows: 1586, first: '2020-01-02', last: '2026-04-24', tradingDays: 1586 });
    expect(json.missing).toEqual([{ date: '2025-01-14', description: '2025-01-14 is a trading day' }]);
    expect(json.extra).toEqual([{ date: '2025-01-25', description: '2025-01-25 is a Saturday' }]);
  });

  it.each([
    ['an unknown symbol', 1, ['check', 'NOPE'], /^sputnik: fixtures\/prices\/NOPE\.csv \(NOPE\): no price file/],
    ['a missing file in --data', 1, ['check', 'SPY', '--data', 'no/such/folder'], /^sputnik: no\/such\/folder\/SPY\.csv \(SPY\): no price file/],
    ['a bad symbol', 2, ['check', 'NV/DA'], 'sputnik: "NV/DA" is not a ticker symbol (letters, digits, . - ^ =)'],
    ['no symbol', 2, ['check'], 'sputnik: give a symbol, e.g. sputnik check NVDA (see sputnik check --help)'],
  ])('%s: exit %s, one line', (_what, code, args, message) => {
    expectFailure(cli(args as string[]), code as number, message as RegExp | string);
  });
});

describe('offline, a live command fails fast with one line and writes nothing', () => {
  it('sputnik study --live: exit 1, one line naming the symbol and what to do, no --out folder, nothing cached', () => {
    const cache = tempDir('sputnik-cli-cache-');
    const out = join(tempDir(), 'out');
    const r = cli(['study', '--live', '--firm', 'NVDA', '--market', 'SPY', '--event', '2025-01-27', '--out', out], { SPUTNIK_CACHE_DIR: cache });
    expectFailure(
      r,
      1,
      new RegExp(`^sputnik: (NVDA|SPY): cannot reach Yahoo Finance for (NVDA|SPY) \\(connect ECONNREFUSED ${deadHost.replace(/\./g, '\\.')}\\): live data needs network access; use the bundled fixtures or --data DIR instead\\n$`),
    );
    expect(existsSync(out)).toBe(false);
    expect(tree(cache)).toEqual([]);
  });

  it('sputnik fetch: exit 1, one line, no --out folder, nothing cached', () => {
    const cache = tempDir('sputnik-cli-cache-');
    const out = join(tempDir(), 'data');
    const r = cli(['fetch', 'NVDA', 'SPY', '--from', '2021-02-01', '--to', '2022-01-28', '--out', out, '--cache-dir', cache]);
    expectFailure(r, 1, `sputnik: NVDA: cannot reach Yahoo Finance for NVDA (connect ECONNREFUSED ${deadHost}): live data needs network access; use the bundled fixtures or --data DIR instead`);
    expect(existsSync(out)).toBe(false);
    expect(tree(cache)).toEqual([]);
  });

  it.each([
    ['no dates', ['fetch', 'NVDA'], 'sputnik: --from must be a YYYY-MM-DD date'],
    ['from after to', ['fetch', 'NVDA', '--from', '2022-01-01', '--to', '2021-01-01'], 'sputnik: --from 2022-01-01 is after --to 2021-01-01'],
    ['--no-cache with nowhere to put the download', ['fetch', 'NVDA', '--from', '2021-01-01', '--to', '2021-02-01', '--no-cache'], 'sputnik: with --no-cache, give --out DIR or --compare: otherwise the download would go nowhere'],
    ['--cache-dir and --no-cache', ['fetch', 'NVDA', '--from', '2021-01-01', '--to', '2021-02-01', '--no-cache', '--cache-dir', 'x', '--compare'], 'sputnik: give --cache-dir or --no-cache, not both'],
    ['a bad symbol', ['fetch', 'NV/DA', '--from', '2021-01-01', '--to', '2021-02-01'], 'sputnik: "NV/DA" is not a Yahoo ticker symbol (letters, digits, . - ^ =)'],
  ])('fetch with %s: exit 2 before any request', (_what, args, message) => {
    expectFailure(cli(args), 2, message);
  });
});

describe('offline, a covering download in the cache is enough', () => {
  it('sputnik fetch --compare --out: the recorded NVDA download from the cache, saved, and compared with the bundled file', async () => {
    const cache = tempDir('sputnik-cli-cache-');
    await loadLivePrices('NVDA', { from: '2021-02-01', to: '2022-01-28', fetch: replay({ NVDA: recording('nvda') }).fetch, cache: { dir: cache }, now: () => new Date('2025-02-22T10:01:31Z') });
    const out = join(tempDir(), 'data');
    const r = cli(['fetch', 'NVDA', '--from', '2021-03-01', '--to', '2021-12-31', '--compare', '--out', out, '--cache-dir', cache]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `NVDA: 214 days from 2021-03-01 to 2021-12-31, yahoo:NVDA (fetched 2025-02-22T10:01:31Z, cached), written to ${join(out, 'NVDA.csv')}`,
      'NVDA vs the bundled series, 2021-03-01 to 2021-12-31: 214 common days: no difference beyond rounding',
      '  closes: all 214 within 0.005 (largest difference 0)',
      expect.stringMatching(/^ {2}adjusted closes: ratio 1\.000328 on every day \(drift \d\.\de-[67]\): the same adjustments, up to a constant factor$/),
      '',
    ]);
    // The saved file is in the fixture format: its prices and volumes are the bundled file's.
    const saved = parsePriceCsv(readFileSync(join(out, 'NVDA.csv'), 'utf8'), { file: 'NVDA.csv', symbol: 'NVDA' });
    const bundled = parsePriceCsv(fixture('prices', 'NVDA.csv'), { file: 'NVDA.csv', symbol: 'NVDA' }).rows.filter((x) => x.date >= '2021-03-01' && x.date <= '2021-12-31');
    expect(saved.rows.map(({ adjClose: _a, ...rest }) => rest)).toEqual(bundled.map(({ adjClose: _a, ...rest }) => rest));
    const json = JSON.parse(cli(['fetch', 'NVDA', '--from', '2021-03-01', '--to', '2021-12-31', '--compare', '--json', '--cache-dir', cache]).stdout);
    expect(json.series[0]).toMatchObject({ symbol: 'NVDA', cached: true, rows: 214, cacheEntry: 'yahoo/NVDA/2021-02-01_2022-01-28', file: null });
    expect(json.comparisons[0]).toMatchObject({ symbol: 'NVDA', commonDays: 214, closeDifferences: [], agree: true });
    expect(JSON.stringify(json)).not.toContain(cache);
    // --no-cache never reads it: offline, that fails.
    expectFailure(cli(['fetch', 'NVDA', '--from', '2021-03-01', '--to', '2021-12-31', '--compare', '--no-cache']), 1, /cannot reach Yahoo Finance for NVDA/);
  });

  it('sputnik study --live: runs offline from the cache and says where each series came from', async () => {
    const cache = tempDir('sputnik-cli-cache-');
    // Cache entries holding the bundled NVDA and SPY rows (no Yahoo recording covers the flagship
    // window): this checks the command's cache-hit path and its provenance, not Yahoo's data.
    for (const symbol of ['NVDA', 'SPY']) {
      const rows = parsePriceCsv(fixture('prices', `${symbol}.csv`), { file: `${symbol}.csv`, symbol }).rows.filter((x) => x.date >= '2023-01-03' && x.date <= '2025-12-31');
      await writeCacheEntry({ symbol, source: `yahoo:${symbol}`, rows, dropped: [], notes: [], exchangeTimezone: 'America/New_York' }, { from: '2023-01-01', to: '2025-12-31' }, '2026-11-29T10:00:00Z', cache);
    }
    const live = cli(['study', '--live', '--json'], { SPUTNIK_CACHE_DIR: cache });
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const j = JSON.parse(live.stdout);
    expect(j.provenance.firmSource).toBe('yahoo:NVDA (fetched 2026-11-29T10:00:00Z, cached)');
    expect(j.provenance.marketSource).toBe('yahoo:SPY (fetched 2026-11-29T10:00:00Z, cached)');
    expect(live.stdout).not.toContain(cache);
    const offline = JSON.parse(cli(['study', '--json']).stdout);
    expect(j.window).toEqual(offline.window);
    expect(j.loss).toEqual(offline.loss);
    mkdirSync(join(cache, 'unrelated'), { recursive: true }); // a stray folder does not disturb the cache
    expect(cli(['study', '--live', '--json'], { SPUTNIK_CACHE_DIR: cache }).code).toBe(0);
  });
});
