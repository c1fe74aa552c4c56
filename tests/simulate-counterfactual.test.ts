// Counterfactual (no-news) paths: the simulated returns have the analytic market-model mean and
// forecast-error spread, the same seed gives the same JSON with any number of workers, the
// bootstrap CAR interval agrees with the analytic one on normal returns, and the quoted figures
// get probabilities.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PriceSeries } from '../src/data/types.js';
import { UsageError } from '../src/errors.js';
import { buildPanel, type Panel } from '../src/panel/panel.js';
import { loadPanel } from '../src/panel/load.js';
import { counterfactualSetup, fitStudentDf, simulateCounterfactual, type CounterfactualResult } from '../src/simulate/counterfactual.js';
import { plannedThreads } from '../src/simulate/pool.js';
import { RandomStream } from '../src/simulate/random.js';
import type { EventStudy } from '../src/study/result.js';
import { runStudy } from '../src/study/run.js';

const CLAIMS = [
  { id: '000-07', usd: 600e9 },
  { id: '004-03', usd: 590e9 },
  { id: '001-02', usd: 800e9 },
  { id: 'small', usd: 100e9 },
];

let panel: Panel;
let study: EventStudy;

beforeAll(async () => {
  panel = await loadPanel({ symbols: ['NVDA', 'SPY'] });
  study = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
});

/** Sample kurtosis E[x^4]/E[x^2]^2 of centred values. */
function kurtosis(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - m;
    s2 += d * d;
    s4 += d ** 4;
  }
  return (s4 / x.length) / (s2 / x.length) ** 2;
}

/** Each day's simulated mean and sd against the analytic ones, within 4 Monte Carlo standard errors. */
function expectAnalytic(r: CounterfactualResult, kurt: number): void {
  const B = r.trials;
  for (const d of r.days) {
    const seMean = d.analyticSd / Math.sqrt(B);
    const seSd = d.analyticSd * Math.sqrt((kurt - 1) / (4 * B));
    expect(Math.abs(d.returnMean - d.analyticMean), `${d.date} mean ${d.returnMean} vs ${d.analyticMean}`).toBeLessThan(4 * seMean);
    expect(Math.abs(d.returnSd - d.analyticSd), `${d.date} sd ${d.returnSd} vs ${d.analyticSd}`).toBeLessThan(4 * seSd);
  }
}

describe('the no-news distribution is the analytic market model one', () => {
  it('bootstrap: mean E[R_t] and sd sigma sqrt(1 + x*(X\'X)^-1 x*) within 4 standard errors', async () => {
    const r = await simulateCounterfactual(study, { trials: 20_000, seed: 1, workers: 1 });
    // The analytic values are the study's own.
    r.days.forEach((d, t) => {
      expect(d.analyticMean).toBe(study.eventWindow.expected[t]);
      expect(d.analyticSd).toBeCloseTo(study.window[t]!.se, 12);
    });
    const setup = counterfactualSetup(study);
    expectAnalytic(r, kurtosis(setup.payload.pool));
  });

  it('Student t errors (df fitted): the same mean and spread', async () => {
    const r = await simulateCounterfactual(study, { trials: 20_000, seed: 2, method: 't', workers: 1 });
    expect(r.dfFitted).toBe(true);
    expect(r.df!).toBeGreaterThan(2);
    expect(r.df!).toBeLessThan(50);
    // Kurtosis of a t with nu df: 3 + 6/(nu - 4) (infinite at nu <= 4: take a generous 30).
    expectAnalytic(r, r.df! > 4.5 ? 3 + 6 / (r.df! - 4) : 30);
  });

  it('the bootstrap pool has the model\'s sigma and no mean; the fitted df describes fat tails', () => {
    const setup = counterfactualSetup(study);
    const pool = setup.payload.pool;
    let s = 0;
    let s2 = 0;
    for (const v of pool) {
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / pool.length)).toBeLessThan(1e-15);
    expect(Math.sqrt(s2 / pool.length)).toBeCloseTo(study.fitted.sigma, 14);
    // Normal values fit a large df; t(4) values a small one.
    const rng = new RandomStream(8, 0);
    const normal = Float64Array.from({ length: 4000 }, () => rng.normal());
    const t4 = Float64Array.from({ length: 4000 }, () => rng.studentT(4) / Math.sqrt(2));
    expect(fitStudentDf(normal)).toBeGreaterThan(30);
    expect(fitStudentDf(t4)).toBeLessThan(6);
  });
});

