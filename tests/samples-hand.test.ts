// Every test of the battery worked out by hand on a tiny sample. The abnormal returns below are
// simple made-up numbers (not prices): three firms, four estimation days, a two-day event window
// [0, 1], one common event date, eventCov = sigma² I (no estimation error), df = 10.
//
//   firm  sigma  estimation (oldest first)       event day 0  event day 1
//   A     0.01   0.01  -0.01   0.02  -0.02       0.03         0.01
//   B     0.02   0.02   0.00  -0.02   0.00       0.02        -0.01
//   C     0.01  -0.01   0.01   0.01  -0.01       0.04         0.00
import { describe, expect, it } from 'vitest';
import { caarTests, dailyTests, signedRank, midranks } from '../src/samples/index.js';
import { expectClose } from './helpers.js';
import { handFirm } from './samples-helpers.js';

const A = handFirm('A', [0.01, -0.01, 0.02, -0.02], [0.03, 0.01], { sigma: 0.01, df: 10 });
const B = handFirm('B', [0.02, 0.0, -0.02, 0.0], [0.02, -0.01], { sigma: 0.02, df: 10 });
const C = handFirm('C', [-0.01, 0.01, 0.01, -0.01], [0.04, 0.0], { sigma: 0.01, df: 10 });
const sample = { window: [0, 1] as const, firms: [A, B, C] };
const [day0, day1] = dailyTests(sample);
const car = caarTests(sample, 0, 1);
const close = (a: number | undefined, e: number, label: string) => expectClose(a, e, 1e-12, 1e-15, label);

