/**
 * Seeded random numbers for the simulations: one independent stream per trial, derived from
 * `(seed, trial index)`, so a result never depends on how trials are split among workers, on the
 * machine or on the order in which trials run.
 *
 * - **Generator**: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 *   generators", ACM TOMS 47(4), 2021; reference code at prng.di.unimi.it), 128 bits of state in
 *   four 32-bit words, updated with 32-bit integer operations only (`Math.imul`, shifts, xor):
 *   exact and identical on every JavaScript engine.
 * - **Stream of trial i** (a split derivation in the manner of SplitMix64, Steele, Lea & Flood
 *   2014, "Fast splittable pseudorandom number generators", OOPSLA): with
 *   `gamma = 0x9E3779B97F4A7C15` and `mix` SplitMix64's output function (Stafford's variant 13),
 *   `key = mix(seed)`, `x = key + (2i + 1) gamma` and `y = key + (2i + 2) gamma` (mod 2^64); the
 *   stream's state is `[lo(mix x), hi(mix x), lo(mix y), hi(mix y)]`. Trial i owns positions
 *   2i+1 and 2i+2 of the SplitMix64 sequence keyed by the seed, so no two trials share a state
 *   word. (An all-zero state, which xoshiro forbids, would need mix to output zero twice; it is
 *   replaced by state word 1 if it ever occurs.) 64-bit arithmetic is done on 32-bit halves.
 * - **Uniform doubles** in [0, 1): 53 random bits from two outputs, `(a >>> 5) 2^26 + (b >>> 6)`
 *   over 2^53.
 * - **Integers** in [0, n): Lemire's multiply-and-reject method ("Fast random integer generation
 *   in an interval", ACM TOMACS 29(1), 2019), unbiased.
 * - **Normal deviates**: the polar method of Marsaglia & Bray (1964, SIAM Review 6(3), 260-264):
 *   pairs `(u, v)` uniform in the unit disc, `u sqrt(-2 ln s / s)` and `v sqrt(-2 ln s / s)`; the
 *   second deviate of a pair is kept for the next call of the same stream. `Math.log` and
 *   `Math.sqrt` are V8's own (fdlibm-derived, correctly rounded sqrt), not the platform's libm.
 * - **Gamma deviates**: Marsaglia & Tsang (2000, ACM TOMS 26(3), 363-372), with `G(a) = G(a + 1)
 *   U^(1/a)` for a shape below 1. **Student t**: `Z / sqrt(X / nu)`, `X = 2 G(nu / 2)` chi-square.
 *
 * @module
 */

/** SplitMix64's increment, the 64-bit golden ratio, as 32-bit halves. */
const GAMMA_HI = 0x9e3779b9;
const GAMMA_LO = 0x7f4a7c15;

// Results of the 64-bit helpers (module scratch: no allocation per call).
let rHi = 0;
let rLo = 0;

/** `(aHi:aLo) * (bHi:bLo) mod 2^64` into (rHi, rLo). */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  // Full 32x32 -> 64 product of the low words by 16-bit limbs (every partial product < 2^32).
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const hi = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  rLo = lo;
  rHi = (hi + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
}

/** `(aHi:aLo) + (bHi:bLo) mod 2^64` into (rHi, rLo). */
function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  const carry = lo >= 0x100000000 ? 1 : 0;
  rLo = lo >>> 0;
  rHi = (aHi + bHi + carry) >>> 0;
}

/** SplitMix64's output function (Stafford variant 13) of (hi:lo), into (rHi, rLo). */
function mix64(hi: number, lo: number): void {
  // z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9
  let zLo = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
  let zHi = (hi ^ (hi >>> 30)) >>> 0;
  mul64(zHi, zLo, 0xbf58476d, 0x1ce4e5b9);
  // z ^= z >>> 27; z *= 0x94d049bb133111eb
  zLo = (rLo ^ ((rLo >>> 27) | (rHi << 5))) >>> 0;
  zHi = (rHi ^ (rHi >>> 27)) >>> 0;
  mul64(zHi, zLo, 0x94d049bb, 0x133111eb);
  // z ^= z >>> 31
  zLo = (rLo ^ ((rLo >>> 31) | (rHi << 1))) >>> 0;
  zHi = (rHi ^ (rHi >>> 31)) >>> 0;
  rHi = zHi;
  rLo = zLo;
}

