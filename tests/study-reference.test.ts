// The command's numbers against an independent implementation (scripts/reference.py: numpy
// closed-form OLS / lstsq and scipy's Student t, reading the fixture CSVs on its own and placing
// the trading days by the README's rule, gaps included).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studyCommand } from '../src/cli/study.js';
import { ROOT, expectClose, fixture, tempDir } from './helpers.js';

interface RefDay { date: string; offset: number; [k: string]: number | string }
interface Ref {
  args: string[];
  /** Rows to take out of copies of fixture files, for a case with gaps ('{DATA}' in args is that folder). */
  drop?: Record<string, string[]>;
  expected: {
    firm: string; market: string; model: string; returns: string; eventDate: string;
    estimation: Record<string, number | string | null>;
    window: RefDay[];
    car: Record<string, number>;
    bhar: number;
    bharBenchmark: number;
    loss?: Record<string, number>;
    windowLoss?: Record<string, number>;
  };
}
const cases = JSON.parse(readFileSync(join(ROOT, 'tests', 'reference', 'studies.json'), 'utf8')) as Record<string, Ref>;

/** A folder with copies of the fixture price files and facts.json, minus the rows `drop` names. */
function dataWithout(drop: Record<string, string[]>): string {
  const dir = tempDir('sputnik-ref-');
  for (const [symbol, dates] of Object.entries(drop)) {
    const lines = fixture('prices', `${symbol}.csv`).split('\n').filter((l) => !dates.includes(l.slice(0, 10)));
    writeFileSync(join(dir, `${symbol}.csv`), lines.join('\n'));
  }
  for (const symbol of ['NVDA', 'SPY']) if (!drop[symbol]) copyFileSync(join(ROOT, 'fixtures', 'prices', `${symbol}.csv`), join(dir, `${symbol}.csv`));
  copyFileSync(join(ROOT, 'fixtures', 'facts.json'), join(dir, 'facts.json'));
  return dir;
}

describe.each(Object.entries(cases))('%s', (_name, { args, drop, expected }) => {
  it('matches the independent implementation to 1e-9 relative', async () => {
    const dir = drop ? dataWithout(drop) : '';
    const got = JSON.parse(await studyCommand(args.slice(1).map((a) => (a === '{DATA}' ? dir : a))));
    expect({ firm: got.firm, market: got.market, model: got.model, returns: got.returns, eventDate: got.eventDate }).toEqual({
      firm: expected.firm, market: expected.market, model: expected.model, returns: expected.returns, eventDate: expected.eventDate,
    });
    const e = expected.estimation;
    expect([got.estimation.start, got.estimation.end, got.estimation.n, got.estimation.df]).toEqual([e.start, e.end, e.n, e.df]);
    for (const k of ['alpha', 'beta', 'sigma', 'r2'] as const) expectClose(got.estimation[k], e[k] as number | null, 1e-9, 1e-15, `estimation.${k}`);
    expect(got.window.map((d: RefDay) => [d.date, d.offset])).toEqual(expected.window.map((d) => [d.date, d.offset]));
    expected.window.forEach((d, i) => {
      for (const k of ['return', 'expected', 'ar', 'se', 't', 'p', 'lo', 'hi', 'car', 'carT', 'carP']) {
        expectClose(got.window[i][k], d[k] as number, 1e-9, 1e-15, `${d.date}.${k}`);
      }
    });
    for (const k of ['from', 'to', 'value', 'se', 't', 'p', 'lo', 'hi']) expectClose(got.car[k], expected.car[k], 1e-9, 1e-15, `car.${k}`);
    expectClose(got.bhar.value, expected.bhar, 1e-9, 1e-15, 'bhar');
    expectClose(got.bhar.benchmarkAdjusted, expected.bharBenchmark, 1e-9, 1e-15, 'bhar.benchmarkAdjusted');
    if (expected.loss) {
      for (const [k, v] of Object.entries(expected.loss)) expectClose(got.loss[k], v, 1e-9, 1e-6, `loss.${k}`);
      for (const [k, v] of Object.entries(expected.windowLoss ?? {})) expectClose(got.windowLoss[k], v, 1e-9, 1e-6, `windowLoss.${k}`);
    } else {
      expect(got.loss.raw).toBeNull();
    }
  });
});
