/**
 * Display, added at the edge: the statistics layers return plain results, and this module gives
 * them a text summary and a notebook display. The notebook code (which renders charts with vega)
 * is loaded only when a notebook asks for it.
 *
 * @module
 */
import type { ClaimsReport } from '../claims/report.js';
import type { EventStudy } from '../study/result.js';
import { withDisplay, type Displayable } from '../util/jupyter.js';
import { formatClaims } from './claims-text.js';
import { studySummary } from './summary.js';

/** A result that reads itself out: `summary()` as text, and a rich display in Deno's Jupyter kernel. */
export type Presented<T> = T & Displayable & { summary(): string };

/** Give `obj` a non-enumerable `summary()` method (JSON, spreading and deep equality ignore it). */
function withSummary<T extends object>(obj: T, text: () => string): T & { summary(): string } {
  Object.defineProperty(obj, 'summary', { value: text, enumerable: false, configurable: true, writable: true });
  return obj as T & { summary(): string };
}

/**
 * A study with `summary()` (the statsmodels-style text report) and, in a Deno notebook, its
 * abnormal-returns chart and summary as the cell's output.
 *
 * @example
 * const study = presentStudy(runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' }));
 * console.log(study.summary());
 */
export function presentStudy(study: EventStudy): Presented<EventStudy> {
  return withDisplay(withSummary(study, () => studySummary(study)), async () => (await import('./notebook.js')).studyBundle(study));
}

/**
 * A claims report with `summary()` (the text table of quoted vs observed figures) and, in a Deno
 * notebook, the claims chart.
 */
export function presentClaims(report: ClaimsReport): Presented<ClaimsReport> {
  return withDisplay(withSummary(report, () => formatClaims(report)), async () => (await import('./notebook.js')).claimsBundle(report));
}
