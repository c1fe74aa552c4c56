import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A fixture file's text. */
export const fixture = (...parts: string[]) => readFileSync(join(ROOT, 'fixtures', ...parts), 'utf8');

/** A fresh temporary folder. */
export const tempDir = (prefix = 'sputnik-') => mkdtempSync(join(tmpdir(), prefix));

/** Every file and folder under `dir`, relative, sorted (hidden ones included); [] when `dir` does not exist. */
export function tree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? [`${rel}/`, ...tree(join(dir, e.name), rel)] : [rel];
  }).sort();
}

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

/**
 * Run the built command with a module-resolution hook and list what it loaded: the packages
 * (node_modules folders) and the built files of dist/. The hook runs on the loader thread and
 * appends every resolved URL to a log.
 */
export function loadedBy(args: string[]): { status: number | null; packages: string[]; distFiles: string[] } {
  const dir = tempDir('sputnik-loads-');
  const log = join(dir, 'resolved.txt');
  const hooks = join(dir, 'hooks.mjs');
  const register = join(dir, 'register.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }`);
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: dir });
  const urls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const packages = new Set<string>();
  const distFiles = new Set<string>();
  for (const u of urls) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (m) packages.add(m[1]!);
    const d = /\/dist\/([^/]+\.js)$/.exec(u);
    if (d) distFiles.add(d[1]!);
  }
  return { status: r.status, packages: [...packages].sort(), distFiles: [...distFiles].sort() };
}

/** The built files that hold vega (bundled into the renderer's chunk). */
export const vegaChunks = (): string[] =>
  readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js') && readFileSync(join(ROOT, 'dist', f), 'utf8').includes('resetSVGDefIds'));
