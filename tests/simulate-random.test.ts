// The seeded streams of src/simulate/random.ts against an independent BigInt implementation of
// SplitMix64 and xoshiro128** (the published reference algorithms), and the deviates' moments.
import { describe, expect, it } from 'vitest';
import { RandomStream, isValidSeed, streamState } from '../src/simulate/random.js';

const MASK64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

/** SplitMix64's output function (Steele, Lea & Flood 2014; Vigna's splitmix64.c), in BigInt. */
function mix(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** The documented derivation: key = mix(seed), x = key + (2i+1) gamma, y = x + gamma, state = halves of mix(x), mix(y). */
function referenceState(seed: number, index: number): number[] {
  const key = mix(BigInt(seed));
  const x = (key + BigInt(2 * index + 1) * GAMMA) & MASK64;
  const y = (x + GAMMA) & MASK64;
  const a = mix(x);
  const b = mix(y);
  return [Number(a & 0xffffffffn), Number(a >> 32n), Number(b & 0xffffffffn), Number(b >> 32n)];
}

/** xoshiro128** (Blackman & Vigna, xoshiro128starstar.c) on BigInt words. */
function referenceXoshiro(state: number[], count: number): number[] {
  const M32 = 0xffffffffn;
  let [s0, s1, s2, s3] = state.map((v) => BigInt(v));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number(rotl((s1! * 5n) & M32, 7n) * 9n & M32));
    const t = (s1! << 9n) & M32;
    s2 = s2! ^ s0!;
    s3 = s3! ^ s1!;
    s1 = s1! ^ s2;
    s0 = s0! ^ s3;
    s2 = s2 ^ t;
    s3 = rotl(s3, 11n);
  }
  return out;
}

describe('streams', () => {
  it('derive the state of trial i from (seed, i) exactly as documented (SplitMix64)', () => {
    for (const [seed, index] of [[0, 0], [1, 0], [1, 1], [42, 999], [2 ** 53 - 1, 123456], [987654321, 2 ** 31]] as const) {
      expect(Array.from(streamState(seed, index)), `${seed}/${index}`).toEqual(referenceState(seed, index));
    }
  });

  it('generate xoshiro128** outputs', () => {
    for (const [seed, index] of [[1, 0], [7, 3], [2 ** 40 + 5, 77]] as const) {
      const rng = new RandomStream(seed, index);
      const ours = Array.from({ length: 50 }, () => rng.u32());
      expect(ours).toEqual(referenceXoshiro(referenceState(seed, index), 50));
    }
  });

  it('are reproducible, and differ between trials and between seeds', () => {
    const a = new RandomStream(5, 10);
    const b = new RandomStream(5, 10);
    const seqA = Array.from({ length: 20 }, () => a.double());
    expect(Array.from({ length: 20 }, () => b.double())).toEqual(seqA);
    const c = new RandomStream(5, 11);
    expect(Array.from({ length: 20 }, () => c.double())).not.toEqual(seqA);
    const d = new RandomStream(6, 10);
    expect(Array.from({ length: 20 }, () => d.double())).not.toEqual(seqA);
    // Reseeding restarts the stream (and forgets a kept normal deviate).
    a.normal();
    a.reseed(5, 10);
    expect(a.double()).toBe(seqA[0]);
  });

  it('accept only whole seeds from 0 to 2^53 - 1', () => {
    expect(isValidSeed(0)).toBe(true);
    expect(isValidSeed(2 ** 53 - 1)).toBe(true);
    for (const bad of [-1, 1.5, 2 ** 53, NaN, Infinity, '1' as unknown as number]) expect(isValidSeed(bad), String(bad)).toBe(false);
  });
});

describe('deviates', () => {
  const rng = new RandomStream(2024, 0);
  const N = 200_000;

  it('uniform doubles lie in [0, 1) with mean 1/2 and variance 1/12', () => {
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < N; i++) {
      const u = rng.double();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      s += u;
      s2 += u * u;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = s / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(s2 / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('integers are uniform on [0, n) (chi-square, 9 df)', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < N; i++) counts[rng.int(10)]++;
    const e = N / 10;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(27.9); // 0.999 quantile of chi-square(9)
    const small = Array.from({ length: 1000 }, () => rng.int(7));
    expect(small.every((k) => Number.isInteger(k) && k >= 0 && k < 7)).toBe(true);
  });

  it('normal, gamma and Student t deviates have their moments', () => {
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < N; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(Math.abs(s / N)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    expect(Math.abs(s4 / N - 3)).toBeLessThan(0.1);
    for (const shape of [0.5, 2.5, 10]) {
      let g = 0;
      let g2 = 0;
      const n = 50_000;
      for (let i = 0; i < n; i++) {
        const x = rng.gamma(shape);
        g += x;
        g2 += x * x;
      }
      const mean = g / n;
      expect(Math.abs(mean - shape), `gamma ${shape}`).toBeLessThan(4 * Math.sqrt(shape / n));
      expect(Math.abs(g2 / n - mean * mean - shape) / shape, `gamma ${shape} variance`).toBeLessThan(0.05);
    }
    // t with 6 df: variance 6/4.
    let t2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) t2 += rng.studentT(6) ** 2;
    expect(Math.abs(t2 / n - 1.5)).toBeLessThan(0.06);
  });
});
