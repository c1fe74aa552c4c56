import { defineConfig } from 'tsup';

const common = {
  format: ['esm'] as 'esm'[],
  sourcemap: true,
  target: 'node20' as const,
  silent: true,
};

// Two builds.
// - The library (`dist/index.js`, with `.d.ts`): one file, so that importing it is one module to
//   resolve and read instead of dozens of chunks. Its lazily imported parts (the renderer, the
//   notebook display, the live loader) stay lazy inside the file (esbuild defers their code until
//   they are imported); vega, vega-lite, resvg and yahoo-finance2 stay packages, imported only
//   when first used.
// - The `sputnik` command and the simulations' worker thread: code split, each command's module a
//   chunk loaded on demand (src/cli/run.ts). vega and vega-lite are bundled into the renderer's
//   chunk there: one file to read instead of ~30 package resolutions, ~40 % faster to import.
// simple-statistics is ESM: bundling keeps only the functions used (a few lines).
export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts' },
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    splitting: false,
    noExternal: ['simple-statistics'],
    // Whitespace and syntax only (names are kept, and the source map maps back): a smaller file
    // compiles faster on import.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
  {
    ...common,
    // The worker threads are built next to the command's chunks (src/simulate/pool.ts and
    // src/report/chart-thread.ts find them there, from the library's index.js too).
    entry: { cli: 'src/cli/main.ts', 'simulate-worker': 'src/simulate/worker.ts', 'vega-worker': 'src/report/vega-worker.ts' },
    clean: false,
    splitting: true,
    noExternal: ['simple-statistics', 'vega', 'vega-lite'],
  },
]);
