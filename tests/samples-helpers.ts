// Shared helpers of the samples-* tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { expectClose, ROOT } from './helpers.js';
import { SAMPLE_TEST_NAMES, type FirmAbnormalReturns, type SampleInput } from '../src/samples/index.js';

/** A firm as stored in tests/reference/samples.json (null = missing). */
export interface JsonFirm {
  symbol: string;
  eventDate: string;
  estimation: (number | null)[];
  estimationDates: string[];
  event: (number | null)[];
  sigma: number;
  df: number;
  eventCov: number[];
}

export const f64 = (xs: readonly (number | null)[]) => Float64Array.from(xs, (v) => (v === null ? NaN : v));

export function firmFromJson(f: JsonFirm): FirmAbnormalReturns {
  return { ...f, estimation: f64(f.estimation), event: f64(f.event), eventCov: f64(f.eventCov) };
}

export function readReference(): any {
  return JSON.parse(readFileSync(join(ROOT, 'tests', 'reference', 'samples.json'), 'utf8'));
}

/** A firm from plain numbers: event covariance sigma² I unless given (tiny hand samples). */
export function handFirm(
  symbol: string,
  estimation: readonly number[],
  event: readonly number[],
  opts: { sigma?: number; df?: number; eventDate?: string; cov?: readonly number[]; dates?: readonly string[] } = {},
): FirmAbnormalReturns {
  const L = event.length;
  const sigma = opts.sigma ?? 0.01;
  const cov = new Float64Array(L * L);
  if (opts.cov) cov.set(opts.cov);
  else for (let t = 0; t < L; t++) cov[t * L + t] = sigma * sigma;
  const dates = opts.dates ?? estimation.map((_, k) => `2024-01-${String(k + 1).padStart(2, '0')}`);
  return {
    symbol,
    eventDate: opts.eventDate ?? '2024-03-01',
    estimation: Float64Array.from(estimation),
    estimationDates: dates,
    event: Float64Array.from(event),
    sigma,
    df: opts.df ?? 30,
    eventCov: cov,
  };
}

export type { SampleInput };

type TestResults = Record<string, { stat: number; p: number } | null>;

/**
 * Every test of the battery against a reference: null where the reference has none, otherwise
 * the statistic within `rel`·|x| + `abs` and the p-value within `rel`·|p| (+1e-300 for p underflow).
 */
export function compareTests(actual: TestResults, expected: TestResults, label: string, rel: number, abs: number): void {
  for (const name of SAMPLE_TEST_NAMES) {
    const e = expected[name];
    const a = actual[name];
    if (e === null || e === undefined) {
      expect(a, `${label} ${name}`).toBeNull();
      continue;
    }
    expect(a, `${label} ${name}`).not.toBeNull();
    expectClose(a!.stat, e.stat, rel, abs, `${label} ${name}.stat`);
    expectClose(a!.p, e.p, rel, 1e-300, `${label} ${name}.p`);
  }
}
