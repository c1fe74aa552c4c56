import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The package's root folder (the one whose package.json is named `sputnik-study`), found by
 * walking up from this module. Works from `src/` under vitest and from the bundled `dist/`.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sputnik-study') {
          return (cachedRoot = dir);
        }
      } catch {
        // not a readable manifest: keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sputnik-study package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** A path inside the package, e.g. `packagePath('fixtures', 'prices')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/**
 * The built worker-thread script `dist/<file>` of this package, or null when there is none (the
 * sources run without a build). The library, the command and the tests under vitest all find the
 * same one.
 */
export function builtWorker(file: string): URL | null {
  const p = packagePath('dist', file);
  return existsSync(p) ? pathToFileURL(p) : null;
}
