// The simulation charts (fan of simulated paths, simulated losses, power curves): valid Vega-Lite
// specs in both languages, built from real simulation results, and rendered without error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanChart, powerChart, simulatedLossesChart, VEGA_LITE_SCHEMA } from '../src/charts/index.js';
import type { Spec } from '../src/charts/common.js';
import { UsageError } from '../src/errors.js';
import { loadPanel } from '../src/panel/load.js';
import { fanInput, lossesInput, powerInput } from '../src/report/simulate-text.js';
import { toSvg } from '../src/report/render.js';
import { CALIBRATION_UNIVERSE } from '../src/simulate/calibration-data.js';
import { simulateCalibration, type CalibrationResult } from '../src/simulate/calibration.js';
import { simulateCounterfactual, type CounterfactualResult } from '../src/simulate/counterfactual.js';
import { runStudy } from '../src/study/run.js';
import { ROOT } from './helpers.js';

let validate: ValidateFunction;
let cf: CounterfactualResult;
let cal: CalibrationResult;

beforeAll(async () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));
  validate = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false }).compile(schema);
  const panel = await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, 'SPY'] });
  const study = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
  [cf, cal] = await Promise.all([
    simulateCounterfactual(study, { trials: 2000, seed: 1, workers: 1, claims: [{ id: '000-07', usd: 600e9 }, { id: '004-03', usd: 590e9 }, { id: '001-02', usd: 800e9 }] }),
    simulateCalibration(panel, { trials: 100, firms: 30, seed: 1, workers: 1 }),
  ]);
});

function expectValid(spec: Spec, what: string): void {
  const ok = validate(spec);
  const errors = ok ? '' : (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
  expect(ok, `${what} is not a valid Vega-Lite spec:\n${errors}`).toBe(true);
  expect((spec as { $schema?: string }).$schema).toBe(VEGA_LITE_SCHEMA);
}

describe('simulation charts', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`are valid Vega-Lite (${lang})`, () => {
      expectValid(fanChart(fanInput(cf, lang)), 'fanChart');
      expectValid(fanChart({ ...fanInput(cf, lang), paths: [] }), 'fanChart without paths');
      const losses = lossesInput(cf, lang);
      expect(losses).not.toBeNull();
      expectValid(simulatedLossesChart(losses!), 'simulatedLossesChart');
      expectValid(simulatedLossesChart({ ...losses!, quoted: [] }), 'simulatedLossesChart without quotes');
      expectValid(powerChart(powerInput(cal, lang)), 'powerChart');
      expectValid(powerChart({ ...powerInput(cal, lang), intervals: undefined, analytic: undefined }), 'powerChart, rates only');
    });
  }

  it('draw what they are given: the observed close, the quoted figures, every test and the analytic power', () => {
    const fan = JSON.stringify(fanChart(fanInput(cf)));
    expect(fan).toContain('118.41999816894531'); // the observed close of 27 January 2025
    expect(fan).toContain('Median no-news path');
    const losses = JSON.stringify(simulatedLossesChart(lossesInput(cf)!));
    for (const t of ['600 bn (000-07)', '590 bn (004-03)', '800 bn (001-02)']) expect(losses).toContain(t);
    const power = powerChart(powerInput(cal)) as unknown as { data: { values: { test: string }[] } };
    expect(new Set(power.data.values.map((v) => v.test)).size).toBe(10);
    expect(JSON.stringify(power)).toContain('MacKinlay (analytic)');
    expect(JSON.stringify(powerChart(powerInput(cal, 'fr')))).toContain('Taux de rejet');
  });

  it('render to SVG', async () => {
    for (const spec of [fanChart(fanInput(cf)), simulatedLossesChart(lossesInput(cf)!), powerChart(powerInput(cal))]) {
      const svg = await toSvg(spec);
      expect(svg.startsWith('<svg')).toBe(true);
    }
  });

  it('refuse inconsistent input with a UsageError', () => {
    expect(() => fanChart({ ...fanInput(cf), paths: [[1, 2]] })).toThrow(UsageError);
    expect(() => powerChart({ ...powerInput(cal), shifts: [0] })).toThrow(UsageError);
    expect(() => powerChart({ ...powerInput(cal), rejection: {} })).toThrow(UsageError);
    expect(() => fanChart({ ...fanInput(cf), eventDate: 'yesterday' })).toThrow(UsageError);
  });
});
