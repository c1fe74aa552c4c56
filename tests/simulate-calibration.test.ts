// The Brown-Warner calibration: reproducible for a seed whatever the number of workers, its fast
// statistics equal to the battery's (dailyTests) on the same firm-events, well-sized t tests on
// synthetic normal returns, and one-line errors for bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { fitModel } from '../src/models/fit.js';
import { loadPanel } from '../src/panel/load.js';
import { dailyTests } from '../src/samples/tests.js';
import { SAMPLE_TEST_NAMES, type FirmAbnormalReturns } from '../src/samples/types.js';
import { signTest, wilcoxonTest } from '../src/samples/nonparametric.js';
import { calibrationData, calibrationDataFromReturns, CALIBRATION_UNIVERSE, type CalibrationData } from '../src/simulate/calibration-data.js';
import { calibrateOn, calibrationDesign, kernelParams, signRegion, simulateCalibration, wilcoxonRegion } from '../src/simulate/calibration.js';
import { createStore, runCalibrationTrials, TEST_COUNT } from '../src/simulate/calibration-kernel.js';
import { plannedThreads } from '../src/simulate/pool.js';
import { RandomStream } from '../src/simulate/random.js';
import type { Panel } from '../src/panel/panel.js';

let panel: Panel;
let data: CalibrationData;

beforeAll(async () => {
  panel = await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, 'SPY'], facts: false });
  data = calibrationData(panel, { market: 'SPY', universe: CALIBRATION_UNIVERSE, estimation: [-260, -11], window: [-5, 5] }).data;
});

