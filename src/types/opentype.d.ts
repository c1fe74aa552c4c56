/**
 * The small part of opentype.js 2 that src/report/render.ts uses. opentype.js 2 ships no type
 * declarations, and @types/opentype.js describes version 1.
 */
declare module 'opentype.js' {
  namespace opentype {
    interface Glyph {
      advanceWidth?: number;
    }
    interface Font {
      unitsPerEm: number;
      charToGlyph(char: string): Glyph;
    }
  }
  const opentype: { parse(buffer: ArrayBuffer): opentype.Font };
  export default opentype;
}
