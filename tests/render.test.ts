import { inflateSync, crc32 } from 'node:zlib';
import * as vega from 'vega';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLORS, MINUS, NBSP, NNBSP, abnormalReturnsChart, claimsChart, formatNumber } from '../src/charts/index.js';
import type { Spec } from '../src/charts/common.js';
import { claimsReport, type ClaimsReport } from '../src/claims/report.js';
import { UsageError } from '../src/errors.js';
import { claimsCharts, studyCharts, type StudyCharts } from '../src/report/figures.js';
import { chartThread, renderChart, renderCharts, toPng, toSvg } from '../src/report/render.js';
import { eventStudy } from '../src/study/load.js';
import type { EventStudy } from '../src/study/index.js';

// ---------------------------------------------------------------------------------------------
// Helpers: a small XML well-formedness check and a PNG reader (zlib only, no extra dependency)

/**
 * Problems that make `xml` not well-formed (empty when fine): one root element, tags balanced
 * and properly nested, attributes quoted with no `<` and no duplicate name, no raw `<` in text,
 * every `&` starting a known entity or a character reference.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length && problems.length < 5) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text.slice(0, 40)}`);
    if (badAmp.test(text)) problems.push(`unescaped & in text: ${text.slice(0, 60)}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
      break;
    }
    const [, close, name, attrs = '', selfClosing] = m;
    if (badAmp.test(attrs)) problems.push(`unescaped & in attributes of <${name}>`);
    const names = [...attrs.matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
    if (close) {
      if (attrs || selfClosing) problems.push(`bad closing tag </${name}>`);
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
    i = tag.lastIndex;
  }
  if (stack.length) problems.push(`unclosed: ${stack.slice(-3).join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The root `<svg>`'s width and height attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return { width, height };
}

/** Text contents of the SVG's <text> elements, with entities decoded. */
function svgTexts(svg: string): string[] {
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!));
}

interface PngChunk {
  type: string;
  data: Buffer;
}

/** The chunks of a PNG file; throws on a bad signature or a bad CRC. */
function pngChunks(png: Uint8Array): PngChunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: PngChunk[] = [];
  let pos = 8;
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    const crc = buf.readUInt32BE(pos + 8 + len);
    if (crc32(buf.subarray(pos + 4, pos + 8 + len)) !== crc) throw new Error(`bad CRC in chunk ${type} at ${pos}`);
    chunks.push({ type, data });
    pos += 12 + len;
  }
  expect(pos).toBe(buf.length);
  return chunks;
}

/** Width and height from the IHDR chunk: bytes 16-23 of the file, big-endian. */
function ihdrSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decode an 8-bit, non-interlaced RGBA or RGB PNG to RGBA pixels. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const chunks = pngChunks(png);
  const ihdr = chunks[0]!;
  expect(ihdr.type).toBe('IHDR');
  expect(chunks.at(-1)!.type).toBe('IEND');
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = ihdr.data.subarray(8, 13);
  expect(bitDepth).toBe(8);
  expect(interlace).toBe(0);
  expect([2, 6]).toContain(colorType);
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  expect(raw.length).toBe(height * (stride + 1));
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    expect(filter).toBeLessThanOrEqual(4);
    for (let x = 0; x < stride; x++) {
      const r = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? px[y * stride + x - bpp]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp]! : 0;
      let v = r;
      if (filter === 1) v = r + a;
      else if (filter === 2) v = r + b;
      else if (filter === 3) v = r + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = r + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      px[y * stride + x] = v & 0xff;
    }
  }
  if (bpp === 4) return { width, height, rgba: px };
  const rgba = new Uint8Array(width * height * 4);
  for (let k = 0; k < width * height; k++) rgba.set([px[3 * k]!, px[3 * k + 1]!, px[3 * k + 2]!, 255], 4 * k);
  return { width, height, rgba };
}