describe('reproducibility and the contract', () => {
  it('the same seed gives byte-identical JSON with one worker or two; another seed differs', async () => {
    expect(plannedThreads(3000, 2, 0.005, 0)).toBe(2);
    const o = { trials: 3000, claims: CLAIMS };
    const one = JSON.stringify(await simulateCounterfactual(study, { ...o, seed: 4, workers: 1 }));
    const two = JSON.stringify(await simulateCounterfactual(study, { ...o, seed: 4, workers: 2, minWorkMs: 0 }));
    expect(two).toBe(one);
    expect(JSON.stringify(await simulateCounterfactual(study, { ...o, seed: 5, workers: 2, minWorkMs: 0 }))).not.toBe(one);
    const t1 = JSON.stringify(await simulateCounterfactual(study, { ...o, seed: 4, method: 't', df: 5, workers: 1 }));
    const t2 = JSON.stringify(await simulateCounterfactual(study, { ...o, seed: 4, method: 't', df: 5, workers: 2, minWorkMs: 0 }));
    expect(t2).toBe(t1);
  });

  it('prints the README contract: firm, market, eventDate, trials, seed, days, loss.abnormal, claims', async () => {
    const r = JSON.parse(JSON.stringify(await simulateCounterfactual(study, { trials: 2000, seed: 1, claims: CLAIMS, workers: 1 })));
    expect(Object.keys(r).slice(0, 8)).toEqual(['firm', 'market', 'eventDate', 'trials', 'seed', 'days', 'loss', 'claims']);
    expect([r.firm, r.market, r.eventDate, r.trials, r.seed]).toEqual(['NVDA', 'SPY', '2025-01-27', 2000, 1]);
    expect(r.days).toHaveLength(11);
    for (const d of r.days) {
      for (const k of ['date', 'offset', 'observed', 'p05', 'p50', 'p95']) expect(d, k).toHaveProperty(k);
      expect(d.p05).toBeLessThan(d.p50);
      expect(d.p50).toBeLessThan(d.p95);
    }
    const day0 = r.days.find((d: { offset: number }) => d.offset === 0);
    expect(day0.observed).toBeCloseTo(118.42, 2); // USD per share, as traded
    expect(r.days[0].marketValue.observed).toBeCloseTo(24.49e9 * r.days[0].observed, 0);
    for (const k of ['p05', 'p50', 'p95']) expect(typeof r.loss.abnormal[k]).toBe('number');
    // The simulated abnormal loss centres on the study's (467 bn).
    expect(Math.abs(r.loss.abnormal.p50 - study.loss(0, 0).abnormal!) / 1e9).toBeLessThan(20);
    expect(r.claims.map((c: { id: string }) => c.id)).toEqual(CLAIMS.map((c) => c.id));
    for (const c of r.claims) expect(Object.keys(c).slice(0, 3)).toEqual(['id', 'usd', 'probability']);
  });

  it('prices the quoted figures: larger falls are rarer, and 600 bn is far in the tail without news', async () => {
    const r = await simulateCounterfactual(study, { trials: 20_000, seed: 1, claims: CLAIMS, workers: 1 });
    const p = Object.fromEntries(r.claims.map((c) => [c.id, c]));
    expect(p.small!.probability).toBeGreaterThan(0.3);
    expect(p['000-07']!.probability).toBeLessThanOrEqual(p['004-03']!.probability);
    expect(p['001-02']!.probability).toBeLessThanOrEqual(p['000-07']!.probability);
    expect(p['000-07']!.probability).toBeLessThan(0.001);
    expect(p['000-07']!.upper95).toBeGreaterThan(p['000-07']!.probability);
    expect(p['000-07']!.analytic).toBeLessThan(1e-4);
    // The fall each quote implies: 600 bn of 24.49 bn shares at 142.62 is a 17.18 % fall.
    expect(p['000-07']!.returnNeeded).toBeCloseTo(-600e9 / (24.49e9 * 142.62), 3);
  });

  it('rejects bad options with one line', async () => {
    for (const [o, pattern] of [
      [{ trials: 0 }, /trials 0 must be a whole number/],
      [{ seed: 0.5 }, /seed 0.5 must be a whole number/],
      [{ method: 'normal' }, /method "normal"/],
      [{ method: 't', df: 2 }, /df 2 must be a number above 2/],
      [{ claims: [{ id: 'x', usd: -1 }] }, /positive USD amount/],
      [{ carWindow: [-6, 5] }, /CAR window/],
    ] as const) {
      const err = await simulateCounterfactual(study, { trials: 10, workers: 1, ...(o as object) }).catch((e: unknown) => e);
      expect(err, JSON.stringify(o)).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

/** Clearly synthetic prices: a firm following a market model with normal errors (never written to fixtures). */
function syntheticStudy(): EventStudy {
  const rng = new RandomStream(77, 0);
  const n = 400;
  const dates: string[] = [];
  const day = Date.UTC(2023, 0, 2);
  for (let t = 0, k = 0; dates.length < n; k++) {
    const d = new Date(day + k * 86_400_000);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6) continue;
    dates.push(d.toISOString().slice(0, 10));
    t++;
  }
  let pm = 100;
  let pf = 50;
  const rowsM = [];
  const rowsF = [];
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const rm = 0.0003 + 0.01 * rng.normal();
      const rf = 0.0001 + 1.3 * rm + 0.015 * rng.normal();
      pm *= 1 + rm;
      pf *= 1 + rf;
    }
    const row = (p: number) => ({ date: dates[t]!, open: null, high: null, low: null, close: p, adjClose: p, volume: null });
    rowsM.push(row(pm));
    rowsF.push(row(pf));
  }
  const firm: PriceSeries = { symbol: 'SYNF', source: 'synthetic (test)', rows: rowsF };
  const market: PriceSeries = { symbol: 'SYNM', source: 'synthetic (test)', rows: rowsM };
  return runStudy(buildPanel({ series: [firm, market] }), { firm: 'SYNF', market: 'SYNM', event: dates[350]!, shares: 1e9 });
}

describe('the bootstrap CAR interval on normal residuals', () => {
  it('contains the CAR (the analytic interval\'s centre) and is close to the analytic interval', async () => {
    const s = syntheticStudy();
    const r = await simulateCounterfactual(s, { trials: 20_000, seed: 3, workers: 1 });
    const b = r.bootstrapCar;
    const width = b.analyticHi - b.analyticLo;
    expect(b.lo).toBeLessThan(b.value);
    expect(b.hi).toBeGreaterThan(b.value);
    expect((b.analyticLo + b.analyticHi) / 2).toBeCloseTo(b.value, 12);
    expect(Math.abs(b.lo - b.analyticLo) / width).toBeLessThan(0.05);
    expect(Math.abs(b.hi - b.analyticHi) / width).toBeLessThan(0.05);
    // And the SQ test of day 0 on normal residuals agrees with the t test's verdict at 5 %.
    expect(r.sq.day0!.reject).toBe(s.day(0)!.p < 0.05);
  });

  it('the flagship day is far outside the no-news quantiles (SQ test)', async () => {
    const r = await simulateCounterfactual(study, { trials: 500, seed: 1, workers: 1 });
    expect(r.sq.day0!.reject).toBe(true);
    expect(r.sq.day0!.p).toBe(0);
    expect(r.sq.day0!.n).toBe(250);
  });
});
