import { defineConfig } from 'tsup';

// Two entry points: the library (tree-shakeable ESM with .d.ts) and the `sputnik` command.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  silent: true,
});
