// The command as outside tools run it: `npm run --silent cli -- ARGS` (scripts/run-cli.mjs builds dist/ if needed).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sputnik study (command-line contract)', () => {
  it('prints one JSON object with the contract fields', () => {
    const r = cli(['study', '--firm', 'NVDA', '--market', 'SPY', '--event', '2025-01-27', '--estimation=-260,-11', '--window=-5,5', '--model', 'market', '--returns', 'simple', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['firm', 'market', 'model', 'returns', 'eventDate', 'estimation', 'window', 'car', 'loss']));
    expect(Object.keys(j.estimation)).toEqual(expect.arrayContaining(['start', 'end', 'n', 'alpha', 'beta', 'sigma', 'r2']));
    expect(Object.keys(j.window[0])).toEqual(expect.arrayContaining(['date', 'offset', 'return', 'expected', 'ar', 'car', 't', 'p']));
    expect(Object.keys(j.car)).toEqual(expect.arrayContaining(['from', 'to', 'value', 't', 'p']));
    expect(Object.keys(j.loss)).toEqual(expect.arrayContaining(['shares', 'priceBefore', 'raw', 'expected', 'abnormal']));
    expect(j.loss.shares).toBe(24490000000);
    expect((j.loss.raw / 1e9).toFixed(1)).toBe('592.7');
  });

  it('--data DIR reads DIR/SYMBOL.csv', () => {
    const dir = tempDir();
    for (const s of ['NVDA', 'SPY']) copyFileSync(join(ROOT, 'fixtures', 'prices', `${s}.csv`), join(dir, `${s}.csv`));
    const r = cli(['study', '--data', dir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).provenance.firmSource).toBe(join(dir, 'NVDA.csv'));
  });

  it('--out writes study.json and window.csv', () => {
    const dir = tempDir();
    const r = cli(['study', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['study.json', 'window.csv']);
    const csv = readFileSync(join(dir, 'window.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(12);
    expect(csv[6]).toMatch(/^2025-01-27,0,-0\.1696/);
  });

  describe('bad input: non-zero exit, one line on stderr, nothing on stdout, nothing written', () => {
    const bad = tempDir();
    mkdirSync(join(bad, 'data'));
    const lines = readFileSync(join(ROOT, 'fixtures', 'prices', 'NVDA.csv'), 'utf8').split('\n');
    copyFileSync(join(ROOT, 'fixtures', 'prices', 'SPY.csv'), join(bad, 'data', 'SPY.csv'));
    const dupDir = join(bad, 'dup');
    mkdirSync(dupDir);
    copyFileSync(join(ROOT, 'fixtures', 'prices', 'SPY.csv'), join(dupDir, 'SPY.csv'));
    writeFileSync(join(dupDir, 'NVDA.csv'), [...lines.slice(0, 100), lines[99], ...lines.slice(100)].join('\n'));
    writeFileSync(join(bad, 'data', 'NVDA.csv'), lines.map((l, i) => (i === 1000 ? l.replace(/,([0-9.]+),([0-9.]+),(\d+)$/, ',x,$2,$3') : l)).join('\n'));
    const dupDate = lines[99]!.slice(0, 10);
    const badDate = lines[1000]!.slice(0, 10);
    it.each([
      ['a missing file', ['study', '--firm', 'NOPE'], /NOPE.csv \(NOPE\): no price file/],
      ['a malformed row', ['study', '--data', join(bad, 'data')], new RegExp(`NVDA.csv:1001 \\(NVDA, ${badDate}\\): close "x" is not a number`)],
      ['a duplicate date', ['study', '--data', dupDir], new RegExp(`NVDA.csv:101 \\(NVDA, ${dupDate}\\): duplicate date ${dupDate}`)],
      ['an event outside the data', ['study', '--event', '2031-05-05'], /event date 2031-05-05 is outside the data/],
      ['too few estimation days', ['study', '--estimation=-13,-11'], /has 3 day\(s\) with returns; at least 10 are needed/],
      ['an unknown model', ['study', '--model', 'capm'], /unknown model "capm"/],
      ['an unknown option', ['study', '--frim', 'NVDA'], /Unknown option '--frim'/],
      ['an unknown command', ['stdy'], /unknown command "stdy"/],
    ])('%s', (_what, args, message) => {
      const out = join(tempDir(), 'out');
      const r = cli([...args, '--out', out]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  });

  it('sputnik claims --json: every quoted figure, the reconciliations and the wire check', () => {
    const r = cli(['claims', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.claims).toHaveLength(26);
    expect(j.reconciliations.map((x: { verdict: string }) => x.verdict)).toEqual(['within rounding', 'not comparable', 'within rounding', 'within rounding', 'within rounding']);
    expect(j.wire.pricesAgree).toBe(true);
  });

  it('sputnik claims with an unknown basket firm fails cleanly', () => {
    const r = cli(['claims', '--basket', 'NVDA,NOPE']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/NOPE.csv \(NOPE\): no price file/);
  });

  it('--help', () => {
    const r = cli(['study', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--estimation-dates=D1:D2/);
  });
});
