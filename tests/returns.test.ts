import { describe, expect, it } from 'vitest';
import { compound, returns } from '../src/returns/returns.js';
import { expectClose } from './helpers.js';

describe('returns', () => {
  it('NVDA 2025-01-27: 142.62 -> 118.42 is -16.968 %', () => {
    const [, r] = returns([142.6199951171875, 118.41999816894531]);
    expectClose(r, 118.41999816894531 / 142.6199951171875 - 1, 1e-15);
    expect((r! * 100).toFixed(3)).toBe('-16.968');
  });
  it('log returns: ln(110/100)', () => {
    expectClose(returns([100, 110], 'log')[1], Math.log(1.1), 1e-15);
  });
  it('a missing price is a gap, never a zero', () => {
    expect(returns([100, null, 121, 133.1])).toEqual([null, null, null, expect.closeTo(0.1, 12)]);
  });
  it('compounding: simple and log agree on the same path', () => {
    const p = [100, 103, 99, 104.5];
    const simple = returns(p).slice(1) as number[];
    const log = returns(p, 'log').slice(1) as number[];
    expectClose(compound(simple), 0.045, 1e-13);
    expectClose(compound(log, 'log'), 0.045, 1e-13);
  });
});
