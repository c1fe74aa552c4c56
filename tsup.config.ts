import { defineConfig } from 'tsup';

// Two entry points: the library (tree-shakeable ESM with .d.ts) and the `sputnik` command.
// Each command's module is a separate chunk loaded on demand (see src/cli/run.ts).
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  silent: true,
  // simple-statistics is ESM: bundling it keeps only the functions used (a few lines) instead of
  // loading the whole package on every start.
  noExternal: ['simple-statistics'],
});
