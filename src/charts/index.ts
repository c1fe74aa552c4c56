/**
 * Chart builders: pure functions from plain data to Vega-Lite 6 specs (`TopLevelSpec`).
 * No rendering here — see `src/report/render.ts` for spec → SVG → PNG.
 */
export { pricePathChart } from './pricePath.js';
export { abnormalReturnsChart } from './abnormalReturns.js';
export { carChart } from './car.js';
export { claimsChart } from './claims.js';
export { estimationScatterChart } from './estimationScatter.js';
export { peersChart } from './peers.js';
export { caarChart, type CaarInput, type CaarRow } from './caar.js';
export { distributionChart, histogram, type HistogramBin } from './distribution.js';
export { fanChart, simulatedLossesChart, type FanInput, type FanRow, type QuotedMark, type SimulatedLossesInput } from './fan.js';
export { powerChart, type PowerInput } from './power.js';
export { VEGA_LITE_SCHEMA, CHART_FONT, CHART_WIDTH, CHART_HEIGHT, COLORS } from './common.js';
export {
  LANGS,
  MINUS,
  NBSP,
  NNBSP,
  CHART_MODELS,
  checkLang,
  checkModel,
  levelText,
  formatDate,
  formatNumber,
  labels,
  vegaLocale,
  type FormatNumberOptions,
  type ChartModel,
  type Labels,
  type Lang,
} from './i18n.js';
export type * from './types.js';
