// The examples are documentation: run them and check the figures they print.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const run = (file: string, args: string[] = []) => spawnSync(process.execPath, [join(ROOT, 'examples', file), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('examples', () => {
  it('flagship-study.mjs prints the flagship figures', () => {
    const r = run('flagship-study.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2025-01-27\s+0\s+-16\.968 %/);
    expect(r.stdout).toMatch(/observed \(raw\)\s+592\.66 bn/);
    expect(r.stdout).toMatch(/CAR \[-1, 1\] = -9\.46 %/);
  });
  it('any-firm.mjs reports a typed error for an unknown ticker', () => {
    const r = run('any-firm.mjs', ['NOPE']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^DataError: .*NOPE.csv \(NOPE\): no price file/);
  });
  it('claims.mjs gives a verdict per market-move claim', () => {
    const r = run('claims.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/004-03: "près de 590 milliards de dollars" -> within rounding/);
  });
});
