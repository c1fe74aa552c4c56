// Properties of the battery on real market-model abnormal returns (tests/reference/samples.json):
// AAR is the mean of the available ARs; permuting firms changes nothing; scaling every abnormal
// return and sigma by c > 0 (the covariance by c²) leaves every statistic unchanged; a sample
// with every AR of one sign gives the sign test's extreme.
import { describe, expect, it } from 'vitest';
import { caarTests, dailyTests, SAMPLE_TEST_NAMES, type FirmAbnormalReturns, type SampleTests } from '../src/samples/index.js';
import { expectClose } from './helpers.js';
import { firmFromJson, readReference } from './samples-helpers.js';

const ref = readReference();
const input = (name: string) => {
  const s = ref.samples.find((x: any) => x.name === name);
  return { window: s.window as [number, number], firms: s.firms.map(firmFromJson) as FirmAbnormalReturns[] };
};

function sameTests(a: SampleTests, b: SampleTests, rel: number, label: string) {
  for (const k of SAMPLE_TEST_NAMES) {
    if (b[k] === null) {
      expect(a[k], `${label} ${k}`).toBeNull();
      continue;
    }
    expectClose(a[k]!.stat, b[k]!.stat, rel, 1e-12, `${label} ${k}.stat`);
    expectClose(a[k]!.p, b[k]!.p, rel, 1e-300, `${label} ${k}.p`);
  }
}

const scale = (f: FirmAbnormalReturns, c: number): FirmAbnormalReturns => ({
  ...f,
  estimation: f.estimation.map((v) => v * c),
  event: f.event.map((v) => v * c),
  sigma: f.sigma * c,
  eventCov: f.eventCov.map((v) => v * c * c),
});

describe('samples: properties', () => {
  for (const name of ['clustered-missing', 'non-clustered', 'rounded-ties']) {
    const sample = input(name);
    const days = dailyTests(sample);

    it(`${name}: AAR is the mean of the available ARs, n their count`, () => {
      days.forEach((d, t) => {
        const xs = sample.firms.map((f) => f.event[t]!).filter((v) => !Number.isNaN(v));
        expect(d.n).toBe(xs.length);
        expectClose(d.aar, xs.reduce((a, b) => a + b, 0) / xs.length, 1e-14, 0, `aar ${d.offset}`);
      });
    });

    it(`${name}: invariant to the order of the firms`, () => {
      const perm = { window: sample.window, firms: [...sample.firms].reverse() };
      const other = dailyTests(perm);
      days.forEach((d, t) => sameTests(other[t]!.tests, d.tests, 1e-12, `day ${d.offset}`));
      const [a, b] = sample.window;
      sameTests(caarTests(perm, a, b).tests, caarTests(sample, a, b).tests, 1e-12, 'caar');
    });

    it(`${name}: scaling ARs and sigmas by c > 0 leaves the statistics unchanged`, () => {
      // Parametric tests for any c. The rank and sign tests too, but only for powers of two:
      // with other factors the rounding of c * x can split exact ties of the rounded sample
      // (or of CAR sums), which legitimately changes mid-ranks.
      const parametric = ['bw1980', 'bw1985', 'crossSectionalT', 'patell', 'bmp', 'kolariPynnonen'] as const;
      for (const c of [1e-3, 7.5, 2 ** -10, 8]) {
        const exact = Number.isInteger(Math.log2(c));
        const pick = (x: SampleTests): SampleTests =>
          (exact ? x : Object.fromEntries(SAMPLE_TEST_NAMES.map((k) => [k, (parametric as readonly string[]).includes(k) ? x[k] : null]))) as SampleTests;
        const scaled = { window: sample.window, firms: sample.firms.map((f) => scale(f, c)) };
        const other = dailyTests(scaled);
        days.forEach((d, t) => {
          expectClose(other[t]!.aar, d.aar! * c, 1e-12, 0, 'aar');
          sameTests(pick(other[t]!.tests), pick(d.tests), 1e-10, `c=${c} day ${d.offset}`);
        });
        const [a, b] = sample.window;
        sameTests(pick(caarTests(scaled, a, b).tests), pick(caarTests(sample, a, b).tests), 1e-10, `c=${c} caar`);
      }
    });
  }

  it('every AR of one sign gives the sign test its extreme', () => {
    const sample = input('clustered');
    for (const sgn of [1, -1]) {
      const firms = sample.firms.map((f) => ({ ...f, event: f.event.map((v) => sgn * (Math.abs(v) + 1e-4)) }));
      const n = firms.length;
      for (const d of dailyTests({ window: sample.window, firms })) {
        expect(d.tests.sign!.stat).toBeCloseTo(sgn * Math.sqrt(n), 12);
        expectClose(d.tests.sign!.p, 2 * 0.5 ** n, 1e-12, 0, 'extreme p');
        // and so does Wilcoxon: W+ is 0 or n(n+1)/2, p = 2 / 2^n
        expectClose(d.tests.wilcoxon!.p, 2 * 0.5 ** n, 1e-12, 0, 'wilcoxon extreme p');
      }
    }
  });

  it('non-clustered firms have no cross-correlation: Kolari-Pynnönen equals BMP and says so', () => {
    const sample = input('non-clustered');
    const apart = { window: sample.window, firms: sample.firms.filter((f) => f.symbol !== 'MSFT') };
    for (const d of dailyTests(apart)) {
      expect(d.tests.kolariPynnonen).toEqual(d.tests.bmp);
      expect(d.notes.some((x) => x.test === 'kolariPynnonen' && /equals BMP/.test(x.message))).toBe(true);
    }
  });

  it('a prepared sample and a raw input give the same results', async () => {
    const { prepareSample } = await import('../src/samples/index.js');
    const sample = input('clustered');
    expect(dailyTests(prepareSample(sample))).toEqual(dailyTests(sample));
  });
});
