import { defineConfig } from 'tsup';

// Two entry points: the library (tree-shakeable ESM with .d.ts) and the `sputnik` command.
// Each command's module is a separate chunk loaded on demand (see src/cli/run.ts).
export default defineConfig({
  // The third entry is the simulations' worker thread (src/simulate/pool.ts loads it next to the chunks).
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'simulate-worker': 'src/simulate/worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  silent: true,
  // simple-statistics is ESM: bundling it keeps only the functions used (a few lines) instead of
  // loading the whole package on every start. vega and vega-lite (ESM, ~30 packages with d3) are
  // bundled into the renderer's lazily loaded chunk: one file to read instead of dozens of
  // package resolutions, which cuts their import time by about 40 %.
  noExternal: ['simple-statistics', 'vega', 'vega-lite'],
});