/** Largest seed accepted: every integer from 0 to 2^53 - 1 is exact in a double. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Is `seed` a valid seed (an integer from 0 to 2^53 - 1)? */
export function isValidSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

/**
 * The four 32-bit state words of trial `index`'s stream under `seed` (see the module comment).
 * Exposed for tests and for other implementations to reproduce.
 *
 * @example
 * streamState(1, 0); // Uint32Array of 4 words, the same on every machine
 */
export function streamState(seed: number, index: number, out = new Uint32Array(4)): Uint32Array {
  const sHi = Math.floor(seed / 0x100000000) >>> 0;
  const sLo = seed >>> 0;
  mix64(sHi, sLo);
  const kHi = rHi;
  const kLo = rLo;
  // x = key + (2 index + 1) gamma; y = x + gamma
  const k = 2 * index + 1;
  const kH = Math.floor(k / 0x100000000) >>> 0;
  const kL = k >>> 0;
  mul64(kH, kL, GAMMA_HI, GAMMA_LO);
  add64(kHi, kLo, rHi, rLo);
  const xHi = rHi;
  const xLo = rLo;
  add64(xHi, xLo, GAMMA_HI, GAMMA_LO);
  const yHi = rHi;
  const yLo = rLo;
  mix64(xHi, xLo);
  out[0] = rLo;
  out[1] = rHi;
  mix64(yHi, yLo);
  out[2] = rLo;
  out[3] = rHi;
  if ((out[0]! | out[1]! | out[2]! | out[3]!) === 0) out[0] = 1;
  return out;
}

const TWO_POW_32 = 0x100000000;
const TWO_POW_53 = 9007199254740992;

/**
 * A xoshiro128** stream. Reuse one object and `reseed` it for each trial: nothing is allocated
 * after construction.
 *
 * @example
 * const rng = new RandomStream(42, 0);
 * rng.double();  // uniform in [0, 1)
 * rng.int(10);   // 0..9
 * rng.normal();  // standard normal
 */
export class RandomStream {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare = 0;
  private hasSpare = false;
  private readonly words = new Uint32Array(4);

  constructor(seed = 0, index = 0) {
    this.reseed(seed, index);
  }

  /** Start trial `index`'s stream of `seed` (forgets any kept normal deviate). */
  reseed(seed: number, index: number): this {
    const w = streamState(seed, index, this.words);
    this.s0 = w[0]! | 0;
    this.s1 = w[1]! | 0;
    this.s2 = w[2]! | 0;
    this.s3 = w[3]! | 0;
    this.hasSpare = false;
    return this;
  }

  /** The next 32 random bits as an unsigned integer (xoshiro128**). */
  u32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  double(): number {
    const a = this.u32() >>> 5;
    const b = this.u32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** A uniform integer in [0, n), unbiased (Lemire 2019); `n` from 1 to 2^21. */
  int(n: number): number {
    // n * 2^32 < 2^53 keeps the product exact, and so are its high and low 32-bit halves
    // (a division by a power of two is exact); `m % 2^32` would give the same low half through a
    // slow floating-point remainder.
    let m = this.u32() * n;
    let hi = Math.floor(m / TWO_POW_32);
    let l = m - hi * TWO_POW_32;
    if (l < n) {
      const threshold = (TWO_POW_32 - n) % n;
      while (l < threshold) {
        m = this.u32() * n;
        hi = Math.floor(m / TWO_POW_32);
        l = m - hi * TWO_POW_32;
      }
    }
    return hi;
  }

  /** A standard normal deviate (Marsaglia & Bray's polar method). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.double() - 1;
      v = 2 * this.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** A Gamma(shape, 1) deviate (Marsaglia & Tsang 2000). */
  gamma(shape: number): number {
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      let u = this.double();
      while (u === 0) u = this.double();
      return g * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.double();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (u > 0 && Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Student t deviate with `nu` degrees of freedom: `Z / sqrt(X / nu)`, X chi-square(nu). */
  studentT(nu: number): number {
    const z = this.normal();
    const chi2 = 2 * this.gamma(nu / 2);
    return z / Math.sqrt(chi2 / nu);
  }
}
