/**
 * Rendering: Vega-Lite spec → SVG (vega-lite compile + vega headless view) → PNG (resvg).
 *
 * This module and the three it draws on are the only ones that load vega, vega-lite and resvg
 * (`svg.ts`: Vega; `png.ts`: resvg; `chart-thread.ts`: Vega on a thread of its own), and they
 * load them lazily with `await import(...)`, so importing the library stays fast and the
 * statistics never depend on rendering. Swap them out to render elsewhere (a browser,
 * vl-convert...): the specs are the interface.
 *
 * Determinism. The same spec gives byte-identical SVG and PNG on every run (tested), and nothing
 * that depends on the machine enters the output:
 * - text is measured with the advance widths of the pinned font (a table read from the TTF file
 *   with opentype.js, `assets/fonts/DejaVuSans-subset.advances.json`), never with a canvas or
 *   system fonts, so layout matches what resvg draws;
 * - Vega's global counters for clip-path and gradient ids are reset before each render and the
 *   ids are then renamed in order of appearance (`${idPrefix}1`, `${idPrefix}2`...);
 * - dates are drawn on UTC scales by the chart builders, so the time zone does not matter;
 * - resvg loads only the pinned font `assets/fonts/DejaVuSans-subset.ttf` (no system fonts) and
 *   paints on a fixed white background.
 */
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../errors.js';
import type { OutputFile } from '../util/atomic.js';
import { chartThread, type ChartThread } from './chart-thread.js';
import { FONT_FAMILY, fontPath, loadResvg, toPng, type PngOptions } from './png.js';
import { toSvg, type SvgOptions } from './svg.js';

export { FONT_FAMILY, fontPath, loadResvg, toPng, type PngOptions };
export { fontAdvances, measureText, normalizeSvgIds, toSvg, type SvgOptions } from './svg.js';
export { chartThread, type ChartThread, type DrawnChart } from './chart-thread.js';

/** Options of {@link renderChart}. */
export interface RenderChartOptions extends SvgOptions, PngOptions {}

/**
 * The three files of one chart, ready for `writeFilesAtomic`: `basename.vl.json` (the spec,
 * 2-space JSON with a trailing newline), `basename.svg` and `basename.png`.
 *
 * @example
 * await writeFilesAtomic(await renderChart(carChart(input), 'out/nvda-car'));
 */
export async function renderChart(
  spec: TopLevelSpec,
  basename: string,
  opts: RenderChartOptions = {},
): Promise<OutputFile[]> {
  if (typeof basename !== 'string' || basename === '') throw new UsageError('renderChart: basename must be a non-empty path');
  const json = specJson(spec);
  const svg = await toSvg(spec, opts);
  const png = await toPng(svg, opts);
  return chartFiles(basename, json, svg, png);
}

/** A chart's spec as written to `basename.vl.json`: 2-space JSON with a trailing newline. */
function specJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** The three files of one chart: `basename.vl.json`, `basename.svg` and `basename.png`. */
function chartFiles(basename: string, json: string, svg: string, png: Uint8Array): OutputFile[] {
  return [
    { path: `${basename}.vl.json`, data: json },
    { path: `${basename}.svg`, data: svg },
    { path: `${basename}.png`, data: png },
  ];
}

/** Several charts rendered once each: their files, and each chart's SVG for reuse (e.g. in a report page). */
export interface RenderedCharts {
  files: OutputFile[];
  svgs: Record<string, string>;
}

/** Options of {@link renderCharts}. */
export interface RenderChartsOptions extends RenderChartOptions {
  /**
   * Where the charts are drawn (`chartThread()`), started early by a caller that computes
   * meanwhile, and closed by it. Default: one is started and closed here.
   */
  thread?: ChartThread;
}

/**
 * The files of several charts (`dir/NAME.vl.json|.svg|.png`), each chart rendered once: the SVGs
 * on the Vega thread, each PNG as soon as its SVG arrives (`chart-thread.ts`). The SVGs come
 * back too, so a report can show them without rendering again.
 *
 * @example
 * const { files, svgs } = await renderCharts(studyCharts(study), 'out/charts');
 */
export async function renderCharts(specs: Readonly<Record<string, TopLevelSpec>>, dir: string, opts: RenderChartsOptions = {}): Promise<RenderedCharts> {
  const names = Object.keys(specs);
  const own = opts.thread ? undefined : chartThread();
  const thread = opts.thread ?? own!;
  try {
    const drawn = await Promise.all(names.map((name) => thread.draw(specs[name]!, opts)));
    const files = names.flatMap((name, i) => chartFiles(join(dir, name), specJson(specs[name]!), drawn[i]!.svg, drawn[i]!.png));
    return { files, svgs: Object.fromEntries(names.map((name, i) => [name, drawn[i]!.svg])) };
  } finally {
    await own?.close();
  }
}
