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
import { JUPYTER_DISPLAY, type Displayable, type MimeBundle } from '../util/jupyter.js';
import type { Lang } from '../charts/i18n.js';
import { formatClaims } from '../claims/format.js';
import type { ClaimsReport } from '../claims/report.js';
import type { EventStudy } from '../study/study.js';
import { claimsCharts, studyCharts } from './figures.js';
import { toSvg } from './render.js';

export { JUPYTER_DISPLAY, type Displayable, type MimeBundle };

/** The MIME type Jupyter front ends render Vega-Lite from. */
export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';
/** `$schema` written into the notebook copy of a spec. */
export const VEGA_LITE_V5_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * Give `obj` a Jupyter display method returning `bundle()` and return it. The method is a
 * non-enumerable property, so `JSON.stringify`, spreading and deep equality ignore it. A frozen
 * or sealed object is wrapped in a Proxy instead of being changed.
 *
 * @example
 * const study = withDisplay(result, () => ({ 'text/plain': `CAR = ${result.car}`, 'text/html': table }));
 * study; // last expression of a Deno notebook cell: shown as HTML
 */
export function withDisplay<T extends object>(obj: T, bundle: () => MimeBundle | Promise<MimeBundle>): T & Displayable {
  if (typeof bundle !== 'function') throw new TypeError('withDisplay: bundle must be a function');
  const method = function (this: unknown) {
    return bundle();
  };
  if (Object.isExtensible(obj)) {
    Object.defineProperty(obj, JUPYTER_DISPLAY, { value: method, enumerable: false, configurable: true, writable: true });
    return obj as T & Displayable;
  }
  return new Proxy(obj, {
    get(target, key, receiver) {
      return key === JUPYTER_DISPLAY ? method : Reflect.get(target, key, receiver);
    },
    has(target, key) {
      return key === JUPYTER_DISPLAY || Reflect.has(target, key);
    },
  }) as T & Displayable;
}

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
      return {
        [VEGALITE_MIME]: notebookSpec(spec),
        'image/svg+xml': await getSvg(),
        'text/plain': titleOf(spec),
      };
    },
  };
  return display;
}

/**
 * The bundle of a study: its abnormal-returns chart (Vega-Lite and SVG) and its `summary()` as
 * text. What `EventStudy` shows in a Deno notebook cell.
 *
 * @example
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study; // last expression of a cell: the chart, or the summary where charts cannot show
 */
export async function studyBundle(study: EventStudy, lang: Lang = 'en'): Promise<MimeBundle> {
  return chartBundle(studyCharts(study, { lang })['abnormal-returns'], study.summary());
}

/** The bundle of a claims report: the quoted-vs-observed chart and the claims table as text. */
export async function claimsBundle(report: ClaimsReport, lang: Lang = 'en'): Promise<MimeBundle> {
  return chartBundle(claimsCharts(report, { lang }).claims, formatClaims(report));
}

async function chartBundle(spec: TopLevelSpec, text: string): Promise<MimeBundle> {
  return { [VEGALITE_MIME]: notebookSpec(spec), 'image/svg+xml': await toSvg(spec), 'text/plain': text };
}
