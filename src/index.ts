/**
 * sputnik-study: market-impact event studies. Data flows one way, each stage a folder of `src/`
 * that imports only from the ones below it:
 * data -> panel -> returns, models -> impact -> study -> claims -> charts -> report.
 *
 * @example
 * import { eventStudy } from 'sputnik-study';
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * console.log(study.summary());
 *
 * // many studies on one loaded panel (no file is read again)
 * import { loadPanel, runStudy } from 'sputnik-study';
 * const panel = await loadPanel({ symbols: ['NVDA', 'AMD', 'SPY'] });
 * const amd = runStudy(panel, { firm: 'AMD', market: 'SPY', event: '2025-01-27' });
 *
 * // charts (plain Vega-Lite specs) and the self-contained HTML report
 * import { studyCharts, toSvg, studyReportFiles, writeFilesAtomic } from 'sputnik-study';
 * const svg = await toSvg(studyCharts(study).car);
 * await writeFilesAtomic(await studyReportFiles(study, 'out', { lang: 'fr' }));
 */
import { claimsReport as claimsReportData, type ClaimsReport } from './claims/report.js';
import type { Panel } from './panel/panel.js';
import { presentClaims, presentStudy, type Presented } from './report/present.js';
import { eventStudy as loadAndRunStudy, type DataOptions } from './study/load.js';
import type { EventStudy } from './study/result.js';
import { runStudy as runStudyOn, type StudyData } from './study/run.js';
import type { StudyOptions } from './study/types.js';

export * from './errors.js';
export * from './data/types.js';
export { parsePriceCsv, parseFactorCsv, PRICE_COLUMNS, FACTOR_COLUMNS } from './data/csv.js';
export { parseFacts } from './data/facts.js';
export { loadPrices, loadFactors, loadFacts, FIXTURES_DIR, FIXTURE_PRICES_DIR } from './data/load.js';
export { loadYahooPrices, priceSeriesToCsv, YAHOO_TIMEOUT_MS, type YahooPriceSeries, type YahooLoadOptions } from './data/yahoo.js';
export { loadLivePrices, cacheDir, defaultCacheDir, type CacheOptions, type LivePriceSeries } from './data/cache.js';
export { checkSeries, compareSeries, type SeriesCheck, type SeriesComparison } from './data/check.js';
export * from './data/calendar.js';
export * from './panel/index.js';
export { returns, priceReturns, compound, RETURN_KINDS, type ReturnKind } from './returns/returns.js';
export { ols, type OlsFit } from './models/ols.js';
export { fitModel, modelName } from './models/fit.js';
export * from './models/types.js';
export { studentTwoSidedP, normalTwoSidedP, studentQuantile, tInference, criticalT, type TestResult } from './stats/distributions.js';
export { tCdf, tQuantile } from './stats/student-t.js';
export { normalCdf, normalQuantile } from './stats/normal.js';
export { binomialCdf } from './stats/binomial.js';
export { dollarFigures, type DollarDay, type DollarFigures } from './impact/dollars.js';
export {
  EventStudy,
  FLAGSHIP,
  MIN_ESTIMATION_DAYS,
  loadStudyPanel,
  liveRange,
  locateEvent,
  resolveWindow,
  parseOffsets,
  parseDateWindow,
  resolveOptions,
  standardCars,
  compareModels,
  STANDARD_CAR_WINDOWS,
  type ModelComparison,
  type ModelComparisonRow,
  type StudyData,
  type DataOptions,
  type DateWindow,
  type OffsetWindow,
  type WindowSpec,
  type StudyDesign,
} from './study/index.js';
export * from './study/types.js';
export * from './samples/index.js';
export * from './simulate/index.js';
export * from './claims/index.js';
export { isIsoDate, addDays, weekday, todayUtc } from './util/dates.js';
export { formatNumber, formatDate, plain, plainP, type FormatNumberOptions, type PlainOptions } from './util/format.js';
export { writeFilesAtomic, writeFileAtomic, type OutputFile } from './util/atomic.js';
export * from './charts/index.js';
export * from './report/index.js';

/**
 * Run a single-firm event study on a loaded panel (or on plain series) and give the result its
 * display: `summary()` and a rich notebook output. Pure: no I/O.
 *
 * @example
 * const panel = await loadPanel({ symbols: ['NVDA', 'SPY'] });
 * const study = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study.day(0)?.ar;       // -0.13373...
 * console.log(study.summary());
 */
export function runStudy(data: Panel | StudyData, options: StudyOptions): Presented<EventStudy> {
  return presentStudy(runStudyOn(data, options));
}

/**
 * Load the data (the bundled fixtures, a folder of CSVs, or Yahoo with `source: 'yahoo'`) and
 * run the study in one call; the result has `summary()` and a notebook display.
 *
 * @example
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * console.log(study.summary());
 * study.loss().raw; // 592657925262.45 (USD, positive = fall)
 */
export async function eventStudy(options: StudyOptions & DataOptions): Promise<Presented<EventStudy>> {
  return presentStudy(await loadAndRunStudy(options));
}

/**
 * The claims report (every quoted figure of the articles beside the prices), with `summary()`
 * and a notebook display.
 *
 * @example
 * const report = await claimsReport();
 * report.reconciliations.map((r) => [r.claim.text, r.verdict]);
 */
export async function claimsReport(...args: Parameters<typeof claimsReportData>): Promise<Presented<ClaimsReport>> {
  return presentClaims(await claimsReportData(...args));
}
