#!/usr/bin/env node
// The calibration's speed: `sputnik simulate calibration` (1,000 trials x 50 firm-events,
// estimation 250 days, window 11 days, the setting) beside the vectorised numpy version of
// the same computation (bench/calibration_numpy.py), run in turns so that a machine that slows
// down or speeds up affects both alike.
//
// Each round runs, as separate processes: the command as a user runs it (--workers left at its
// default, every core: the command starts a worker thread only when the run is long enough to pay
// for it, see src/simulate/calibration.ts), the command with one worker, and numpy. Each reports the wall and CPU time of the computation
// itself (after the price files are read: `--timing` on the command, `ms` in numpy's JSON).
// Prints a table of medians and minima, then one JSON line:
//   {"ms": median of the command (default workers), "numpyMs": median of numpy, "trialsPerSecond", "ratio", ...}
// It never fails on speed.
//   node bench/calibration.mjs                 # 7 rounds
//   node bench/calibration.mjs --rounds 15 --trials 1000 --firms 50
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = opt('rounds', 7);
const trials = opt('trials', 1000);
const firms = opt('firms', 50);
for (const [k, v] of Object.entries({ rounds, trials, firms })) if (!(Number.isInteger(v) && v >= 1)) throw new Error(`--${k} needs a whole number >= 1`);

// Build dist/ if the sources changed (the command's own launcher does it).
spawnSync(process.execPath, [join(root, 'scripts', 'run-cli.mjs'), '--version'], { cwd: root, stdio: 'ignore' });
const cli = join(root, 'dist', 'cli.js');
const python = process.env.PYTHON ?? 'python3';
const cores = availableParallelism();

const CASES = [
  { id: 'js', name: `sputnik (default, ${cores} cores)`, cmd: [process.execPath, cli, 'simulate', 'calibration', '--trials', String(trials), '--firms', String(firms), '--seed', '1', '--json', '--timing'] },
  { id: 'js1', name: 'sputnik (--workers 1)', cmd: [process.execPath, cli, 'simulate', 'calibration', '--trials', String(trials), '--firms', String(firms), '--seed', '1', '--json', '--timing', '--workers', '1'] },
  { id: 'numpy', name: 'numpy (bench/calibration_numpy.py)', cmd: [python, join(root, 'bench', 'calibration_numpy.py'), '--trials', String(trials), '--firms', String(firms), '--seed', '1'] },
];

function runOnce(c) {
  const r = spawnSync(c.cmd[0], c.cmd.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${c.name} failed (${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  if (c.id === 'numpy') {
    const j = JSON.parse(r.stdout);
    return { ms: j.ms, cpuMs: j.cpuMs };
  }
  const line = r.stderr.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  return JSON.parse(line);
}

const times = Object.fromEntries(CASES.map((c) => [c.id, []]));
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < CASES.length; k++) {
    const c = CASES[(k + round) % CASES.length];
    times[c.id].push(runOnce(c));
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (id, key) => ({ median: median(times[id].map((t) => t[key])), min: Math.min(...times[id].map((t) => t[key])) });
console.log(`calibration: ${trials} trials x ${firms} firm-events, ${rounds} rounds, ${cores} cores`);
for (const c of CASES) {
  const w = stat(c.id, 'ms');
  const cpu = stat(c.id, 'cpuMs');
  console.log(`  ${c.name.padEnd(38)} wall median ${w.median.toFixed(0).padStart(6)} ms  min ${w.min.toFixed(0).padStart(6)} ms   cpu median ${cpu.median.toFixed(0).padStart(6)} ms   ${(trials / (w.median / 1000)).toFixed(0).padStart(6)} trials/s`);
}
const js = stat('js', 'ms').median;
const js1 = stat('js1', 'ms').median;
const np = stat('numpy', 'ms').median;
console.log(
  JSON.stringify({
    ms: Number(js.toFixed(1)),
    numpyMs: Number(np.toFixed(1)),
    trialsPerSecond: Math.round(trials / (js / 1000)),
    ratio: Number((np / js).toFixed(2)),
    msOneWorker: Number(js1.toFixed(1)),
    ratioOneWorker: Number((np / js1).toFixed(2)),
    cpuMs: Number(stat('js', 'cpuMs').median.toFixed(1)),
    cpuMsOneWorker: Number(stat('js1', 'cpuMs').median.toFixed(1)),
    numpyCpuMs: Number(stat('numpy', 'cpuMs').median.toFixed(1)),
    trials,
    firms,
    rounds,
    cores,
  }),
);
