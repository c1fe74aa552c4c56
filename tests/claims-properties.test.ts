// Property-based tests (fast-check) of the claims parser: it never throws on arbitrary text, and
// whatever it returns is well formed (verbatim offsets in UTF-16 code units and in code points,
// finite values, ordered ids).
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRegistry, extractClaims, scanFrenchFigures, splitSentences, parseFrenchAmount, parseFrenchNumber, type QuotedClaim } from '../src/claims/index.js';
import { codePointIndex } from '../src/claims/extract.js';

const seedsDir = new URL('../seeds/', import.meta.url);
const seedTexts = readdirSync(seedsDir)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => readFileSync(new URL(n, seedsDir), 'utf8'));
/** Every sentence of the five seed articles. */
const sentences = seedTexts.flatMap((t) => splitSentences(t).map((s) => t.slice(s.start, s.end)));
/** The sentences that hold a figure: the ones the mutations are most likely to break. */
const figureSentences = sentences.filter((s) => /\d/.test(s));

const KINDS = new Set(['market-value-loss', 'price-move', 'training-cost', 'investment-plan', 'funding-round', 'valuation', 'investment', 'hardware-cost', 'share-price', 'other']);

/** What every result of the extractor must satisfy, for any text. */
function wellFormed(text: string, claims: QuotedClaim[]): void {
  expect(Array.isArray(claims)).toBe(true);
  const cps = [...text];
  let previous = -1;
  claims.forEach((c, i) => {
    expect(c.id).toBe(`t-${String(i + 1).padStart(2, '0')}`);
    expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(text.slice(c.sentenceStart, c.sentenceEnd)).toBe(c.sentence);
    expect(cps.slice(c.codePoints.start, c.codePoints.end).join('')).toBe(c.text);
    expect(cps.slice(c.codePoints.sentenceStart, c.codePoints.sentenceEnd).join('')).toBe(c.sentence);
    expect(c.sentenceStart <= c.start && c.end <= c.sentenceEnd).toBe(true);
    expect(c.start).toBeGreaterThan(previous);
    previous = c.start;
    expect(Number.isFinite(c.value)).toBe(true);
    expect(KINDS.has(c.kind)).toBe(true);
    expect(typeof c.subject).toBe('string');
    expect(typeof c.subjectFr).toBe('string');
    if (c.kind !== 'market-value-loss' && c.kind !== 'price-move') expect(c.firms).toEqual([]);
  });
}

const extract = (text: string) => {
  const claims = extractClaims('t.txt', text);
  wellFormed(text, claims);
  return claims;
};

/** Strings of any UTF-16 code units, lone surrogates included. */
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 200 });
/** French-ish text: figures, scale words, currencies, qualifiers, firms and punctuation, in any order. */
const frenchish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Nvidia', 'NVIDIA', 'Meta', 'Stargate', 'DeepSeek', 'Mistral AI', 'et d’autres géants tech', 'l’action', 'le titre', 'en bourse',
        'a perdu', 'a chuté à', 'a levé', 'valorisée à', 'près de', 'environ', 'au moins', 'plus de', 'jusqu’à', 'milliards', 'milliard',
        'millions', 'Mds', 'M$', 'de dollars', 'd’euros', '$', '€', '%', 'fois moins cher', 'multipliée par', 'en une journée', 'en quelques heures',
        ',', '.', ';', ':', '!', '?', '…', '\n', ' ', '\u00a0', '\u202f', '«', '»', '-', '−', '➡️', '📋', 'à', 'et',
      ),
      fc.integer({ min: -1000, max: 1_000_000 }).map(String),
      fc.tuple(fc.nat(999), fc.nat(99)).map(([a, b]) => `${a},${b}`),
      fc.tuple(fc.integer({ min: 1, max: 999 }), fc.nat(999)).map(([a, b]) => `${a} ${String(b).padStart(3, '0')}`),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

describe('the claims parser never throws', () => {
  it('on fc.string()', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => void extract(t)), { numRuns: 500 });
  });

  it('on full Unicode strings (fast-check 4: fc.string({ unit: "binary" }), the old fullUnicodeString) and on graphemes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => void extract(t)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (t) => void extract(t)), { numRuns: 200 });
  });

  it('on any UTF-16 code units, lone surrogates included', () => {
    fc.assert(fc.property(utf16, (t) => void extract(t)), { numRuns: 300 });
  });

  it('on French-looking text built from the words of the articles', () => {
    fc.assert(fc.property(frenchish, (t) => void extract(t)), { numRuns: 500 });
  });

  it('on mutations of the seed sentences (insertions, deletions, replacements, joins)', () => {
    const sentence = fc.constantFrom(...figureSentences);
    const mutation = fc.oneof(
      // insert anything anywhere
      fc.tuple(sentence, fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([s, i, x]) => s.slice(0, i % (s.length + 1)) + x + s.slice(i % (s.length + 1))),
      // delete a range
      fc.tuple(sentence, fc.nat(), fc.nat(30)).map(([s, i, n]) => s.slice(0, i % (s.length + 1)) + s.slice((i % (s.length + 1)) + n)),
      // replace one character by a digit, a space kind, a sign or punctuation
      fc
        .tuple(sentence, fc.nat(), fc.constantFrom('0', '9', ',', '.', ' ', '\u00a0', '\u202f', '-', '−', '%', '€', '$', '\n', '’', "'"))
        .map(([s, i, c]) => {
          const k = i % Math.max(1, s.length);
          return s.slice(0, k) + c + s.slice(k + 1);
        }),
      // cut a surrogate pair or an emoji in half
      fc.tuple(sentence, fc.nat()).map(([s, i]) => `📋${s}`.slice(0, 1 + (i % (s.length + 1)))),
      // join two sentences without a space, or repeat one
      fc.tuple(sentence, sentence).map(([a, b]) => a + b),
      sentence.map((s) => `${s} ${s}`),
    );
    fc.assert(fc.property(mutation, (t) => void extract(t)), { numRuns: 1000 });
  });

  it('the grammar functions return null or a figure, never throw, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (t) => {
        parseFrenchNumber(t);
        parseFrenchAmount(t);
        for (const f of scanFrenchFigures(t)) expect(t.slice(f.start, f.end)).toBe(f.text);
      }),
      { numRuns: 500 },
    );
  });

  it('buildRegistry on any set of distinct names and texts', () => {
    const seeds = fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), text: fc.string({ maxLength: 120 }) }), { selector: (s) => s.name, maxLength: 5 });
    fc.assert(
      fc.property(seeds, (ss) => {
        const reg = buildRegistry(ss);
        expect(reg.offsetUnit).toBe('utf16');
        expect(reg.generatedFrom).toEqual(ss.map((s) => s.name));
      }),
      { numRuns: 200 },
    );
  });
});

describe('codePointIndex', () => {
  it('maps every UTF-16 offset to [...text.slice(0, offset)].length', () => {
    fc.assert(
      fc.property(fc.oneof(utf16, fc.string({ unit: 'binary', maxLength: 100 })), (t) => {
        const cp = codePointIndex(t);
        for (let i = 0; i <= t.length; i++) expect(cp(i)).toBe([...t.slice(0, i)].length);
      }),
      { numRuns: 300 },
    );
  });
});
