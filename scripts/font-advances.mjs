#!/usr/bin/env node
// Writes assets/fonts/DejaVuSans-subset.advances.json: the horizontal advance of every code point the
// pinned font maps (its cmap), read with opentype.js. Charts measure their text with this table
// (src/report/render.ts), so drawing a chart never parses the font; the test
// tests/font-advances.test.ts checks the table against the font, code point by code point.
//
// Format: {"font", "unitsPerEm", "notdef": advance of glyph 0 (any unmapped code point),
//          "codePoints": deltas (each code point minus the previous one, the first from 0),
//          "advances": font units, one per code point}
//   node scripts/font-advances.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fontFile = join(root, 'assets', 'fonts', 'DejaVuSans-subset.ttf');
const opentype = createRequire(import.meta.url)('opentype.js');
const buf = readFileSync(fontFile);
const font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
const map = font.tables.cmap.glyphIndexMap;
const codePoints = Object.keys(map).map(Number).sort((a, b) => a - b);
let prev = 0;
const table = {
  font: 'DejaVuSans-subset.ttf',
  unitsPerEm: font.unitsPerEm,
  notdef: font.glyphs.get(0).advanceWidth,
  codePoints: codePoints.map((cp) => {
    const d = cp - prev;
    prev = cp;
    return d;
  }),
  advances: codePoints.map((cp) => font.glyphs.get(map[cp]).advanceWidth ?? 0),
};
writeFileSync(join(root, 'assets', 'fonts', 'DejaVuSans-subset.advances.json'), `${JSON.stringify(table)}\n`);
console.log(`assets/fonts/DejaVuSans-subset.advances.json: ${codePoints.length} code points, ${font.unitsPerEm} units per em`);
