// The command as outside tools run it: `npm run --silent cli -- ARGS` (scripts/run-cli.mjs builds dist/ if needed).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
    // Sources are relative to the data folder: no machine path in the output.
    expect(JSON.parse(r.stdout).provenance.firmSource).toBe('NVDA.csv');
    expect(r.stdout).not.toContain(dir);
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
      ['an event outside the data', ['study', '--event', '2031-05-05'], /^sputnik: SPY, 2031-05-05: event date 2031-05-05 is after the last day of the data \(SPY ends 2026-04-10\)/],
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
    expect(j.reconciliations.map((x: { verdict: string }) => x.verdict)).toEqual(['within rounding', 'understated', 'within rounding', 'within rounding', 'within rounding']);
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

/** `cli` without blocking, so that runs can overlap. */
function cliAsync(args: string[], cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sputnik flagship (what npm start runs)', () => {
  const CHARTS = ['abnormal-returns', 'caar', 'car', 'claims', 'estimation-scatter', 'fan', 'peers', 'price-path', 'residuals', 'simulated-losses'];
  const en = join(tempDir(), 'out');
  const fr = join(tempDir(), 'out');
  let runEn: Awaited<ReturnType<typeof cliAsync>>;
  let runFr: Awaited<ReturnType<typeof cliAsync>>;
  beforeAll(async () => {
    [runEn, runFr] = await Promise.all([cliAsync(['flagship', '--out', en]), cliAsync(['flagship', '--out', fr, '--lang', 'fr'])]);
  }, 60_000);

  it('--out DIR writes exactly the 5 result files, report.html and 30 chart files', () => {
    expect(runEn.stderr).toBe('');
    expect(runEn.code).toBe(0);
    const files = (readdirSync(en, { recursive: true }) as string[]).map((f) => f.split(sep).join('/')).sort();
    const expected = [
      'charts',
      ...CHARTS.flatMap((c) => [`charts/${c}.png`, `charts/${c}.svg`, `charts/${c}.vl.json`]),
      'claims.json',
      'counterfactual.json',
      'report.html',
      'samples.json',
      'study.json',
      'window.csv',
    ].sort();
    expect(files).toEqual(expected);
    expect(files.filter((f) => f.startsWith('charts/'))).toHaveLength(30);
  });

  it('prints both summaries and names what it wrote', () => {
    expect(runEn.stdout).toContain('NVDA');
    expect(runEn.stdout).toMatch(/How far the shock spread \(each group as a sample against SPY/);
    expect(runEn.stdout).toMatch(/Counterfactual without news: NVDA vs SPY, market model, 10,000 simulated paths \(residual bootstrap, seed 1\)/);
    expect(runEn.stdout).toMatch(/Wrote .*study\.json, .*window\.csv, .*claims\.json, .*samples\.json, .*counterfactual\.json, .*report\.html and 10 charts in /);
  });

  it('writes results that agree with each other and charts of each kind', () => {
    const study = JSON.parse(readFileSync(join(en, 'study.json'), 'utf8'));
    expect(study.eventDate).toBe('2025-01-27');
    expect(study.loss.raw).toBeCloseTo(592657925262.45, 1);
    // No output names this machine's path to the project (sources are relative to the data folder).
    for (const f of ['study.json', 'claims.json', 'samples.json', 'counterfactual.json', 'report.html']) {
      expect(readFileSync(join(en, f), 'utf8'), f).not.toContain(ROOT.replace(/\/$/, ''));
    }
    const claims = JSON.parse(readFileSync(join(en, 'claims.json'), 'utf8'));
    expect(claims.reconciliations).toHaveLength(5);
    expect(claims.days.NVDA.raw).toBe(study.loss.raw);
    const csv = readFileSync(join(en, 'window.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + study.window.length);
    // The groups as samples: each firm's own day-0 AR (claims.json, same design) averages to the AAR.
    const samples = JSON.parse(readFileSync(join(en, 'samples.json'), 'utf8'));
    expect(samples.groups.map((g: { group: string }) => g.group)).toEqual(['semiconductors', 'ai-infrastructure', 'big-tech']);
    for (const g of samples.groups) {
      const day0 = g.days.find((d: { offset: number }) => d.offset === 0);
      const ars = g.firms.map((f: { ar0: number }) => f.ar0);
      expect(day0.n).toBe(ars.length);
      expect(day0.aar).toBeCloseTo(ars.reduce((a: number, b: number) => a + b, 0) / ars.length, 14);
      expect(Object.keys(day0.tests).sort()).toEqual(['bmp', 'bw1980', 'bw1985', 'corradoRank', 'crossSectionalT', 'generalizedSign', 'kolariPynnonen', 'patell', 'sign', 'wilcoxon']);
    }
    const nvda = samples.groups[0].firms.find((f: { symbol: string }) => f.symbol === 'NVDA');
    expect(nvda.ar0).toBe(study.window.find((d: { offset: number }) => d.offset === 0).ar);
    // The counterfactual: the contract's fields, the observed closes of the study, every quoted NVDA loss priced.
    const cf = JSON.parse(readFileSync(join(en, 'counterfactual.json'), 'utf8'));
    expect([cf.firm, cf.market, cf.eventDate, cf.trials, cf.seed]).toEqual(['NVDA', 'SPY', '2025-01-27', 10000, 1]);
    expect(cf.days.map((d: { observed: number }) => d.observed)).toEqual(study.window.map((d: { close: number }) => d.close));
    expect(cf.claims.map((c: { id: string }) => c.id)).toEqual(['000-07', '001-02', '003-02', '004-03']);
    for (const d of cf.days) expect(d.p05 <= d.p50 && d.p50 <= d.p95).toBe(true);
    const html = readFileSync(join(en, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect([...html.matchAll(/<figure data-figure="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(CHARTS);
    expect(html).toContain(`data-value="${study.loss.raw / 1e9}">592.66<`);
    for (const c of CHARTS) {
      const spec = JSON.parse(readFileSync(join(en, 'charts', `${c}.vl.json`), 'utf8'));
      expect(spec.$schema, c).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(spec.usermeta?.lang, c).toBe('en');
      expect(readFileSync(join(en, 'charts', `${c}.svg`), 'utf8'), c).toMatch(/^<svg/);
      expect(readFileSync(join(en, 'charts', `${c}.png`)).subarray(0, 8).toString('hex'), c).toBe('89504e470d0a1a0a');
    }
  });

  it('--lang fr writes a French report and French charts', () => {
    expect(runFr.stderr).toBe('');
    expect(runFr.code).toBe(0);
    const html = readFileSync(join(fr, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain('>592,66<');
    expect(html).toContain('>inconnu<');
    expect(html).not.toContain('>unknown<');
    for (const c of CHARTS) expect(JSON.parse(readFileSync(join(fr, 'charts', `${c}.vl.json`), 'utf8')).usermeta?.lang, c).toBe('fr');
    // The results themselves do not depend on the language.
    expect(readFileSync(join(fr, 'study.json'), 'utf8')).toBe(readFileSync(join(en, 'study.json'), 'utf8'));
    expect(readFileSync(join(fr, 'claims.json'), 'utf8')).toBe(readFileSync(join(en, 'claims.json'), 'utf8'));
  });

  it('--lang de exits 2 with one line naming --lang and writes nothing', () => {
    const out = join(tempDir(), 'out');
    const r = cli(['flagship', '--lang', 'de', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sputnik: .*--lang/);
    expect(r.stderr).toContain('"de"');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
