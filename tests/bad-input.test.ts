// The catalog of bad inputs, run against the built command as a user would: each either exits
// non-zero with one line on stderr naming what was wrong and where, prints nothing on stdout and
// writes nothing, or gives a correct result that says what it did.
// Every data file here is a copy of a bundled fixture, cut or changed in one place.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const PRICES = join(ROOT, 'fixtures', 'prices');
const NVDA = readFileSync(join(PRICES, 'NVDA.csv'), 'utf8');
const LINES = NVDA.split('\n');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder with SPY copied and NVDA.csv holding `nvda` (the fixture's text, changed). */
function folder(nvda: string, extra: Record<string, string> = {}): string {
  const dir = tempDir('sputnik-bad-');
  copyFileSync(join(PRICES, 'SPY.csv'), join(dir, 'SPY.csv'));
  writeFileSync(join(dir, 'NVDA.csv'), nvda);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The fixture with line `n` (1-based, the header is line 1) changed by `edit`. */
const withLine = (n: number, edit: (line: string) => string) => LINES.map((l, i) => (i === n - 1 ? edit(l) : l)).join('\n');
const dateOf = (n: number) => LINES[n - 1]!.slice(0, 10);
const CLOSE = /^([^,]*,[^,]*,[^,]*,[^,]*),([^,]*),/; // date,open,high,low,close,

describe('bad input: one line, non-zero exit, nothing printed or written', () => {
  const cases: [string, () => string[], RegExp, number?][] = [
    ['a missing file', () => ['study', '--data', folder(NVDA), '--firm', 'AMD'], /^sputnik: .*AMD\.csv \(AMD\): no price file$/],
    ['an unknown bundled ticker (lists the bundled ones)', () => ['study', '--firm', 'ZZZZ'], /^sputnik: fixtures\/prices\/ZZZZ\.csv \(ZZZZ\): no price file: the bundled fixtures have AMD, AMZN, ARM, .*$/],
    ['an empty file', () => ['study', '--data', folder('')], /NVDA\.csv \(NVDA\): the file is empty \(expected a header line\)$/],
    ['a wrong header', () => ['study', '--data', folder(['date,close', ...LINES.slice(1)].join('\n'))], /NVDA\.csv:1 \(NVDA\): header is "date,close", expected "date,open,high,low,close,adj_close,volume"$/],
    ['a non-numeric price', () => ['study', '--data', folder(withLine(500, (l) => l.replace(CLOSE, '$1,4x,')))], new RegExp(`NVDA\\.csv:500 \\(NVDA, ${dateOf(500)}\\): close "4x" is not a number$`)],
    ['a NaN price', () => ['study', '--data', folder(withLine(500, (l) => l.replace(CLOSE, '$1,NaN,')))], new RegExp(`NVDA\\.csv:500 \\(NVDA, ${dateOf(500)}\\): close "NaN" is not a number$`)],
    ['a zero price', () => ['study', '--data', folder(withLine(500, (l) => l.replace(CLOSE, '$1,0,')))], new RegExp(`NVDA\\.csv:500 \\(NVDA, ${dateOf(500)}\\): close 0 is not a positive price$`)],
    ['a negative price', () => ['study', '--data', folder(withLine(500, (l) => l.replace(CLOSE, '$1,-3.5,')))], /NVDA\.csv:500 \(NVDA, .*\): close -3\.5 is not a positive price$/],
    ['a duplicate date', () => ['study', '--data', folder([...LINES.slice(0, 500), LINES[499]!, ...LINES.slice(500)].join('\n'))], new RegExp(`NVDA\\.csv:501 \\(NVDA, ${dateOf(500)}\\): duplicate date ${dateOf(500)}$`)],
    ['unsorted dates', () => ['study', '--data', folder([...LINES.slice(0, 499), LINES[500]!, LINES[499]!, ...LINES.slice(501)].join('\n'))], /NVDA\.csv:501 \(NVDA, .*\): date .* comes after .*: dates must be ascending$/],
    ['an impossible date', () => ['study', '--data', folder(withLine(500, (l) => `2024-02-30${l.slice(10)}`))], /NVDA\.csv:500 \(NVDA\): "2024-02-30" is not a valid YYYY-MM-DD date$/],
    ['a firm equal to its benchmark', () => ['study', '--firm', 'SPY', '--market', 'spy'], /the firm and its benchmark are both SPY/, 2],
    ['an event after the data (names the series that ends)', () => ['study', '--event', '2031-05-05'], /^sputnik: SPY, 2031-05-05: event date 2031-05-05 is after the last day of the data \(SPY ends 2026-04-10\)$/],
    ['an event before the data (names the series that starts)', () => ['study', '--event', '2020-06-01'], /^sputnik: SPY, 2020-06-01: event date 2020-06-01 is before the first day of the data \(SPY starts 2021-04-12\)$/],
    ['an estimation window that is too short', () => ['study', '--estimation=-13,-11'], /estimation window \[-13, -11\] has 3 day\(s\) with returns; at least 10 are needed$/],
    ['an estimation window overlapping the event window', () => ['study', '--estimation=-20,0'], /estimation window \[-20, 0\] overlaps the event window \[-5, 5\]$/],
    ['an estimation window before the data', () => ['study', '--event', '2021-06-01'], /^sputnik: SPY, 2021-06-01: estimation window \[-260, -11\] starts .* trading day\(s\) before the first usable day \(SPY starts 2021-04-12/],
    ['a window with a missing price', () => ['study', '--data', folder(LINES.filter((l) => !l.startsWith('2025-01-28')).join('\n'))], /event-window day 1 \(2025-01-28\) has no return: NVDA has no price on 2025-01-28, a trading day of the other series; the study cannot count it as zero$/],
    ['an unknown model', () => ['study', '--model', 'capm'], /unknown model "capm" \(expected one of: market, market-adjusted, constant-mean, ff3\)$/],
    ['an unknown return kind', () => ['study', '--returns', 'pct'], /--returns "pct" must be simple or log$/, 2],
    ['an unknown gap policy', () => ['study', '--gaps', 'fill'], /--gaps "fill" must be drop or multi-day$/, 2],
    ['a symbol that is not a ticker', () => ['study', '--firm', '<script>'], /"<SCRIPT>" is not a ticker symbol$/],
    ['conflicting windows', () => ['study', '--estimation=-260,-11', '--estimation-dates=2024-01-01:2024-12-31'], /give --estimation or --estimation-dates, not both$/, 2],
    ['conflicting sources', () => ['study', '--live', '--data', 'x'], /give --live or --data, not both$/, 2],
    ['a confidence level out of range', () => ['study', '--confidence', '95'], /confidence 95 must be between 0 and 1$/, 2],
  ];

  it.each(cases)('%s', (_what, args, message, code) => {
    const out = join(tempDir('sputnik-bad-out-'), 'out');
    const r = run([...args(), '--out', out]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sputnik: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.code).toBe(code ?? 1);
    expect(existsSync(out)).toBe(false);
  });

  it('an output folder that cannot be made: a typed one-line error, nothing left behind', () => {
    const dir = tempDir('sputnik-bad-out-');
    writeFileSync(join(dir, 'afile'), 'x');
    const r = run(['study', '--out', join(dir, 'afile', 'sub')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^sputnik: .*afile\/sub\/study\.json: cannot write .*study\.json \(ENOTDIR: a part of the path is a file, not a folder\); nothing was written$/);
    expect(readdirSync(dir)).toEqual(['afile']);
  });

  it('an output folder without write permission (when not running as root)', () => {
    if (process.getuid?.() === 0) return; // root may write anywhere: nothing to check
    const dir = tempDir('sputnik-bad-out-');
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    const r = run(['study', '--out', join(dir, 'ro', 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/EACCES: permission denied\); nothing was written$/);
  });
});

describe('unusual but valid input: a correct result that says what it did', () => {
  it('a BOM and CRLF line endings read the same numbers as the plain file', () => {
    const plain = JSON.parse(run(['study', '--data', folder(NVDA), '--json']).stdout);
    const r = run(['study', '--data', folder(`\ufeff${NVDA.replace(/\n/g, '\r\n')}`), '--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    expect(got.window).toEqual(plain.window);
    expect(got.estimation).toEqual(plain.estimation);
  });

  it('an event on a weekend moves to the next trading day, and the note says it was a Saturday', () => {
    const r = run(['study', '--event', '2025-01-25', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.eventDate, j.eventDateShifted]).toEqual(['2025-01-27', true]);
    expect(j.notes.join(' ')).toMatch(/2025-01-25 is a Saturday; the event moves to the next trading day, 2025-01-27/);
  });

  it('an event on an NYSE holiday moves too, and the note names the holiday', () => {
    const j = JSON.parse(run(['study', '--event', '2025-01-20', '--json']).stdout);
    expect(j.eventDate).toBe('2025-01-21');
    expect(j.notes.join(' ')).toMatch(/2025-01-20 is an NYSE holiday \(Martin Luther King Jr\. Day\)/);
  });

  it('HTML in a data label (a share-count source) is escaped in the report', () => {
    const facts = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'facts.json'), 'utf8'));
    facts.shares_outstanding.NVDA.source = '<script>alert(1)</script> & <b>bold</b>';
    const dir = folder(NVDA, { 'facts.json': JSON.stringify(facts) });
    const out = join(tempDir('sputnik-bad-out-'), 'out');
    const r = run(['study', '--data', dir, '--out', out, '--report']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>bold</b>');
    const json = readFileSync(join(out, 'study.json'), 'utf8');
    expect(JSON.parse(json).loss.sharesSource).toContain('<script>alert(1)</script>'); // kept verbatim in the data
  });

  it('two runs with the same inputs write byte-identical files', () => {
    const a = join(tempDir('sputnik-twice-'), 'out');
    const b = join(tempDir('sputnik-twice-'), 'out');
    expect(run(['study', '--out', a, '--report']).code).toBe(0);
    expect(run(['study', '--out', b, '--report']).code).toBe(0);
    // Every file (charts/NAME.ext included; the folder 'charts' itself has no extension).
    const files = (d: string): string[] => readdirSync(d, { recursive: true }).map(String).filter((f) => /\.[a-z]+$/.test(f)).sort();
    expect(files(a)).toEqual(files(b));
    expect(files(a).length).toBeGreaterThanOrEqual(10); // study.json, window.csv, report.html, charts/*
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });
});