/** Pixel count by `#rrggbb` colour (alpha ignored; the PNG is painted on white). */
function colourCounts(rgba: Uint8Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 0; k < rgba.length; k += 4) {
    const hex = `#${[rgba[k]!, rgba[k + 1]!, rgba[k + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
  }
  return counts;
}

const EVIL = `<script>alert("x")</script> & 'q'`;

// ---------------------------------------------------------------------------------------------

let study: EventStudy;
let claims: ClaimsReport;
let en: StudyCharts & { claims: Spec; peers: Spec };
let fr: StudyCharts;
/** SVGs of every English chart, plus `fr:` French ones, rendered once. */
const svgs = new Map<string, string>();

beforeAll(async () => {
  [study, claims] = await Promise.all([eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' }), claimsReport()]);
  en = { ...studyCharts(study), ...claimsCharts(claims) };
  fr = studyCharts(study, { lang: 'fr' });
  const warnings: string[] = [];
  const onWarning = (m: string) => warnings.push(m);
  for (const [name, spec] of Object.entries(en)) svgs.set(name, await toSvg(spec, { onWarning }));
  for (const [name, spec] of Object.entries(fr)) svgs.set(`fr:${name}`, await toSvg(spec, { onWarning }));
  expect(warnings, 'Vega warnings while rendering the flagship charts').toEqual([]);
});

const svg = (name: string) => {
  const s = svgs.get(name);
  if (s === undefined) throw new Error(`no SVG ${name}`);
  return s;
};
const classes = (s: string) => new Set([...s.matchAll(/class="(mark-[a-z]+)/g)].map((m) => m[1]));

describe('the XML checker itself', () => {
  it.each([
    ['<svg><g></svg>', /closes/],
    ['<svg><text>a < b</text></svg>', /malformed tag/],
    ['<svg a="x<y"/>', /malformed tag/],
    ['<svg>fish & chips</svg>', /unescaped &/],
    ['<svg a="1" a="2"/>', /duplicate attribute/],
    ['<svg/><svg/>', /2 root elements/],
    ['<svg><g>', /unclosed/],
  ])('rejects %s', (xml, problem) => {
    expect(xmlProblems(xml).join('\n')).toMatch(problem);
  });
  it('accepts a small well-formed SVG', () => {
    expect(xmlProblems('<svg x="1"><g><text>a &lt; b &amp; c &#8722;</text><rect/></g></svg>')).toEqual([]);
  });
});

describe('SVG of the flagship charts', () => {
  it('every chart, in English and French, is a well-formed SVG document with a size', () => {
    expect(svgs.size).toBe(12);
    for (const [name, s] of svgs) {
      expect(s.startsWith('<svg'), name).toBe(true);
      expect(s.endsWith('</svg>'), name).toBe(true);
      expect(xmlProblems(s), name).toEqual([]);
      const { width, height } = svgSize(s);
      expect(width, name).toBeGreaterThan(300);
      expect(height, name).toBeGreaterThan(200);
      expect(s, name).toContain(`viewBox="0 0 ${width} ${height}"`);
    }
  });

  it('abnormal returns: title, event label −13.37%, 11 bars, legend', () => {
    const s = svg('abnormal-returns');
    const texts = svgTexts(s);
    expect(texts).toContain('NVDA: daily abnormal returns');
    expect(texts).toContain(`Event: 27${NBSP}Jan 2025`);
    expect(texts).toContain(`${MINUS}13.37%`);
    expect(s).toContain('class="mark-rect');
    expect(s.match(/aria-roledescription="bar"/g)).toHaveLength(11);
    expect(texts).toEqual(expect.arrayContaining(['Event day', 'Other days', '95% interval', 'Abnormal return']));
    expect(s).toContain(`fill="${COLORS.event}"`);
    // The label agrees with formatNumber: one convention for charts and tables.
    expect(texts).toContain(formatNumber(study.day(0)!.ar, 'en', { style: 'percent', digits: 2 }));
  });

  it('CAR: line, points and band; the last CAR printed', () => {
    const s = svg('car');
    expect(s).toContain('class="mark-line');
    expect(classes(s)).toEqual(new Set(['mark-group', 'mark-rule', 'mark-text', 'mark-area', 'mark-line', 'mark-symbol']));
    const last = study.window.at(-1)!;
    expect(svgTexts(s)).toContain(formatNumber(last.car, 'en', { style: 'percent', digits: 2 }));
    expect(svgTexts(s)).toContain('NVDA: cumulative abnormal return');
  });

  it('price path (French): axis title, legend, event label and French month names', () => {
    const s = svg('fr:price-path');
    const texts = svgTexts(s);
    expect(texts).toContain('Cours de clôture (USD)');
    expect(texts).toContain('Cours de clôture observé');
    expect(texts).toContain(`Événement · 27${NBSP}janv. 2025`);
    expect(texts.some((t) => /^\d+ janv\.$/.test(t))).toBe(true);
    for (const mark of ['mark-line', 'mark-area', 'mark-symbol', 'mark-rule']) expect(s).toContain(`class="${mark}`);
  });

  it('price path: the observed closes sit on trading days, evenly spaced (no weekend slope, no hole at 20 January)', () => {
    const xs = [...svg('price-path').matchAll(/aria-roledescription="point" transform="translate\(([\d.]+),/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(11);
    const steps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const step of steps) expect(Math.abs(step - steps[0]!)).toBeLessThan(1e-6);
  });

  it('abnormal returns (French): decimal comma, U+202F before %, U+2212 minus', () => {
    const texts = svgTexts(svg('fr:abnormal-returns'));
    expect(texts).toContain(`${MINUS}13,37${NNBSP}%`);
    expect(texts).toContain(`NVDA${NBSP}: rendements anormaux quotidiens`);
    expect(texts.join('|')).not.toMatch(/\d\.\d\d%/);
  });

  it('claims, peers, scatter and residuals carry their marks and labels', () => {
    const c = svgTexts(svg('claims'));
    expect(c).toContain('Quoted vs. observed losses');
    expect(c).toEqual(expect.arrayContaining(['600', '800', '590', '593', '467']));
    expect(c.some((t) => t.startsWith('“600 milliards de dollars”'))).toBe(true);
    expect(svg('claims')).toContain('class="mark-rect');
    const p = svgTexts(svg('peers'));
    for (const symbol of Object.keys(claims.days)) expect(p).toContain(symbol);
    expect(p).toContain(`${MINUS}19.1%`); // MRVL, the worst
    expect(svg('estimation-scatter')).toContain('class="mark-symbol');
    expect(svgTexts(svg('estimation-scatter'))).toContain('NVDA vs. SPY: estimation window');
    expect(svg('residuals')).toContain('class="mark-rect');
    expect(svgTexts(svg('residuals'))).toContain(`27${NBSP}Jan 2025: ${MINUS}13.37%`);
  });
});

