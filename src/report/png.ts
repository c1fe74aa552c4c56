/**
 * SVG → PNG with resvg, on worker threads when it pays: resvg renders and, above all, encodes the
 * PNG synchronously, so a report's PNGs done on the main thread would wait for each other and for
 * Vega. A small pool of threads (`dist/png-worker.js`) takes each SVG as soon as Vega has drawn
 * it. The bytes are the same on any thread: one renderer, one pinned font, fixed options.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { DataError, UsageError } from '../errors.js';
import { packagePath } from '../util/paths.js';

/** The family name inside the pinned font file `assets/fonts/DejaVuSans.ttf`. */
export const FONT_FAMILY = 'DejaVu Sans';

/** Absolute path of the pinned font file; a DataError if it is missing. */
export function fontPath(): string {
  const p = packagePath('assets', 'fonts', 'DejaVuSans.ttf');
  if (!existsSync(p)) throw new DataError('pinned chart font is missing', { file: p });
  return p;
}

/** Options of `toPng`. */
export interface PngOptions {
  /** Pixels per SVG unit (default 2, for sharp text on high-density screens and in print). */
  scale?: number;
  /** Background painted under the picture (default `'white'`). */
  background?: string;
}

/** resvg's options for `opts`: only the pinned font, a fixed background, the scale as a zoom. */
export function resvgOptions(opts: PngOptions = {}): ResvgRenderOptions {
  const scale = opts.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) {
    throw new UsageError(`toPng: scale must be a number in (0, 16], got ${scale}`);
  }
  return {
    font: { fontFiles: [fontPath()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    background: opts.background ?? 'white',
    fitTo: { mode: 'zoom', value: scale },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
    logLevel: 'off',
  };
}

/** resvg-js is CommonJS; take `Resvg` from the namespace or from its default export. */
export async function loadResvg(): Promise<typeof import('@resvg/resvg-js')> {
  const mod = (await import('@resvg/resvg-js')) as typeof import('@resvg/resvg-js') & {
    default?: typeof import('@resvg/resvg-js');
  };
  return mod.Resvg ? mod : (mod.default as typeof import('@resvg/resvg-js'));
}

/** The built PNG worker next to this module (dist/), or in the checkout's dist/; null if there is none. */
function workerScript(): URL | null {
  for (const u of [new URL('./png-worker.js', import.meta.url), new URL('../../dist/png-worker.js', import.meta.url)]) {
    if (u.protocol === 'file:' && existsSync(fileURLToPath(u))) return u;
  }
  return null;
}

/** A few threads that turn SVGs into PNG bytes, in turn. Close it when done. */
export interface PngPool {
  render(svg: string, opts?: PngOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * A pool of up to `size` PNG threads (default: the cores), or null when there is no built worker
 * (running from the sources) or one core: then rasterise in this thread.
 */
export function pngPool(size = availableParallelism()): PngPool | null {
  const script = size > 1 ? workerScript() : null;
  if (!script) return null;
  const pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (err: Error) => void }>();
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(script);
    w.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error !== undefined) p.reject(new UsageError(`cannot render the chart to PNG: ${m.error}`));
      else p.resolve(new Uint8Array(m.png!));
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    return w;
  });
  let next = 0;
  return {
    render(svg, opts = {}) {
      const options = resvgOptions(opts);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, svg, options });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
