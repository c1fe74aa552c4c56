/**
 * Rendering and reporting: spec → SVG/PNG files, the self-contained HTML report, and rich
 * display in Deno notebooks. vega, vega-lite and resvg are loaded lazily, on first render.
 */
export {
  FONT_FAMILY,
  fontAdvances,
  fontPath,
  loadResvg,
  measureText,
  normalizeSvgIds,
  packageRoot,
  renderChart,
  toPng,
  toSvg,
  type PngOptions,
  type RenderChartOptions,
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
  notebookSpec,
  withDisplay,
  type ChartDisplay,
  type Displayable,
  type MimeBundle,
} from './notebook.js';
