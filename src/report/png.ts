/**
 * SVG → PNG with resvg: the pinned font, its options and how resvg-js is loaded. The bytes depend
 * only on the SVG and these options: one renderer, one pinned font, a fixed background.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { DataError, UsageError } from '../errors.js';
import { packagePath } from '../util/paths.js';

/** The family name inside the pinned font file `assets/fonts/DejaVuSans-subset.ttf`. */
export const FONT_FAMILY = 'DejaVu Sans';

/** Absolute path of the pinned font file; a DataError if it is missing. */
export function fontPath(): string {
  const p = packagePath('assets', 'fonts', 'DejaVuSans-subset.ttf');
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

/**
 * Rasterise an SVG (from {@link toSvg}) to PNG bytes with resvg, using only the pinned
 * DejaVu Sans font. The PNG is `scale` times the SVG's width and height, rounded.
 *
 * @example
 * const png = await toPng(await toSvg(spec), { scale: 1 });
 */
export async function toPng(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const options = resvgOptions(opts);
  const { renderAsync } = await loadResvg();
  // renderAsync rasterises on libuv's thread pool; the PNG encoding (asPng) is on this thread.
  const image = await renderAsync(svg, options);
  return new Uint8Array(image.asPng());
}