describe('escaping', () => {
  it.each([
    ['claims title and label', () => claimsChart({ title: EVIL, bars: [{ label: EVIL, group: 'quoted', measure: 'claim', value: 3, note: EVIL }] })],
    ['abnormal-returns symbol (title)', () => abnormalReturnsChart({ symbol: EVIL, rows: [{ date: '2025-01-27', offset: 0, ar: -0.1, lo: -0.2, hi: 0 }] })],
  ])('%s: no raw <script, escaped entities, still well-formed', async (_name, build) => {
    const s = await toSvg(build());
    expect(s).not.toMatch(/<script/i);
    expect(s).toContain('&lt;script&gt;');
    expect(s).toContain('&amp;');
    expect(xmlProblems(s)).toEqual([]);
    expect(svgTexts(s).some((t) => t.includes(EVIL))).toBe(true);
  });
});

describe('determinism', () => {
  it('the same spec twice gives byte-identical SVG and PNG', async () => {
    const spec = en['abnormal-returns'];
    const [a, b] = [await toSvg(spec), await toSvg(spec)];
    expect(a).toBe(b);
    expect(a).toBe(svg('abnormal-returns'));
    const [p, q] = [await toPng(a), await toPng(a)];
    expect(Buffer.from(p).equals(Buffer.from(q))).toBe(true);
  });

  it('rendering another chart in between changes nothing (A, B, A), nor does rendering them at once', async () => {
    const A = en.car;
    const B = fr['price-path']!;
    const a1 = await toSvg(A);
    const pa1 = await toPng(a1, { scale: 1 });
    const b = await toSvg(B);
    await toPng(b, { scale: 1 });
    const a2 = await toSvg(A);
    const pa2 = await toPng(a2, { scale: 1 });
    expect(a2).toBe(a1);
    expect(a1).toBe(svg('car'));
    expect(b).toBe(svg('fr:price-path'));
    expect(Buffer.from(pa2).equals(Buffer.from(pa1))).toBe(true);
    const together = await Promise.all([toSvg(A), toSvg(B), toSvg(en.claims), toSvg(A)]);
    expect(together).toEqual([a1, b, svg('claims'), a1]);
  });

  it('ids are renamed in order with the prefix, whatever was rendered before', async () => {
    const data = { values: [{ a: 1 }, { a: 5 }] };
    const clipped = { data, mark: { type: 'bar', clip: true }, encoding: { x: { field: 'a', type: 'quantitative', scale: { domain: [0, 2] } } } } as unknown as Spec;
    const gradient = {
      data,
      mark: { type: 'bar', color: { gradient: 'linear', stops: [{ offset: 0, color: 'white' }, { offset: 1, color: 'red' }] } },
      encoding: { x: { field: 'a', type: 'quantitative' } },
    } as unknown as Spec;
    const c1 = await toSvg(clipped);
    const g = await toSvg(gradient, { idPrefix: 'fig3-' });
    const c2 = await toSvg(clipped);
    expect(c2).toBe(c1);
    expect([...c1.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])).toEqual(['vg1']);
    expect([...g.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])).toEqual(['fig3-1', 'fig3-2']); // one gradient per bar
    for (const s of [c1, g]) {
      const ids = new Set([...s.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      const refs = [...s.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) expect(ids.has(r), r).toBe(true);
    }
  });

  it('renderChart: .vl.json is the spec as 2-space JSON + newline, then the SVG and the PNG', async () => {
    const spec = en.peers;
    const files = await renderChart(spec, '/tmp/x/peers');
    expect(files.map((f) => f.path)).toEqual(['/tmp/x/peers.vl.json', '/tmp/x/peers.svg', '/tmp/x/peers.png']);
    expect(files[0]!.data).toBe(`${JSON.stringify(spec, null, 2)}\n`);
    expect(JSON.parse(files[0]!.data as string)).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(files[1]!.data).toBe(svg('peers'));
    const png = files[2]!.data as Uint8Array;
    expect(Buffer.from(png).equals(Buffer.from(await toPng(svg('peers'))))).toBe(true);
    const small = await renderChart(spec, 'peers', { scale: 1, idPrefix: 'p' });
    expect(ihdrSize(small[2]!.data as Uint8Array)).toEqual(svgSize(svg('peers')));
  });
});

