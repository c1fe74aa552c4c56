/**
 * Rendering and reporting: spec → SVG/PNG files, the self-contained HTML report, and rich
 * display in Deno notebooks. vega, vega-lite and resvg are loaded lazily, on first render.
 */
export {
  chartThread,
  FONT_FAMILY,
  fontAdvances,
  fontPath,
  loadResvg,
  measureText,
  normalizeSvgIds,
  renderChart,
  renderCharts,
  toPng,
  toSvg,
  type ChartThread,
  type DrawnChart,
  type PngOptions,
  type RenderChartOptions,
  type RenderChartsOptions,
  type RenderedCharts,
  type SvgOptions,
} from './render.js';
export {
  buildReport,
  escapeHtml,
  scriptSafeJson,
  type ReportChart,
  type ReportInput,
  type ReportSection,
  type ReportTable,
} from './html.js';
export {
  JUPYTER_DISPLAY,
  VEGALITE_MIME,
  VEGA_LITE_V5_SCHEMA,
  chartDisplay,
  claimsBundle,
  studyBundle,
  notebookSpec,
  withDisplay,
  type ChartDisplay,
  type Displayable,
  type MimeBundle,
} from './notebook.js';
export { claimBars, claimsCharts, pricePathRows, studyCharts, type ClaimsCharts, type StudyCharts } from './figures.js';
export { reportCharts, studyReport, studyReportFiles, type StudyReportOptions } from './study-report.js';
export { reportText, type ReportText } from './text.js';
export { studySummary } from './summary.js';
export { formatClaims } from './claims-text.js';
export { presentStudy, presentClaims, type Presented } from './present.js';
export { samplesText, sampleText, samplesOverviewText, caarChartRows, type NamedSample } from './sample-text.js';
export { counterfactualText, calibrationText, fanInput, lossesInput, powerInput } from './simulate-text.js';
