/**
 * The claims registry: every figure quoted by the seed articles, as one reviewed JSON document
 * (`fixtures/claims.json`).
 *
 * @module
 */

import { UsageError } from '../errors.js';
import { extractAll, type QuotedClaim, type Seed } from './extract.js';

/** Claims of a set of articles, with the names of the articles they come from. */
export interface ClaimRegistry {
  /**
   * Unit of every claim's `start`, `end`, `sentenceStart` and `sentenceEnd`: UTF-16 code units
   * (JavaScript string indices). Each claim's `codePoints` gives the same offsets in Unicode code
   * points (Python string indices). Absent in registries written before it was stated.
   */
  offsetUnit?: 'utf16';
  /** Seed file names, in the order they were read. */
  generatedFrom: string[];
  /** Claims of every seed, seed by seed, in text order. */
  claims: QuotedClaim[];
}

/**
 * Builds the registry of the given articles, in the order given (pass them sorted by name for a
 * stable file). Pure: reads no file.
 *
 * @example
 * buildRegistry([{ name: '003_a.txt', text: 'Nvidia a perdu 17 % en bourse.' }])
 * // { offsetUnit: 'utf16', generatedFrom: ['003_a.txt'],
 * //   claims: [{ id: '003-01', text: '17 %', start: 15, codePoints: { start: 15, ... }, kind: 'price-move', ... }] }
 */
export function buildRegistry(seeds: readonly Seed[]): ClaimRegistry {
  if (!Array.isArray(seeds)) throw new UsageError('buildRegistry expects an array of {name, text}', { symbol: 'buildRegistry' });
  const names = seeds.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new UsageError(`buildRegistry: seed "${dup}" is given twice`, { file: dup });
  return { offsetUnit: 'utf16', generatedFrom: names, claims: extractAll(seeds) };
}

/**
 * The registry as the text of `fixtures/claims.json`: JSON with a 2-space indent and a trailing
 * newline.
 *
 * @example
 * registryToJson(buildRegistry([]))  // '{\n  "offsetUnit": "utf16",\n  "generatedFrom": [],\n  "claims": []\n}\n'
 */
export function registryToJson(registry: ClaimRegistry): string {
  return JSON.stringify(registry, null, 2) + '\n';
}
