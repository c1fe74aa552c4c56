// `sputnik simulate` as outside tools run it: the JSON contracts, byte-identical output for a seed
// with any number of workers, and one-line usage errors (exit 2) for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedBy, ROOT, tempDir, vegaChunks } from './helpers.js';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sputnik simulate calibration', () => {
  it('prints the contract, the same bytes with 1 or 2 workers, other bytes for another seed', () => {
    // 500 trials of 40 firm-events: enough work (about 120 ms) for a second thread.
    const a = cli(['simulate', 'calibration', '--trials', '500', '--firms', '40', '--seed', '1', '--json', '--workers', '1']);
    expect(a.stderr).toBe(''); // not a terminal: no progress bar
    expect(a.code).toBe(0);
    const b = cli(['simulate', 'calibration', '--trials', '500', '--firms', '40', '--seed', '1', '--json', '--workers', '2']);
    expect(b.stdout).toBe(a.stdout);
    const c = cli(['simulate', 'calibration', '--trials', '500', '--firms', '40', '--seed', '2', '--json']);
    expect(c.stdout).not.toBe(a.stdout);
    const j = JSON.parse(a.stdout);
    expect([j.trials, j.firms, j.seed]).toEqual([500, 40, 1]);
    expect(j.shifts).toEqual([0, 0.005, 0.01, 0.02]);
    expect(Object.keys(j.rejection)).toEqual(['bw1980', 'bw1985', 'crossSectionalT', 'patell', 'bmp', 'kolariPynnonen', 'sign', 'generalizedSign', 'corradoRank', 'wilcoxon']);
    expect(j.analytic).toHaveLength(4);
  });

  it('prints a table by default and writes the power chart with --out', () => {
    const dir = tempDir();
    const r = cli(['simulate', 'calibration', '--trials', '80', '--firms', '20', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MacKinlay analytic');
    for (const f of ['calibration.json', join('charts', 'power.vl.json'), join('charts', 'power.svg'), join('charts', 'power.png')]) expect(existsSync(join(dir, f)), f).toBe(true);
  });
});

describe('sputnik simulate counterfactual', () => {
  it('prints the contract for the flagship, the same bytes with 1 or 2 workers', () => {
    // 20,000 paths: enough work (about 100 ms) for a second thread.
    const a = cli(['simulate', 'counterfactual', '--trials', '20000', '--seed', '3', '--json', '--workers', '1']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = cli(['simulate', 'counterfactual', '--trials', '20000', '--seed', '3', '--json', '--workers', '2']);
    expect(b.stdout).toBe(a.stdout);
    const j = JSON.parse(a.stdout);
    expect([j.firm, j.market, j.eventDate, j.trials, j.seed]).toEqual(['NVDA', 'SPY', '2025-01-27', 20000, 3]);
    expect(Object.keys(j.days[0])).toEqual(expect.arrayContaining(['date', 'offset', 'observed', 'p05', 'p50', 'p95']));
    expect(Object.keys(j.loss.abnormal)).toEqual(expect.arrayContaining(['p05', 'p50', 'p95']));
    // The registry's market-value losses quoted for NVIDIA, in USD.
    expect(j.claims.map((c: { id: string }) => c.id)).toEqual(['000-07', '001-02', '003-02', '004-03']);
    expect(j.claims.map((c: { usd: number }) => c.usd)).toEqual([600e9, 800e9, 600e9, 590e9]);
    for (const c of j.claims) expect(c.probability >= 0 && c.probability <= 1).toBe(true);
  });

  it('takes the study options and --quoted', () => {
    const r = cli(['simulate', 'counterfactual', '--firm', 'AMD', '--event', '2025-01-27', '--window=-1,1', '--trials', '500', '--quoted', '30e9', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.firm).toBe('AMD');
    expect(j.days).toHaveLength(3);
    expect(j.claims).toEqual([expect.objectContaining({ id: 'quoted-1', usd: 30e9 })]);
  });
});

describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
  const cases: [string[], RegExp][] = [
    [['simulate', 'calibration', '--trials', '0'], /--trials "0" must be a whole number from 1/],
    [['simulate', 'calibration', '--firms', '20000'], /20000 firms per trial, but only \d+ firm-events/],
    [['simulate', 'calibration', '--seed', '1.5'], /--seed "1.5" must be a whole number/],
    [['simulate', 'counterfactual', '--seed', 'abc'], /--seed "abc" must be a whole number/],
    [['simulate', 'counterfactual', '--trials', '0'], /--trials "0"/],
    [['simulate', 'counterfactual', '--method', 'normal'], /--method "normal" must be bootstrap or t/],
    [['simulate', 'counterfactual', '--df', '5'], /--df needs --method t/],
    [['simulate', 'calibration', '--workers', '0'], /--workers "0"/],
    [['simulate', 'forecast'], /unknown simulation "forecast"/],
    [['simulate', 'calibration', 'extra'], /unexpected argument "extra"/],
  ];
  for (const [args, pattern] of cases) {
    it(args.slice(1).join(' '), () => {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('simulate loads only what it uses', () => {
  const HEAVY = ['vega', 'vega-lite', '@resvg/resvg-js', 'opentype.js', 'yahoo-finance2', 'luxon', 'csv-parse'];

  for (const args of [['simulate', 'calibration', '--trials', '20', '--firms', '10', '--json', '--workers', '1'], ['simulate', 'counterfactual', '--trials', '50', '--json', '--workers', '1']]) {
    it(`${args[1]} --json: no rendering, no network client, no CSV or date library`, () => {
      const { status, packages, distFiles } = loadedBy(args);
      expect(status).toBe(0);
      expect(distFiles.length).toBeGreaterThan(1); // the hook saw the command's chunks
      expect(packages.filter((p) => HEAVY.includes(p))).toEqual([]);
      expect(distFiles.filter((f) => vegaChunks().includes(f))).toEqual([]);
    });
  }
});