describe('samples: hand computations (made-up abnormal returns, three firms)', () => {
  it('AAR and n', () => {
    // day 0: (0.03 + 0.02 + 0.04) / 3 = 0.03; day 1: (0.01 - 0.01 + 0) / 3 = 0
    close(day0!.aar!, 0.03, 'aar0');
    close(day1!.aar!, 0, 'aar1');
    expect([day0!.n, day1!.n]).toEqual([3, 3]);
    close(car.caar!, 0.03, 'caar'); // CARs 0.04, 0.01, 0.04
  });

  it('Brown & Warner 1980 / 1985: portfolio mean over its estimation-window time-series sd', () => {
    // Portfolio mean AR on the four estimation days: (0.01+0.02-0.01)/3 = 2/3 %, (-0.01+0+0.01)/3 = 0,
    // (0.02-0.02+0.01)/3 = 1/3 %, (-0.02+0-0.01)/3 = -1 %. Their mean is 0, so
    // sd² = ((2/3)² + 0 + (1/3)² + 1²) / (4 - 1) %² = (14/9)/3 = 14/27 %²; sd = sqrt(14/27) %.
    // Day 0: 3 % / sqrt(14/27) % = 3 sqrt(27/14) = 4.16619..., Student t with 4 - 1 = 3 df.
    const t = 3 * Math.sqrt(27 / 14);
    for (const k of ['bw1980', 'bw1985'] as const) {
      close(day0!.tests[k]!.stat, t, k);
      close(day0!.tests[k]!.p, 0.02516444742377887, `${k} p`); // scipy: 2 * stats.t.sf(4.16619, 3)
      // CAAR [0, 1]: 3 % / (sqrt(2) sd) = 3 sqrt(27/14) / sqrt(2)
      close(car.tests[k]!.stat, t / Math.SQRT2, `${k} caar`);
    }
  });

  it('cross-sectional t', () => {
    // day 0: mean 0.03, sd of (0.03, 0.02, 0.04) = 0.01, t = 0.03 / (0.01 / sqrt 3) = 3 sqrt 3, 2 df
    close(day0!.tests.crossSectionalT!.stat, 3 * Math.sqrt(3), 'cs0');
    close(day0!.tests.crossSectionalT!.p, 0.03509871864598465, 'cs0 p'); // scipy: 2 * stats.t.sf(3 sqrt 3, 2)
    // day 1: mean 0 -> t = 0, p = 1
    close(day1!.tests.crossSectionalT!.stat, 0, 'cs1');
    close(day1!.tests.crossSectionalT!.p, 1, 'cs1 p');
    // CAAR: CARs (0.04, 0.01, 0.04): mean 0.03, sd = sqrt((1e-4 + 4e-4 + 1e-4)/2) = sqrt(3e-4) -> t = 3
    close(car.tests.crossSectionalT!.stat, 0.03 / (Math.sqrt(3e-4) / Math.sqrt(3)), 'cs car');
  });

  it('Patell Z', () => {
    // SAR day 0 = AR / sigma = 3, 1, 4 (sum 8); each has variance df/(df-2) = 10/8 = 1.25.
    // Z = 8 / sqrt(3 * 1.25) = 4.13118...
    close(day0!.tests.patell!.stat, 8 / Math.sqrt(3.75), 'patell0');
    // CAAR: sum over firms and days of SAR = (3 + 1) + (1 - 0.5) + (4 + 0) = 8.5;
    // variance 3 firms * 2 days * 1.25 = 7.5; Z = 8.5 / sqrt(7.5)
    close(car.tests.patell!.stat, 8.5 / Math.sqrt(7.5), 'patell car');
  });

  it('BMP standardized cross-sectional t', () => {
    // SAR day 0 = (3, 1, 4): mean 8/3; deviations (1/3, -5/3, 4/3), sum of squares 42/9, sd² = 7/3;
    // t = (8/3) / sqrt((7/3)/3) = 8 / sqrt 7 = 3.02372, 2 df
    close(day0!.tests.bmp!.stat, 8 / Math.sqrt(7), 'bmp0');
    // CAAR: SCAR = CAR / sqrt(1' V 1) = CAR / (sigma sqrt 2) = (4, 0.5, 4) / sqrt 2; the t of
    // (4, 0.5, 4) is (17/6) / (sqrt(294/72) / sqrt 3) = 17/7
    close(car.tests.bmp!.stat, 17 / 7, 'bmp car');
  });

  it('Kolari-Pynnönen', () => {
    // Estimation residuals in %: A (1,-1,2,-2), B (2,0,-2,0), C (-1,1,1,-1), all with mean 0:
    // r_AB = -2/sqrt(10*8), r_AC = 2/sqrt(10*4), r_BC = -4/sqrt(8*4); r = their mean.
    const r = (-2 / Math.sqrt(80) + 2 / Math.sqrt(40) - 4 / Math.sqrt(32)) / 3;
    const adj = Math.sqrt((1 - r) / (1 + 2 * r));
    close(day0!.tests.kolariPynnonen!.stat, (8 / Math.sqrt(7)) * adj, 'kp0');
    close(car.tests.kolariPynnonen!.stat, (17 / 7) * adj, 'kp car');
  });

  it('sign test (zeros dropped, exact binomial p)', () => {
    // day 0: 3 positives of 3: z = (3 - 1.5) / sqrt(3/4) = sqrt 3; p = 2 * (1/2)^3 = 0.25
    close(day0!.tests.sign!.stat, Math.sqrt(3), 'sign0');
    close(day0!.tests.sign!.p, 0.25, 'sign0 p');
    // day 1: C's zero is dropped: 1 positive of 2: z = 0, p = 1
    close(day1!.tests.sign!.stat, 0, 'sign1');
    close(day1!.tests.sign!.p, 1, 'sign1 p');
  });

  it('generalized sign test (Cowan 1992)', () => {
    // Fractions of positive estimation residuals: A 2/4, B 1/4 (zeros are not positive), C 2/4:
    // pHat = (0.5 + 0.25 + 0.5)/3 = 5/12.
    const p = 5 / 12;
    const sd = Math.sqrt(3 * p * (1 - p));
    close(day0!.tests.generalizedSign!.stat, (3 - 3 * p) / sd, 'gs0'); // w = 3
    close(day1!.tests.generalizedSign!.stat, (1 - 3 * p) / sd, 'gs1'); // w = 1 (A only)
  });

  it('Corrado rank test', () => {
    // Mid-ranks over the combined 6 days, centered U - 1/2 = rank/7 - 1/2 = (2 rank - 7)/14:
    //   A (0.01,-0.01,0.02,-0.02 | 0.03,0.01): ranks 3.5,2,5,1 | 6,3.5 -> (0,-3,3,-5 | 5,0)/14
    //   B (0.02,0,-0.02,0 | 0.02,-0.01):      ranks 5.5,3.5,1,3.5 | 5.5,2 -> (4,0,-5,0 | 4,-3)/14
    //   C (-0.01,0.01,0.01,-0.01 | 0.04,0):   ranks 1.5,4.5,4.5,1.5 | 6,3 -> (-4,2,2,-4 | 5,-1)/14
    // Daily sums (/14): 0, -1, 0, -9 | 14, -4. Scaled by 1/sqrt(3) and squared, averaged over the
    // T = 6 days: S² = (0 + 1 + 0 + 81 + 196 + 16) / (196 * 3 * 6) = 1/12.
    const S = Math.sqrt(1 / 12);
    const u0 = 14 / 14 / Math.sqrt(3);
    const u1 = -4 / 14 / Math.sqrt(3);
    close(day0!.tests.corradoRank!.stat, u0 / S, 'rank0'); // = 2
    close(day0!.tests.corradoRank!.stat, 2, 'rank0 = 2');
    close(day1!.tests.corradoRank!.stat, u1 / S, 'rank1');
    // CAAR [0, 1] (Cowan 1992): (u0 + u1) / (sqrt 2 * S)
    close(car.tests.corradoRank!.stat, (u0 + u1) / (Math.SQRT2 * S), 'rank car');
    const out = new Float64Array(6);
    expect(midranks([0.02, 0, -0.02, 0, 0.02, -0.01], out)).toBe(6);
    expect(Array.from(out)).toEqual([5.5, 3.5, 1, 3.5, 5.5, 2]);
  });

  it('Wilcoxon signed-rank test', () => {
    // day 0: (0.03, 0.02, 0.04) all positive: ranks of |x| 2, 1, 3, W+ = 6 = n(n+1)/2;
    // z = (6 - 3) / sqrt(3*4*7/24) = 3 / sqrt 3.5; exact p = 2 * P(W+ = 6) = 2/8
    close(day0!.tests.wilcoxon!.stat, 3 / Math.sqrt(3.5), 'w0');
    close(day0!.tests.wilcoxon!.p, 0.25, 'w0 p');
    // day 1: the zero is dropped; |0.01| and |-0.01| tie at mid-rank 1.5; W+ = 1.5 = its mean;
    // variance 2*3*5/24 - (2^3 - 2)/48 = 1.125, z = 0; W+ takes 0, 1.5, 1.5, 3 -> p = 1
    close(day1!.tests.wilcoxon!.stat, 0, 'w1');
    close(day1!.tests.wilcoxon!.p, 1, 'w1 p');
    // CAAR: CARs (0.04, 0.01, 0.04): ranks 2.5, 1, 2.5, W+ = 6, variance 3.5 - 6/48 = 3.375;
    // the 8 sign patterns give W+ in {0, 1, 2.5, 2.5, 3.5, 3.5, 5, 6}: p = 2/8
    close(car.tests.wilcoxon!.stat, 3 / Math.sqrt(3.375), 'w car');
    close(car.tests.wilcoxon!.p, 0.25, 'w car p');
  });

  it('Wilcoxon exact distribution: the classical table for n = 10, no ties', () => {
    // W+ = 8 for n = 10: P(W+ <= 8) = 25/1024 (Wilcoxon's table), two-sided 50/1024
    const x = [-1, -2, 3, -4, 5, -6, -7, -8, -9, -10];
    const r = signedRank(x)!;
    expect(r.wPlus).toBe(8);
    close(r.p, 50 / 1024, 'table');
  });

  it('tests that cannot be computed are null with a reason', () => {
    // One firm: no cross-sectional variance, no pair for Kolari-Pynnönen's BMP.
    const one = dailyTests({ window: [0, 1], firms: [A] })[0]!;
    expect(one.tests.crossSectionalT).toBeNull();
    expect(one.tests.bmp).toBeNull();
    expect(one.notes.find((n) => n.test === 'crossSectionalT')?.message).toMatch(/at least two firms/);
    expect(one.tests.patell).not.toBeNull();
    // df <= 2: Patell's variance df/(df-2) does not exist, and the note names the firm.
    const thin = handFirm('THIN', [0.01, -0.01, 0.02], [0.02, 0.01], { df: 2 });
    const d = dailyTests({ window: [0, 1], firms: [A, B, thin] })[0]!;
    expect(d.tests.patell).toBeNull();
    expect(d.notes.find((n) => n.test === 'patell')?.message).toMatch(/THIN/);
    // all ARs zero on a day: sign and Wilcoxon have nothing to test
    const z1 = handFirm('Z1', [0.01, -0.01], [0, 0.01]);
    const z2 = handFirm('Z2', [0.02, -0.02], [0, 0.02]);
    const zero = dailyTests({ window: [0, 1], firms: [z1, z2] })[0]!;
    expect(zero.tests.sign).toBeNull();
    expect(zero.tests.wilcoxon).toBeNull();
    expect(zero.tests.crossSectionalT).toBeNull();
    for (const k of ['sign', 'wilcoxon', 'crossSectionalT'] as const) expect(zero.notes.some((n) => n.test === k)).toBe(true);
    // a missing day: n counts the firms with a return, the CAAR leaves the firm out
    const gap = handFirm('GAP', [0.01, -0.01, 0.02, -0.02], [NaN, 0.01]);
    const withGap = dailyTests({ window: [0, 1], firms: [A, B, gap] });
    expect(withGap.map((x) => x.n)).toEqual([2, 3]);
    const c = caarTests({ window: [0, 1], firms: [A, B, gap] }, 0, 1);
    expect(c.n).toBe(2);
    expect(c.excluded).toEqual(['GAP']);
    close(c.caar!, (0.04 + 0.01) / 2, 'caar without GAP');
  });
});
