// docs/errors.md lists every error message the code can throw: each `new XxxError(...)` of src/
// with a written message must have its words in the catalog, and every error class is described.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as errors from '../src/errors.js';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');
const catalog = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The first argument of a call starting at `i` if it is a string literal: its literal pieces (template expressions left out). */
function literalPieces(text: string, i: number): string[] | null {
  while (/\s/.test(text[i]!)) i++;
  const q = text[i];
  if (q !== '`' && q !== "'" && q !== '"') return null;
  const pieces: string[] = [];
  let piece = '';
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (depth > 0) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      continue;
    }
    if (c === '\\') {
      piece += text[j + 1] === 'n' ? '\n' : text[j + 1];
      j++;
      continue;
    }
    if (q === '`' && c === '$' && text[j + 1] === '{') {
      pieces.push(piece);
      piece = '';
      depth = 1;
      j++;
      continue;
    }
    if (c === q) break;
    piece += c;
  }
  pieces.push(piece);
  return pieces;
}

/** Every error thrown with a written message: where, the class, and its literal words. */
function thrown(): { where: string; cls: string; pieces: string[] }[] {
  const out: { where: string; cls: string; pieces: string[] }[] = [];
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    // `new DataError('...')`, and the samples' `fail(firm, '...')` helper that throws a UsageError.
    for (const m of text.matchAll(/new (\w+Error)\(|\bfail\(\w+, /g)) {
      const cls = m[1] ?? 'UsageError';
      if (m[1] && !(cls in errors)) continue; // Error, TypeError...: not a SputnikError
      const pieces = literalPieces(text, m.index + m[0].length);
      if (pieces) out.push({ where: `${relative(ROOT, f)}:${text.slice(0, m.index).split('\n').length}`, cls, pieces });
    }
  }
  return out;
}

describe('docs/errors.md', () => {
  it('describes every error class with its exit code', () => {
    const classes = Object.keys(errors).filter((k) => k.endsWith('Error'));
    expect(classes).toEqual(expect.arrayContaining(['SputnikError', 'DataError', 'WindowError', 'ModelError', 'UsageError', 'NetworkError']));
    for (const c of classes) expect(catalog, c).toContain(`| \`${c}\` |`);
    expect(catalog).toMatch(/\| 2 \| `UsageError`/);
    expect(catalog).toMatch(/\| 70 \| an internal error/);
    expect(catalog).toContain('--debug');
    expect(catalog).toContain('SPUTNIK_DEBUG');
  });

  it('lists the words of every message the code throws', () => {
    const sites = thrown();
    expect(sites.length).toBeGreaterThan(150);
    const missing: string[] = [];
    for (const s of sites) {
      for (const piece of s.pieces.map((p) => p.trim()).filter((p) => p.length >= 8)) {
        if (!catalog.includes(piece)) missing.push(`${s.where} (${s.cls}): "${piece}"`);
      }
    }
    expect(missing).toEqual([]);
  });
});
