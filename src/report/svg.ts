/**
 * Vega-Lite spec → SVG: vega-lite compiles, a headless Vega view draws. Text is measured with the
 * pinned font's advance widths, and ids are renamed in order, so the SVG is the same on every run,
 * thread and machine (see `render.ts`).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { DataError, UsageError } from '../errors.js';
import { packagePath } from '../util/paths.js';

/** Options of {@link toSvg}. */
export interface SvgOptions {
  /**
   * Prefix of the ids Vega gives clip paths and gradients (default `'vg'`). Give each figure of
   * one HTML page its own prefix so that inline SVGs never share an id.
   */
  idPrefix?: string;
  /** Receives Vega-Lite and Vega warnings. Default: they are printed with `console.warn`. */
  onWarning?: (message: string) => void;
}

type VegaModule = typeof import('vega');

/** Advance width, in em, of each code point of the pinned font (no kerning). */
type AdvanceTable = (codePoint: number) => number;
let advanceCache: AdvanceTable | undefined;

/**
 * Horizontal advances of a TrueType font, as a function of the code point, in em: enough to
 * measure a string the way resvg will draw it, minus kerning. Glyphs are looked up one code point
 * at a time, not shaped (chart labels need no shaping); an unmapped code point has the width of
 * the font's `.notdef` glyph.
 *
 * The pinned font (no `file`) is read from `assets/fonts/DejaVuSans-subset.advances.json`, its cmap's
 * advances written by `scripts/font-advances.mjs` and checked against the font by
 * `tests/font-advances.test.ts`: a few KB of JSON instead of parsing the TrueType file on each run.
 * Another `file` is read with opentype.js (`charToGlyph`; opentype.js 2.0 cannot apply some of
 * DejaVu Sans's GSUB lookups, so nothing is shaped there either).
 */
export function fontAdvances(file?: string): AdvanceTable {
  if (file === undefined) return (advanceCache ??= pinnedAdvances());
  const buf = readFileSync(file);
  // opentype.js (a UMD bundle of ~0.5 MB) is required on first use, so commands that draw
  // nothing never load it.
  const opentype = createRequire(import.meta.url)('opentype.js') as (typeof import('opentype.js'))['default'];
  let font: ReturnType<typeof opentype.parse>;
  try {
    font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  } catch (err) {
    throw new DataError(`cannot read the font: ${(err as Error).message}`, { file });
  }
  const cache = new Map<number, number>();
  return (cp) => {
    let w = cache.get(cp);
    if (w === undefined) {
      w = (font.charToGlyph(String.fromCodePoint(cp)).advanceWidth ?? 0) / font.unitsPerEm;
      cache.set(cp, w);
    }
    return w;
  };
}

/** The table of `scripts/font-advances.mjs` (see {@link fontAdvances}). */
interface AdvancesFile {
  unitsPerEm: number;
  notdef: number;
  codePoints: number[];
  advances: number[];
}

function pinnedAdvances(): AdvanceTable {
  const path = packagePath('assets', 'fonts', 'DejaVuSans-subset.advances.json');
  let t: AdvancesFile;
  try {
    t = JSON.parse(readFileSync(path, 'utf8')) as AdvancesFile;
  } catch (err) {
    throw new DataError(`cannot read the pinned font's advance widths: ${(err as Error).message.split('\n')[0]}`, { file: path });
  }
  const ok = t && Number.isInteger(t.unitsPerEm) && t.unitsPerEm > 0 && Number.isFinite(t.notdef) &&
    Array.isArray(t.codePoints) && Array.isArray(t.advances) && t.codePoints.length === t.advances.length;
  if (!ok) throw new DataError("the pinned font's advance widths are malformed (run node scripts/font-advances.mjs)", { file: path });
  const em = new Map<number, number>();
  let cp = 0;
  for (let i = 0; i < t.codePoints.length; i++) {
    cp += t.codePoints[i]!;
    em.set(cp, t.advances[i]! / t.unitsPerEm);
  }
  const notdef = t.notdef / t.unitsPerEm;
  return (c) => em.get(c) ?? notdef;
}

/**
 * Width in pixels of `text` set in the pinned font at `fontSize`, as Vega needs it for layout
 * (axis label overlap, legend spacing, title placement, truncation with an ellipsis). Bold is
 * not in the pinned font; if a spec asks for it, widths are widened by 10 % to stay safe.
 */
export function measureText(text: string, fontSize: number, bold = false): number {
  const adv = fontAdvances();
  let em = 0;
  for (const ch of text) em += adv(ch.codePointAt(0) ?? 0);
  return em * fontSize * (bold ? 1.1 : 1);
}

/** Count of renders in flight that installed our text metrics; restore Vega's at zero. */
let metricsDepth = 0;
let savedWidth: unknown;

function vegaWidth(item: { fontSize?: unknown; fontWeight?: unknown }, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const s = text == null ? '' : String(text).trim();
  const w = item.fontWeight;
  const bold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
  return size <= 0 || s === '' ? 0 : measureText(s, size, bold);
}

/**
 * While we render, Vega measures text with the pinned font's metrics instead of its own
 * estimate (0.8 em per character) or a canvas, so layout is right and never depends on the
 * machine. Reference-counted so overlapping renders restore Vega's function only at the end.
 */
function usePinnedFontMetrics(vega: VegaModule): () => void {
  // `textMetrics` is exported by vega (from vega-scenegraph) but missing from its typings.
  const tm = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
  if (metricsDepth++ === 0) {
    savedWidth = tm.width;
    tm.width = vegaWidth;
  }
  return () => {
    if (--metricsDepth === 0) tm.width = savedWidth;
  };
}

/** A logger for vega-lite's compile and vega's view that routes warnings to `onWarning`. */
function makeLogger(onWarning: (m: string) => void) {
  let level = 2; // Warn
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]): never {
      throw new UsageError(`invalid chart: ${text(args)}`);
    },
    warn(...args: unknown[]) {
      onWarning(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/**
 * Rename the SVG's element ids in order of first appearance and update every reference
 * (`url(#id)`, `href="#id"`), so ids never depend on global counters or earlier renders.
 */
export function normalizeSvgIds(svg: string, idPrefix = 'vg'): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1];
    if (id !== undefined && !map.has(id)) map.set(id, `${idPrefix}${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  const rename = (id: string) => map.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + rename(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/((?:xlink:)?href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}

/**
 * Compile a Vega-Lite spec and render it to an SVG string with a headless Vega view.
 *
 * @example
 * const svg = await toSvg(pricePathChart(input));
 */
export async function toSvg(spec: TopLevelSpec, opts: SvgOptions = {}): Promise<string> {
  if (spec === null || typeof spec !== 'object') throw new UsageError('toSvg: spec must be an object');
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const onWarning = opts.onWarning ?? ((m: string) => console.warn(`[vega] ${m}`));
  const logger = makeLogger(onWarning);
  fontAdvances(); // read the font before Vega needs it
  const restore = usePinnedFontMetrics(vega);
  let view: InstanceType<VegaModule['View']> | undefined;
  try {
    // Vega tags inline data rows with an id: give it a copy, so the caller's spec is never changed.
    try {
      const compiled = vl.compile(structuredClone(spec), { logger: logger as never });
      view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger: logger as never });
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`invalid chart: ${(err as Error).message}`);
    }
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    return normalizeSvgIds(svg, opts.idPrefix ?? 'vg');
  } finally {
    view?.finalize();
    restore();
  }
}
