/**
 * sputnik-study: market-impact event studies. Data flows one way:
 * prices -> aligned returns -> model fit -> abnormal returns -> statistics -> dollar impact
 * -> claims vs observed -> charts -> outputs. Each stage is a folder of `src/`.
 *
 * @example
 * import { eventStudy } from 'sputnik-study';
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * console.log(study.summary());
 *
 * // charts (plain Vega-Lite specs) and the self-contained HTML report
 * import { studyCharts, toSvg, studyReportFiles, writeFilesAtomic } from 'sputnik-study';
 * const svg = await toSvg(studyCharts(study).car);
 * await writeFilesAtomic(await studyReportFiles(study, 'out', { lang: 'fr' }));
 */
export * from './errors.js';
export * from './data/types.js';
export { parsePriceCsv, parseFactorCsv, isIsoDate, PRICE_COLUMNS, FACTOR_COLUMNS } from './data/csv.js';
export { parseFacts } from './data/facts.js';
export { loadPrices, loadFactors, loadFacts, FIXTURES_DIR, FIXTURE_PRICES_DIR } from './data/load.js';
export { loadYahooPrices, priceSeriesToCsv, YAHOO_TIMEOUT_MS, type YahooPriceSeries, type YahooLoadOptions } from './data/yahoo.js';
export { priceBasis, basisPrices, commonDates, rowsOn, type PriceBasis } from './data/align.js';
export { returns, compound, type ReturnKind } from './returns/returns.js';
export { ols, type OlsFit } from './models/ols.js';
export { fitModel, modelName } from './models/fit.js';
export * from './models/types.js';
export { studentTwoSidedP, normalTwoSidedP, studentQuantile, tInference, type TestResult } from './stats/distributions.js';
export { dollarFigures, type DollarDay, type DollarFigures } from './impact/dollars.js';
export * from './study/types.js';
export { runStudy, EventStudy, FLAGSHIP, type StudyData } from './study/study.js';
export { eventStudy, loadStudyData, liveRange, type DataOptions } from './study/load.js';
export { locateEvent, resolveWindow, parseOffsets, parseDateWindow, type OffsetWindow, type DateWindow, type WindowSpec } from './study/windows.js';
export * from './claims/index.js';
export { writeFilesAtomic, writeFileAtomic, type OutputFile } from './util/atomic.js';
export * from './charts/index.js';
export * from './report/index.js';
