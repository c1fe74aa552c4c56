import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Build dist/ once (if stale) before any test spawns the command, so parallel test files never race a build. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [join(root, 'scripts', 'run-cli.mjs'), '--version'], { cwd: root, stdio: 'ignore' });
}
