/**
 * Rich display in Jupyter notebooks run by Deno's kernel (`deno jupyter`).
 *
 * Deno shows a cell's value with `Deno.jupyter.format(value)`: if the value has a method under
 * `Symbol.for('Jupyter.display')`, that method's result is the MIME bundle. Deno **awaits** it
 * (`return await obj[$display]()` in Deno's `40_jupyter.js`), so the method may be async; it
 * is here, because the SVG needs vega. Under Node nothing calls the method: objects stay plain.
 *
 * MIME types. JupyterLab, VS Code and nteract render Vega-Lite from
 * `application/vnd.vegalite.v5+json` (there is no v6 renderer MIME type in those front ends at
 * the time of writing); their vega-embed compiles with Vega-Lite 5 and only warns about a v6
 * `$schema`. Our specs use nothing that Vega-Lite 5 lacks, so the copy placed in the bundle
 * says `.../vega-lite/v5.json`; the spec object itself is left untouched (v6). The bundle also
 * carries `image/svg+xml` (rendered here, so front ends without Vega still show the chart) and
 * `text/plain` (the title).
 */
import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA, specTitle } from '../charts/common.js';
import { JUPYTER_DISPLAY, withDisplay, type Displayable, type MimeBundle } from '../util/jupyter.js';
import type { Lang } from '../charts/i18n.js';
import type { ClaimsReport } from '../claims/report.js';
import type { EventStudy } from '../study/result.js';
import { formatClaims } from './claims-text.js';
import { claimsCharts, studyCharts } from './figures.js';
import { toSvg } from './render.js';
import { studySummary } from './summary.js';

export { JUPYTER_DISPLAY, withDisplay, type Displayable, type MimeBundle };

/** The MIME type Jupyter front ends render Vega-Lite from. */
export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';
/** `$schema` written into the notebook copy of a spec. */
export const VEGA_LITE_V5_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The spec's title as plain text, or a generic name. */
function titleOf(spec: TopLevelSpec): string {
  return specTitle(spec) || 'Vega-Lite chart';
}

/** The spec as a notebook front end expects it under {@link VEGALITE_MIME} (a copy). */
export function notebookSpec(spec: TopLevelSpec): TopLevelSpec {
  const copy = structuredClone(spec) as TopLevelSpec & { $schema?: string };
  if (copy.$schema === undefined || copy.$schema === VEGA_LITE_SCHEMA) copy.$schema = VEGA_LITE_V5_SCHEMA;
  return copy;
}

/** A chart ready for a Deno notebook cell. */
export interface ChartDisplay extends Displayable {
  /** The Vega-Lite spec, unchanged. */
  readonly spec: TopLevelSpec;
  /** The SVG, rendered on first use and kept. */
  svg(): Promise<string>;
  [JUPYTER_DISPLAY](): Promise<MimeBundle>;
}

/**
 * Wrap a spec so that a Deno notebook shows it: the bundle holds the Vega-Lite spec (v5 MIME,
 * `$schema` set to v5 in that copy only), the rendered SVG and the title as text.
 *
 * @example
 * // in a `deno jupyter` notebook cell
 * import { carChart, chartDisplay } from 'sputnik-study';
 * chartDisplay(carChart({ symbol: 'NVDA', rows }));
 */
export function chartDisplay(spec: TopLevelSpec): ChartDisplay {
  let svg: Promise<string> | undefined;
  const getSvg = () => {
    svg ??= toSvg(spec).catch((err: unknown) => {
      svg = undefined; // let a later call try again
      throw err;
    });
    return svg;
  };
  const display: ChartDisplay = {
    spec,
    svg: getSvg,
    async [JUPYTER_DISPLAY]() {
      return bundleOf(spec, await getSvg(), titleOf(spec));
    },
  };
  return display;
}

/**
 * The bundle of a study: its abnormal-returns chart (Vega-Lite and SVG) and its text summary.
 * What a study shows in a Deno notebook cell.
 *
 * @example
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study; // last expression of a cell: the chart, or the summary where charts cannot show
 */
export async function studyBundle(study: EventStudy, lang: Lang = 'en'): Promise<MimeBundle> {
  return chartBundle(studyCharts(study, { lang })['abnormal-returns'], studySummary(study));
}

/** The bundle of a claims report: the quoted-vs-observed chart and the claims table as text. */
export async function claimsBundle(report: ClaimsReport, lang: Lang = 'en'): Promise<MimeBundle> {
  return chartBundle(claimsCharts(report, { lang }).claims, formatClaims(report));
}

async function chartBundle(spec: TopLevelSpec, text: string): Promise<MimeBundle> {
  return bundleOf(spec, await toSvg(spec), text);
}

/** The bundle every display here returns: the spec for Vega-Lite front ends, its SVG, and text. */
function bundleOf(spec: TopLevelSpec, svg: string, text: string): MimeBundle {
  return { [VEGALITE_MIME]: notebookSpec(spec), 'image/svg+xml': svg, 'text/plain': text };
}
