import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A fixture file's text. */
export const fixture = (...parts: string[]) => readFileSync(join(ROOT, 'fixtures', ...parts), 'utf8');

/** A fresh temporary folder. */
export const tempDir = (prefix = 'sputnik-') => mkdtempSync(join(tmpdir(), prefix));

/** |a - b| <= rel * max(|a|, |b|) + abs. */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, rel = 1e-9, abs = 1e-14, label = ''): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  const tol = rel * Math.max(Math.abs(actual as number), Math.abs(expected)) + abs;
  if (!(Math.abs((actual as number) - expected) <= tol)) {
    throw new Error(`${label}: ${actual} differs from ${expected} by ${Math.abs((actual as number) - expected)} (tolerance ${tol})`);
  }
}
