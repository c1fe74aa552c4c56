// The shape of the code: the layers of src/ import only downwards, and each command loads only
// the packages it uses (checked by running the built command with a module-resolution hook).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedBy, ROOT, tempDir, vegaChunks } from './helpers.js';

/**
 * The layers of the core, bottom up (README, "Architecture"): a module may import from its own
 * layer and from the layers below it, never from a layer above. Files directly under src/ other
 * than index.ts belong to the bottom layer.
 */
const LAYERS = [
  ['errors', 'util', 'version', 'types'],
  ['stats'],
  ['data'],
  ['panel'],
  ['returns'],
  ['models'],
  ['impact'],
  ['study'],
  ['samples'],
  ['simulate'],
  ['claims'],
  ['charts'],
  ['report'],
  ['cli', 'index'],
];

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The layer number of a file under src/ (its first folder, or its own name at the top). */
function layerOf(file: string): number {
  const top = relative(SRC, file).split(sep)[0]!.replace(/\.(d\.)?ts$/, '');
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`src/${top} is in no layer: add it to LAYERS (and to the README's architecture)`);
  return i;
}

/** Every relative module a file imports: static imports and exports, type-only ones, and import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specs.map((m) => m[1]!).filter((s) => s.startsWith('.'));
}

describe('layers', () => {
  const all = files(SRC);

  it('every file of src/ is in a layer', () => {
    for (const f of all) expect(() => layerOf(f)).not.toThrow();
  });

  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const f of all) {
      for (const spec of importsOf(f)) {
        const target = join(f, '..', spec).replace(/\.js$/, '.ts');
        if (layerOf(target) > layerOf(f)) upward.push(`${relative(ROOT, f)} -> ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the check sees imports: a known downward import is found', () => {
    expect(importsOf(join(SRC, 'study', 'run.ts'))).toContain('../panel/panel.js');
  });
});

describe('each command loads only what it uses', () => {
  const HEAVY = ['vega', 'vega-lite', '@resvg/resvg-js', 'opentype.js', 'yahoo-finance2', 'luxon', 'csv-parse'];


  it('study --json: no rendering, no network client, no CSV or date library', () => {
    const { status, packages, distFiles } = loadedBy(['study', '--json']);
    expect(status).toBe(0);
    expect(packages.filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(vegaChunks().length).toBeGreaterThan(0);
    expect(distFiles.filter((f) => vegaChunks().includes(f))).toEqual([]);
  });

  it('claims --json: no rendering and no network client', () => {
    const { status, packages } = loadedBy(['claims', '--json']);
    expect(status).toBe(0);
    expect(packages.filter((p) => ['vega', 'vega-lite', '@resvg/resvg-js', 'yahoo-finance2'].includes(p))).toEqual([]);
  });

  it('the hook sees what loads: the report loads the chunk that holds vega', () => {
    const out = tempDir('sputnik-loads-out-');
    const { status, distFiles } = loadedBy(['study', '--json', '--out', out, '--report']);
    expect(status).toBe(0);
    expect(distFiles.filter((f) => vegaChunks().includes(f)).length).toBeGreaterThan(0);
  });
});