describe('the chart thread (Vega on a worker thread, PNGs here)', () => {
  it('draws the same SVG bytes as toSvg on this thread, and the PNG toPng gives', async () => {
    const thread = chartThread();
    try {
      const [car, fPrice] = await Promise.all([thread.draw(en.car), thread.draw(fr['price-path']!, { scale: 1 })]);
      expect(car.svg).toBe(svg('car'));
      expect(fPrice.svg).toBe(svg('fr:price-path'));
      expect(Buffer.from(car.png).equals(Buffer.from(await toPng(svg('car'))))).toBe(true);
      expect(ihdrSize(fPrice.png)).toEqual(svgSize(svg('fr:price-path')));
    } finally {
      await thread.close();
    }
  });

  it('a chart asked for twice (same spec and options) is drawn once; other options draw again', async () => {
    const thread = chartThread();
    try {
      const a = thread.draw(en.claims);
      expect(thread.draw(JSON.parse(JSON.stringify(en.claims)) as Spec)).toBe(a);
      const b = thread.draw(en.claims, { idPrefix: 'c-' });
      expect(b).not.toBe(a);
      expect((await b).svg).toBe(await toSvg(en.claims, { idPrefix: 'c-' }));
    } finally {
      await thread.close();
    }
  });

  it('renderCharts: the files in the order of the specs, the SVGs for a report page', async () => {
    const { files, svgs: drawn } = await renderCharts({ residuals: en.residuals!, car: en.car }, 'charts', { scale: 1 });
    expect(files.map((f) => f.path)).toEqual(['charts/residuals.vl.json', 'charts/residuals.svg', 'charts/residuals.png', 'charts/car.vl.json', 'charts/car.svg', 'charts/car.png']);
    expect(drawn).toEqual({ residuals: svg('residuals'), car: svg('car') });
    expect(files[1]!.data).toBe(svg('residuals'));
    expect(ihdrSize(files[5]!.data as Uint8Array)).toEqual(svgSize(svg('car')));
  });

  it('a bad chart fails with the error toSvg gives (class and words), and the others are still drawn', async () => {
    const bad = { data: { values: [{ a: 1 }] }, mark: 'nonsense', encoding: { x: { field: 'a', type: 'quantitative' } } } as never;
    const thread = chartThread();
    try {
      const [b, good] = [thread.draw(bad), thread.draw(en.car)];
      const err = await b.then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toBe(await toSvg(bad).then(() => '', (e: Error) => e.message));
      expect((await good).svg).toBe(svg('car'));
      await expect(thread.draw(null as never)).rejects.toThrow(/toSvg: spec must be an object/);
      await expect(renderCharts({ car: en.car, bad }, 'x', { thread })).rejects.toThrow(/^invalid chart: /);
    } finally {
      await thread.close();
    }
  });

  it("Vega's warnings reach onWarning, as on this thread", async () => {
    // A field that is not in the data: Vega-Lite warns and still draws.
    const spec = { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'a', type: 'quantitative', scale: { type: 'log', zero: true } } } } as never;
    const here: string[] = [];
    await toSvg(spec, { onWarning: (m) => here.push(m) });
    expect(here.length).toBeGreaterThan(0);
    const there: string[] = [];
    const thread = chartThread();
    try {
      await thread.draw(spec, { onWarning: (m) => there.push(m) });
    } finally {
      await thread.close();
    }
    expect(there).toEqual(here);
  });

  it('closing the thread while a chart is being drawn rejects it with a clear message', async () => {
    const thread = chartThread();
    const pending = thread.draw(en.peers);
    await thread.close();
    await expect(pending).rejects.toThrow('the chart thread stopped before drawing every chart');
    await expect(thread.draw(en.car)).rejects.toThrow('the chart thread stopped before drawing every chart');
  });
});

