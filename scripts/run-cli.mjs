#!/usr/bin/env node
// Runs the `sputnik` command from a checkout, building dist/ first when it is missing or older
// than the sources. Prints only the command's own output (the build is silent unless it fails).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const stale = !existsSync(cli) || newest(join(root, 'src')) > statSync(cli).mtimeMs ||
  ['package.json', 'tsup.config.ts'].some((f) => statSync(join(root, f)).mtimeMs > statSync(cli).mtimeMs);
if (stale) {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    process.stderr.write(`sputnik: the build failed:\n${err.stderr ?? err.message}\n`);
    process.exit(70);
  }
}
await import(pathToFileURL(cli).href);
