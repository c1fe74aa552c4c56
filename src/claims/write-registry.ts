/**
 * Writes `fixtures/claims.json` from `seeds/*.txt`.
 *
 * @module
 */

import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataError } from '../errors.js';
import type { Seed } from './extract.js';
import { buildRegistry, registryToJson, type ClaimRegistry } from './registry.js';

/**
 * Reads every `*.txt` file of `seedsDir` as UTF-8, sorted by name (code-unit order, so the same
 * on every platform and locale).
 *
 * @example
 * const seeds = await readSeeds('seeds');  // [{ name: '000_bc9efa1295367801.txt', text: '…' }, …]
 */
export async function readSeeds(seedsDir: string): Promise<Seed[]> {
  let names: string[];
  try {
    names = (await readdir(seedsDir)).filter((n) => n.endsWith('.txt'));
  } catch (err) {
    throw new DataError(`cannot list the seed directory: ${(err as Error).message}`, { file: seedsDir });
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(seedsDir, name), 'utf8') })));
}

/**
 * Builds the registry of `seedsDir/*.txt` and writes it to `outFile` atomically: the JSON goes to
 * `outFile + '.tmp'`, which is then renamed over `outFile`. Returns the registry written.
 *
 * @example
 * await writeRegistry('seeds', 'fixtures/claims.json');
 */
export async function writeRegistry(seedsDir: string, outFile: string): Promise<ClaimRegistry> {
  const registry = buildRegistry(await readSeeds(seedsDir));
  const tmp = outFile + '.tmp';
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(tmp, registryToJson(registry), 'utf8');
  await rename(tmp, outFile);
  return registry;
}