describe('PNG', () => {
  it.each([1, 1.5, undefined])('scale %s: IHDR size = round(SVG size × scale)', async (scale) => {
    const s = svg('abnormal-returns');
    const { width, height } = svgSize(s);
    const png = await toPng(s, scale === undefined ? {} : { scale });
    const k = scale ?? 2;
    expect(ihdrSize(png)).toEqual({ width: Math.round(width * k), height: Math.round(height * k) });
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([Math.round(width * k), Math.round(height * k)]);
  });

  it('every flagship chart is a valid PNG that is not blank', async () => {
    for (const [name, s] of svgs) {
      const png = await toPng(s, { scale: 1 });
      const { width, height, rgba } = decodePng(png);
      expect({ width, height }, name).toEqual(svgSize(s));
      const counts = colourCounts(rgba);
      const total = width * height;
      const white = counts.get('#ffffff') ?? 0;
      expect([...rgba.subarray(0, 4)], `${name}: top-left pixel is the white background`).toEqual([255, 255, 255, 255]);
      expect(counts.size, `${name}: distinct colours`).toBeGreaterThanOrEqual(50);
      expect((total - white) / total, `${name}: share of non-white pixels`).toBeGreaterThan(0.04);
    }
  });

  it('abnormal returns: the bar and event colours are painted (default scale 2)', async () => {
    const png = await toPng(svg('abnormal-returns'));
    const { width, height, rgba } = decodePng(png);
    const counts = colourCounts(rgba);
    // The event bar (#d55e00) and the other bars (#7a8a99) cover thousands of pixels at 2×.
    expect(counts.get(COLORS.event) ?? 0).toBeGreaterThan(5000);
    expect(counts.get(COLORS.bar) ?? 0).toBeGreaterThan(10000);
    expect((width * height - (counts.get('#ffffff') ?? 0)) / (width * height)).toBeGreaterThan(0.05);
  });
});

