// The pinned font's advance table (assets/fonts/DejaVuSans-subset.advances.json, written by
// scripts/font-advances.mjs) against the font itself, read independently with opentype.js: the
// charts measure their text with the table, resvg draws with the font, so the two must agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontAdvances, fontPath, measureText } from '../src/report/render.js';

const opentype = createRequire(import.meta.url)('opentype.js') as {
  parse(b: ArrayBuffer): { unitsPerEm: number; tables: { cmap: { glyphIndexMap: Record<string, number> } }; glyphs: { get(i: number): { advanceWidth: number } }; charToGlyph(c: string): { advanceWidth: number } };
};
const buf = readFileSync(fontPath());
const font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
const table = fontAdvances();

describe('advance widths of the pinned font', () => {
  it('every code point of the cmap has the width opentype.js reads for its glyph', () => {
    const map = font.tables.cmap.glyphIndexMap;
    const cps = Object.keys(map).map(Number);
    expect(cps.length).toBe(1940);
    const wrong = cps.filter((cp) => table(cp) !== font.glyphs.get(map[cp]!).advanceWidth / font.unitsPerEm);
    expect(wrong).toEqual([]);
  });

  it('equals opentype.js charToGlyph, unmapped code points included (the .notdef glyph)', () => {
    const viaFile = fontAdvances(fontPath());
    for (const cp of [0x20, 0x41, 0xe9, 0x202f, 0x2212, 0x3b1, 0x4e00, 0xffff, 0x10ffff]) {
      expect(table(cp)).toBe(viaFile(cp));
      expect(table(cp)).toBe(font.charToGlyph(String.fromCodePoint(cp)).advanceWidth / font.unitsPerEm);
    }
    expect(table(0x4e00)).toBe(1229 / 2048); // CJK is not in the font: .notdef
  });

  it('known widths: "A" 1401 and the space 651 units of 2048 (DejaVu Sans hmtx)', () => {
    expect(table(0x41)).toBe(1401 / 2048);
    expect(table(0x20)).toBe(651 / 2048);
    expect(measureText('AA', 10)).toBeCloseTo((2 * 1401 * 10) / 2048, 12);
  });
});
