// The named groups of firms and the benchmarks of the fixtures.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { BENCHMARKS, BENCHMARK_SYMBOLS, GROUPS, groupMembers, groupNames, sampleGroup } from '../src/samples/index.js';
import { ROOT } from './helpers.js';

describe('sample groups', () => {
  it('lists the three groups of issue 10 with their members', () => {
    expect(groupNames()).toEqual(['semiconductors', 'ai-infrastructure', 'big-tech']);
    expect(groupMembers('semiconductors')).toEqual(['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'ASML', 'ARM', 'MRVL']);
    expect(groupMembers('ai-infrastructure')).toEqual(['ORCL', 'SMCI', 'VST', 'CEG']);
    expect(groupMembers('big-tech')).toEqual(['MSFT', 'GOOGL', 'META', 'AMZN']);
  });

  it('accepts any case, spaces and underscores', () => {
    expect(groupMembers('Big Tech')).toEqual(groupMembers('big-tech'));
    expect(sampleGroup('AI_infrastructure').name).toBe('ai-infrastructure');
  });

  it('an unknown group is a UsageError that lists the groups', () => {
    expect(() => groupMembers('chips')).toThrow(UsageError);
    expect(() => groupMembers('chips')).toThrow('unknown group "chips" (the groups are semiconductors, ai-infrastructure, big-tech)');
    expect(() => groupMembers('')).toThrow(/the groups are semiconductors/);
  });

  it('every member and benchmark has a price file in the fixtures', () => {
    for (const s of [...GROUPS.flatMap((g) => g.members), ...BENCHMARK_SYMBOLS]) {
      expect(existsSync(join(ROOT, 'fixtures', 'prices', `${s}.csv`)), s).toBe(true);
    }
    expect(BENCHMARKS.sectorEtfs).toEqual(['SOXX', 'SMH']);
    expect(BENCHMARKS.indices).toEqual(['QQQ', 'IXIC', 'NDX', 'GSPC']);
    expect(BENCHMARK_SYMBOLS).toContain('SPY');
  });

  it('returns a fresh array: the groups cannot be changed by a caller', () => {
    const m = groupMembers('big-tech');
    m.push('X');
    expect(groupMembers('big-tech')).toHaveLength(4);
    expect(Object.isFrozen(GROUPS[0]!.members)).toBe(true);
  });
});