describe('bad input', () => {
  it.each([0, 100, -1, Number.NaN, Infinity, 16.5])('toPng scale %s is a usage error', async (scale) => {
    const s = svg('car');
    await expect(toPng(s, { scale })).rejects.toThrow(UsageError);
    await expect(toPng(s, { scale })).rejects.toThrow(`toPng: scale must be a number in (0, 16], got ${scale}`);
  });

  it('toSvg of a non-object, renderChart without a basename', async () => {
    await expect(toSvg(null as never)).rejects.toThrow(UsageError);
    await expect(toSvg('bar' as never)).rejects.toThrow(/toSvg: spec must be an object/);
    await expect(renderChart(en.car, '')).rejects.toThrow(/renderChart: basename must be a non-empty path/);
  });

  it('a chart that fails while Vega runs it is a usage error "invalid chart"', async () => {
    const spec = { data: { values: [{ a: 1 }] }, transform: [{ calculate: 'datum.a.b.c', as: 'x' }], mark: 'bar', encoding: { x: { field: 'x', type: 'quantitative' } } };
    await expect(toSvg(spec as never)).rejects.toThrow(UsageError);
    await expect(toSvg(spec as never)).rejects.toThrow(/^invalid chart: /);
  });

  it('an unknown mark is a usage error "invalid chart"', async () => {
    const spec = { data: { values: [{ a: 1 }] }, mark: 'nonsense', encoding: { x: { field: 'a', type: 'quantitative' } } };
    await expect(toSvg(spec as never)).rejects.toThrow(UsageError);
    await expect(toSvg(spec as never)).rejects.toThrow(/invalid chart/);
  });

  it('a spec that fails in vega.parse leaves Vega\'s text measurement as it was', async () => {
    const tm = (vega as unknown as { textMetrics: { width: unknown; estimateWidth: unknown; measureWidth: unknown } }).textMetrics;
    const isVegas = () => tm.width === tm.estimateWidth || tm.width === tm.measureWidth;
    expect(isVegas(), 'before').toBe(true);
    const spec = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', axis: { labelExpr: 'datum.label +' } } } };
    await expect(toSvg(spec as never)).rejects.toThrow();
    expect(isVegas(), 'after a spec failed in vega.parse').toBe(true);
  });
  it('a spec vega cannot parse (bad labelExpr) is a usage error', async () => {
    const spec = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', axis: { labelExpr: 'datum.label +' } } } };
    await expect(toSvg(spec as never)).rejects.toThrow(UsageError);
  });
});
