/**
 * Monte Carlo on the panel and the fitted models: counterfactual no-news paths of a single-firm
 * study, single-firm inference without normality (SQ test, bootstrap CAR interval), and the
 * Brown-Warner calibration of the multi-firm test battery. Seeded per trial (same seed, same
 * output on any machine and with any number of worker threads). See `docs/simulate.md`.
 *
 * @example
 * import { loadPanel, runStudy, simulateCounterfactual, simulateCalibration, CALIBRATION_UNIVERSE } from 'sputnik-study';
 * const panel = await loadPanel({ symbols: ['NVDA', 'SPY'] });
 * const cf = await simulateCounterfactual(runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' }), { seed: 1 });
 * const cal = await simulateCalibration(await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, 'SPY'] }), { trials: 1000, firms: 50, seed: 1 });
 */
export { RandomStream, streamState, isValidSeed, MAX_SEED } from './random.js';
export { quantileSorted, percentiles, clopperPearson, type Percentiles } from './summary.js';
export { sqTest, sqCarTest, windowSums, type SqResult } from './sq.js';
export {
  calibrationData,
  calibrationDataFromReturns,
  checkDesign,
  CALIBRATION_UNIVERSE,
  type CalibrationData,
  type CalibrationDataOptions,
  type CalibrationReturns,
  type Offsets,
} from './calibration-data.js';
export {
  simulateCalibration,
  calibrateOn,
  calibrationDesign,
  kernelParams,
  signRegion,
  wilcoxonRegion,
  CACHE_MAX_BYTES,
  type CalibrationOptions,
  type CalibrationDesign,
  type CalibrationResult,
} from './calibration.js';
export {
  simulateCounterfactual,
  counterfactualSetup,
  fitStudentDf,
  type CounterfactualOptions,
  type CounterfactualResult,
  type CounterfactualDay,
  type ClaimProbability,
  type QuotedLoss,
  type Spread,
} from './counterfactual.js';
export { runTrials, defaultWorkers, plannedThreads, workerScript, type PoolOptions } from './pool.js';
