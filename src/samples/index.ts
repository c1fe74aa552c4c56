/**
 * The multi-firm test battery (AAR, CAAR and ten tests) as pure functions over plain arrays.
 * `docs/sample-tests.md` gives every formula, the paper it follows and the conventions chosen.
 *
 * @example
 * import { dailyTests, caarTests, prepareSample } from 'sputnik-study';
 * const sample = prepareSample({ window: [-5, 5], firms });   // validate + per-firm work, once
 * const days = dailyTests(sample);                             // one entry per offset
 * const car = caarTests(sample, -1, 1);                        // the cumulative window [-1, 1]
 */
export * from './types.js';
export { dailyTests, caarTests } from './tests.js';
export { prepareSample, isPreparedSample, MIN_COMMON_DATES, type PreparedSample } from './prepare.js';
export { portfolioT, crossSectionalT, patellZ, kolariPynnonenT, meanSd, type Outcome } from './parametric.js';
export { signTest, generalizedSignTest, corradoRankZ, wilcoxonTest } from './nonparametric.js';
export { midranks } from '../stats/ranks.js';
export { signedRank, SIGNED_RANK_EXACT_MAX, type SignedRankResult } from '../stats/signed-rank.js';
export {
  runSample,
  type SampleDesign,
  type SampleFirmSpec,
  type ResolvedSampleDesign,
  type SampleResult,
  type SampleFirmRow,
  type SampleDay,
  type SampleCaar,
  type SamplePathPoint,
  type ExcludedFirm,
  type MissingDay,
} from './run.js';
export { GROUPS, BENCHMARKS, BENCHMARK_SYMBOLS, groupNames, groupMembers, sampleGroup, type SampleGroup } from './groups.js';
export { runGroups, groupSymbols, type GroupSample } from './by-group.js';
