/**
 * Charts drawn on a thread of their own. Vega takes ~0.3 s to load and tens of milliseconds per
 * chart, all synchronous JavaScript: on the command's own thread it would wait for the statistics
 * and they for it. `chartThread()` starts `dist/vega-worker.js` at once, so Vega loads while the
 * caller computes, then draws the SVGs there in the order asked. Each PNG is rasterised as soon
 * as its SVG arrives (`toPng`: resvg draws on libuv's thread pool, the encoding is on this
 * thread), so the PNGs of the first charts are done while Vega draws the next ones. (Rasterising
 * one PNG at a time was tried, to leave Vega a core: it finished later, 1.70 s against 1.52 s
 * for `flagship`, median of 7 interleaved runs.) The bytes are the same on any thread (`svg.ts`:
 * pinned font metrics, ids renamed in order).
 *
 * A chart asked for twice (the same spec and options, compared as JSON) is drawn once: a command
 * can ask early for the charts whose data are ready and get the same drawing back when it writes
 * them all.
 *
 * From the sources without a built `dist/`, the same interface draws on the calling thread.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import * as errors from '../errors.js';
import { builtWorker } from '../util/paths.js';
import { toPng, type PngOptions } from './png.js';
import { toSvg, type SvgOptions } from './svg.js';
import type { ThreadError } from './vega-worker.js';

/** A chart drawn: its SVG and its PNG. */
export interface DrawnChart {
  svg: string;
  png: Uint8Array;
}

/** Draws charts, Vega on its own thread when there is a built one. Close it when done. */
export interface ChartThread {
  /**
   * The SVG (as {@link toSvg}; warnings go to `opts.onWarning` or the console) and the PNG
   * (as `toPng`) of `spec`. The same spec and options again give the same promise (and the
   * warnings went to the first request's `onWarning`).
   */
  draw(spec: TopLevelSpec, opts?: SvgOptions & PngOptions): Promise<DrawnChart>;
  /** Stops the thread (charts still pending are rejected). */
  close(): Promise<void>;
}

/** The error the thread reported, as the same class (a SputnikError keeps its class, code and `where`). */
function rebuild(e: ThreadError): Error {
  const Cls = (errors as unknown as Record<string, unknown>)[e.name];
  if (e.code && typeof Cls === 'function' && Cls.prototype instanceof errors.SputnikError) {
    // The message already names the place: `where` is set after, not formatted in again.
    return Object.assign(new (Cls as new (m: string) => errors.SputnikError)(e.message), { where: e.where ?? {} });
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/** A function that draws one SVG: on the Vega thread, or here. */
type SvgDrawer = (spec: TopLevelSpec, opts: SvgOptions) => Promise<string>;

/** Draws SVGs on a Vega worker; `terminate` stops it. */
function vegaWorker(script: URL): { svg: SvgDrawer; terminate: () => Promise<number> } {
  const worker = new Worker(script);
  worker.unref(); // a forgotten close() never keeps the process alive
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (err: Error) => void; warn: (m: string) => void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (m: { id: number; svg?: string; error?: ThreadError; warnings: string[] }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    for (const w of m.warnings) p.warn(w);
    if (m.error) p.reject(rebuild(m.error));
    else p.resolve(m.svg!);
  });
  const stopped = () => new errors.UsageError('the chart thread stopped before drawing every chart');
  let alive = true;
  worker.on('error', failAll);
  worker.on('exit', () => {
    alive = false;
    failAll(stopped());
  });
  let next = 0;
  const svg: SvgDrawer = (spec, opts) => {
    if (!alive) return Promise.reject(stopped());
    const id = next++;
    const warn = opts.onWarning ?? ((m: string) => console.warn(`[vega] ${m}`));
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, warn });
      worker.ref();
      try {
        worker.postMessage({ id, spec, idPrefix: opts.idPrefix });
      } catch (err) {
        pending.delete(id);
        reject(new errors.UsageError(`invalid chart: ${(err as Error).message}`));
      }
    });
  };
  return { svg, terminate: () => worker.terminate() };
}

/**
 * Start drawing charts: the Vega thread starts loading now. Pass it to `renderCharts` (or the
 * report's `thread` option) and close it when done.
 *
 * @example
 * const thread = chartThread(); // Vega loads while the study runs
 * try {
 *   const study = await eventStudy(FLAGSHIP);
 *   const { files } = await renderCharts(studyCharts(study), 'out/charts', { thread });
 * } finally {
 *   await thread.close();
 * }
 */
export function chartThread(): ChartThread {
  const script = builtWorker('vega-worker.js');
  const vega = script ? vegaWorker(script) : null;
  const svg: SvgDrawer = vega ? vega.svg : toSvg;
  const drawn = new Map<string, Promise<DrawnChart>>();
  return {
    draw(spec, opts = {}) {
      if (spec === null || typeof spec !== 'object') return Promise.reject(new errors.UsageError('toSvg: spec must be an object'));
      let key: string;
      try {
        key = JSON.stringify([spec, opts.idPrefix ?? null, opts.scale ?? null, opts.background ?? null]);
      } catch (err) {
        return Promise.reject(new errors.UsageError(`invalid chart: ${(err as Error).message}`));
      }
      let chart = drawn.get(key);
      if (!chart) {
        chart = svg(spec, opts).then(async (s) => ({ svg: s, png: await toPng(s, opts) }));
        chart.catch(() => undefined); // whoever asks for it gets the error; an early request may never be awaited
        drawn.set(key, chart);
      }
      return chart;
    },
    async close() {
      drawn.clear();
      await vega?.terminate();
    },
  };
}
