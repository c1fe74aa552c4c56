/**
 * The named groups of the fixtures studied as samples on one panel: how far the shock spread.
 *
 * @module
 */
import type { Panel } from '../panel/panel.js';
import { GROUPS, type SampleGroup } from './groups.js';
import { runSample, type SampleDesign, type SampleResult } from './run.js';

/** One group's sample. */
export interface GroupSample {
  group: SampleGroup;
  result: SampleResult;
}

/** Every ticker the groups need, and the benchmark. */
export function groupSymbols(market: string, groups: readonly SampleGroup[] = GROUPS): string[] {
  return [market, ...groups.flatMap((g) => g.members)];
}

/**
 * Run each group as a sample with the same design (every firm against the design's `market`).
 *
 * @example
 * const panel = await loadPanel({ symbols: groupSymbols('SPY') });
 * const samples = runGroups(panel, { market: 'SPY', event: '2025-01-27' });
 * samples.map((s) => [s.group.name, s.result.days.find((d) => d.offset === 0)?.aar]);
 */
export function runGroups(panel: Panel, design: Omit<SampleDesign, 'firms'>, groups: readonly SampleGroup[] = GROUPS): GroupSample[] {
  return groups.map((group) => ({ group, result: runSample(panel, { ...design, firms: [...group.members] }) }));
}