describe('reproducibility', () => {
  it('the worker script is built, so two workers really run on two threads (when the run is worth a thread)', () => {
    expect(plannedThreads(200, 2, 0.3, 0)).toBe(2);
    expect(plannedThreads(1000, 2, 0.3)).toBe(2);
    expect(plannedThreads(100, 2, 0.3)).toBe(1); // 30 ms of work: not worth starting a worker
    expect(plannedThreads(1000, 1, 0.3)).toBe(1);
  });

  it('the same seed gives byte-identical JSON, with one worker or two; another seed differs', async () => {
    const one = JSON.stringify(await simulateCalibration(panel, { trials: 200, firms: 50, seed: 1, workers: 1 }));
    const two = JSON.stringify(await simulateCalibration(panel, { trials: 200, firms: 50, seed: 1, workers: 2, minWorkMs: 0 }));
    const again = JSON.stringify(await simulateCalibration(panel, { trials: 200, firms: 50, seed: 1 }));
    expect(two).toBe(one);
    expect(again).toBe(one);
    const other = JSON.stringify(await simulateCalibration(panel, { trials: 200, firms: 50, seed: 2, workers: 2, minWorkMs: 0 }));
    expect(other).not.toBe(one);
  });

  it('is the same with and without the firm-event cache', async () => {
    const design = calibrationDesign({ trials: 60, firms: 30, seed: 9 });
    const params = kernelParams(design, data);
    const M = 261;
    const cached = runCalibrationTrials(data, params, createStore(data.events.length, 1, 30, M, 4, false), 0, 0, 60);
    const fresh = runCalibrationTrials(data, params, createStore(0, 1, 30, M, 4, false), 0, 0, 60);
    expect(Array.from(cached.stats)).toEqual(Array.from(fresh.stats));
    expect(Array.from(cached.reject)).toEqual(Array.from(fresh.reject));
  });

  it('follows the contract: trials, firms, seed, shifts, rejection by test name, analytic', async () => {
    const r = await simulateCalibration(panel, { trials: 100, firms: 20, seed: 3, workers: 1 });
    const json = JSON.parse(JSON.stringify(r));
    expect(Object.keys(json).slice(0, 6)).toEqual(['trials', 'firms', 'seed', 'shifts', 'rejection', 'analytic']);
    expect(json.shifts).toEqual([0, 0.005, 0.01, 0.02]);
    expect(Object.keys(json.rejection)).toEqual([...SAMPLE_TEST_NAMES]);
    for (const name of SAMPLE_TEST_NAMES) {
      expect(json.rejection[name]).toHaveLength(4);
      for (const v of json.rejection[name]) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(json.analytic[0]).toBeCloseTo(0.05, 12); // no abnormal return: the level
    for (let i = 1; i < 4; i++) expect(json.analytic[i]).toBeGreaterThan(json.analytic[i - 1]);
  });
});

/** The firm-event (firm f, event day e) as the battery takes it, fitted by the library's own OLS (QR). */
function firmEvent(d: CalibrationData, f: number, e: number, shift: number): FirmAbnormalReturns {
  const [e0, e1] = d.estimation;
  const [w0, w1] = d.window;
  const col = (src: Float64Array, off: number, a: number, b: number) => Float64Array.from({ length: b - a + 1 }, (_, k) => src[off + a + k]!);
  const fitted = fitModel('market', { firm: col(d.r, f * d.T, e + e0, e + e1), market: col(d.m, 0, e + e0, e + e1) });
  const days = Array.from({ length: w1 - w0 + 1 }, (_, k) => ({ firm: d.r[f * d.T + e + w0 + k]!, market: d.m[e + w0 + k]! }));
  const event = Float64Array.from(days, (day, k) => day.firm - fitted.expected(day) + (w0 + k === 0 ? shift : 0));
  return {
    symbol: `${d.symbols[f]}@${d.dates[e]}`,
    eventDate: d.dates[e]!,
    estimation: Float64Array.from(fitted.residuals),
    estimationDates: d.dates.slice(e + e0, e + e1 + 1),
    event,
    sigma: fitted.sigma,
    df: fitted.df,
    eventCov: fitted.covariance(days),
  };
}

describe('the fast statistics are the battery\'s', () => {
  it('equal dailyTests on day 0 for every test and shift, decisions included (p < 5 %)', () => {
    const design = calibrationDesign({ trials: 12, firms: 40, seed: 11 });
    const params = kernelParams(design, data);
    const out = runCalibrationTrials(data, params, createStore(0, 1, 40, 261, 4, false), 0, 0, 12, true);
    let sameDate = 0;
    for (let t = 0; t < 12; t++) {
      sameDate += out.sameDatePairs[t]!;
      design.shifts.forEach((shift, s) => {
        const firms = Array.from({ length: 40 }, (_, j) => firmEvent(data, out.draws![(t * 40 + j) * 2]!, out.draws![(t * 40 + j) * 2 + 1]!, shift));
        const day0 = dailyTests({ window: data.window, firms }).find((x) => x.offset === 0)!;
        SAMPLE_TEST_NAMES.forEach((name, k) => {
          const o = (t * 4 + s) * TEST_COUNT + k;
          const battery = day0.tests[name];
          const where = `trial ${t}, shift ${shift}, ${name}`;
          expect(battery, where).not.toBeNull();
          const tol = 1e-9 * Math.max(1, Math.abs(battery!.stat));
          expect(Math.abs(out.stats[o]! - battery!.stat), `${where}: ${out.stats[o]} vs ${battery!.stat}`).toBeLessThan(tol);
          expect(out.reject[o], where).toBe(battery!.p < 0.05 ? 1 : 0);
        });
      });
    }
    // The check covers Kolari & Pynnönen's correlations: some trials have firm-events on the same day.
    expect(sameDate).toBeGreaterThan(0);
  });

  it('the exact sign and Wilcoxon regions are the battery\'s decisions', () => {
    const sign = signRegion(999, 0.05);
    for (const m of [1, 5, 6, 17, 40, 60, 200, 999]) {
      for (let pos = 0; pos <= m; pos++) {
        const x = Array.from({ length: m }, (_, i) => (i < pos ? 1 : -1));
        const battery = signTest(x, m);
        const c = sign[m]!;
        expect(pos <= c || pos >= m - c, `m ${m}, positives ${pos}`).toBe(typeof battery !== 'string' && battery.p < 0.05);
      }
    }
    const { table, stride } = wilcoxonRegion(50, 0.05);
    const rng = new RandomStream(3, 0);
    for (const m of [5, 6, 12, 30, 50]) {
      for (let rep = 0; rep < 40; rep++) {
        const x = Array.from({ length: m }, () => (rng.double() - 0.45) * (1 + rng.double()));
        const battery = wilcoxonTest(x, m);
        if (typeof battery === 'string') throw new Error(battery);
        // W+ = sum of the ranks of |x| over the positive x.
        const order = x.map((v, i) => [Math.abs(v), i] as const).sort((a, b) => a[0] - b[0]);
        let w = 0;
        order.forEach(([, i], r) => {
          if (x[i]! > 0) w += r + 1;
        });
        expect(table[m * stride + w], `m ${m}, W+ ${w}`).toBe(battery.p < 0.05 ? 1 : 0);
      }
    }
  });
});

/** Clearly synthetic: normal market and firm returns from a seeded stream (never written anywhere). */
function syntheticNormalData(F: number, T: number): CalibrationData {
  const rng = new RandomStream(20250127, 0);
  const dates = Array.from({ length: T }, (_, t) => new Date(Date.UTC(2000, 0, 3) + t * 86_400_000).toISOString().slice(0, 10));
  const m = Float64Array.from({ length: T }, (_, t) => (t === 0 ? NaN : 0.0004 + 0.01 * rng.normal()));
  const firmReturns = Array.from({ length: F }, (_, f) => {
    const alpha = 0.0002 * (f % 5);
    const beta = 0.5 + 0.1 * (f % 11);
    const sigma = 0.01 + 0.002 * (f % 7);
    return Float64Array.from({ length: T }, (_, t) => (t === 0 ? NaN : alpha + beta * m[t]! + sigma * rng.normal()));
  });
  return calibrationDataFromReturns({
    symbols: Array.from({ length: F }, (_, f) => `SYN${f}`),
    market: 'SYNMKT',
    dates,
    firmReturns,
    marketReturns: m,
    estimation: [-260, -11],
    window: [-5, 5],
  });
}

describe('size on simulated normal returns', () => {
  it('each t-type test rejects a true null at a rate whose 95 % Clopper-Pearson interval holds 5 %; the analytic power matches', async () => {
    const synthetic = syntheticNormalData(40, 1200);
    const r = await calibrateOn(synthetic, { trials: 2000, firms: 50, seed: 5, shifts: [0, 0.005], workers: 1 });
    for (const name of ['bw1980', 'bw1985', 'crossSectionalT', 'patell', 'bmp', 'kolariPynnonen'] as const) {
      const [lo, hi] = r.intervals[name][0]!;
      expect(lo <= 0.05 && 0.05 <= hi, `${name}: rate ${r.rejection[name][0]} [${lo}, ${hi}]`).toBe(true);
      expect(r.computed[name][0]).toBe(2000);
    }
    // The analytic power at shift 0 is the level; on normal returns MacKinlay's power of the AAR
    // test is what the portfolio (Brown & Warner) test achieves, within its binomial interval.
    expect(r.analytic[0]).toBeCloseTo(0.05, 12);
    const [lo, hi] = r.intervals.bw1985[1]!;
    expect(lo <= r.analytic[1]! && r.analytic[1]! <= hi, `analytic ${r.analytic[1]} vs [${lo}, ${hi}]`).toBe(true);
  });
});

describe('bad input', () => {
  const oneLine = (f: () => unknown, pattern: RegExp) => {
    let err: unknown;
    try {
      f();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(pattern);
    expect((err as Error).message).not.toContain('\n');
  };

  it('rejects zero trials, a non-integer seed, too few firms, bad shifts', () => {
    oneLine(() => calibrationDesign({ trials: 0 }), /trials 0 must be a whole number/);
    oneLine(() => calibrationDesign({ seed: 1.5 }), /seed 1.5 must be a whole number/);
    oneLine(() => calibrationDesign({ seed: -1 }), /seed -1/);
    oneLine(() => calibrationDesign({ firms: 1 }), /firms 1 must be a whole number from 2/);
    oneLine(() => calibrationDesign({ shifts: [-0.01] }), /shifts/);
  });

  it('rejects more firms per trial than firm-events available', async () => {
    await expect(calibrateOn(data, { trials: 1, firms: data.events.length + 1 })).rejects.toThrow(/only \d+ firm-events/);
  });
});
