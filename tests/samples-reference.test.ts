// The battery against the independent Python implementation (scripts/reference_samples.py):
// market-model abnormal returns of real firms vs SPY from fixtures/prices, several designs
// (clustered, missing returns, non-clustered, rounded returns with ties and zeros, 64 events).
import { describe, expect, it } from 'vitest';
import { caarTests, dailyTests, prepareSample, signedRank } from '../src/samples/index.js';
import { expectClose } from './helpers.js';
import { compareTests, f64, firmFromJson, readReference } from './samples-helpers.js';

const ref = readReference();
const REL = 1e-10;

describe('samples: independent reference (scripts/reference_samples.py)', () => {
  it('covers the designs it claims', () => {
    expect(ref.samples.map((s: any) => s.name)).toEqual(['clustered', 'clustered-missing', 'non-clustered', 'rounded-ties', 'many-events']);
  });

  for (const s of ref.samples) {
    describe(s.name, () => {
      const input = { window: s.window as [number, number], firms: s.firms.map(firmFromJson) };
      const prep = prepareSample(input);

      it('daily AAR, n and every test agree to 1e-10', () => {
        const days = dailyTests(prep);
        expect(days.length).toBe(s.daily.length);
        for (let k = 0; k < days.length; k++) {
          const d = days[k]!;
          const e = s.daily[k];
          expect(d.offset).toBe(e.offset);
          expect(d.n).toBe(e.n);
          expectClose(d.aar, e.aar, REL, 0, `${s.name} aar ${e.offset}`);
          compareTests(d.tests, e.tests, `${s.name} day ${e.offset}`, REL, 0);
        }
      });

      for (const c of s.caar) {
        it(`CAAR [${c.from}, ${c.to}] agrees to 1e-10`, () => {
          const r = caarTests(prep, c.from, c.to);
          expect(r.n).toBe(c.n);
          expect(r.excluded).toEqual(c.excluded);
          expectClose(r.caar, c.caar, REL, 0, `${s.name} caar`);
          compareTests(r.tests, c.tests, `${s.name} [${c.from}, ${c.to}]`, REL, 0);
          // a raw input gives the same answer as a prepared one
          expect(caarTests(input, c.from, c.to)).toEqual(r);
        });
      }
    });
  }

  it('exact signed-rank p-values agree with scipy (no ties, n = 17..50)', () => {
    for (const c of ref.signedRank) {
      const r = signedRank(f64(c.x))!;
      expect(r.exact).toBe(true);
      expect(r.wPlus).toBe(c.wPlus);
      expectClose(r.p, c.p, 1e-10, 0, `n=${c.x.length}`);
    }
  });

  it('the reference data exercise ties, zeros, missing days and the normal Wilcoxon path', () => {
    const ties = ref.samples.find((s: any) => s.name === 'rounded-ties');
    const zeros = ties.firms.flatMap((f: any) => f.event).filter((v: number) => v === 0).length;
    expect(zeros).toBeGreaterThan(0);
    const missing = ref.samples.find((s: any) => s.name === 'clustered-missing');
    expect(missing.daily.some((d: any) => d.n < missing.firms.length)).toBe(true);
    expect(missing.caar.some((c: any) => c.excluded.length > 0)).toBe(true);
    const many = ref.samples.find((s: any) => s.name === 'many-events');
    expect(many.daily[0].n).toBeGreaterThan(50);
  });
});
