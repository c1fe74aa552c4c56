#!/usr/bin/env node
// npm run bench: how fast the command and the library are, against the goals and a baseline.
//
// Every case runs as its own process, and the cases are interleaved (round 1: A B C ..., round
// 2: B C ... A, ...) so that a machine that slows down or speeds up during the run affects all
// cases alike. Each case reports its minimum and median wall time, the median CPU time (user +
// system of the process and its children, from /proc on Linux), and its ratio to `node -e 0`
// measured in the same run: ratios, not milliseconds, are what compare across machines.
// In-process cases (a library call repeated in a warm process) print their own timing.
//
// It prints numbers and never fails on speed (timing belongs here, not in tests).
//   npm run bench                    # 7 rounds
//   npm run bench -- --rounds 15     # more rounds
//   npm run bench -- --update        # also record the ratios as bench/baseline.json
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const baselineFile = join(root, 'bench', 'baseline.json');
const args = process.argv.slice(2);
const update = args.includes('--update');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 7;
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds needs a whole number >= 1');

const node = process.execPath;
const out = mkdtempSync(join(tmpdir(), 'sputnik-bench-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const indexUrl = pathToFileURL(join(root, 'dist', 'index.js')).href;

/** Each case: a command; `inProcess` cases print `{"ms": ...}` and that is their time. */
const CASES = [
  { id: 'node', name: 'node startup (node -e 0)', cmd: [node, '-e', '0'] },
  { id: 'import', name: 'import the library (node -e "await import(...)")', cmd: [node, '--input-type=module', '-e', `await import(${JSON.stringify(indexUrl)})`] },
  { id: 'study', name: 'cold: sputnik study --json (flagship)', cmd: [node, cli, 'study', '--json'] },
  { id: 'npm-cli', name: 'npm run --silent cli -- study --json', cmd: [npm, 'run', '--silent', 'cli', '--', 'study', '--json'] },
  { id: 'claims', name: 'cold: sputnik claims --json (15 studies)', cmd: [node, cli, 'claims', '--json'] },
  { id: 'flagship', name: 'cold: sputnik flagship (npm start\'s job)', cmd: [node, cli, 'flagship', '--out', join(out, 'f')] },
  { id: 'npm-start', name: 'npm start (flagship through npm)', cmd: [npm, 'start', '--silent', '--', '--out', join(out, 's')] },
  { id: 'warm-1000', name: 'warm: 1,000 runStudy on a loaded panel', cmd: [node, join(root, 'bench', 'warm-study.mjs'), '1000'], inProcess: true },
  { id: 'sample-500', name: 'cold: 500-firm sample, 2 years (load + runSample)', cmd: [node, join(root, 'bench', 'sample-500.mjs')], inProcess: true },
  // The calibration's own timing (after reading the files): the command prints it on stderr with --timing.
  {
    id: 'calibration',
    name: 'simulate calibration, 1,000 trials x 50 firms',
    cmd: [node, cli, 'simulate', 'calibration', '--trials', '1000', '--firms', '50', '--seed', '1', '--json', '--timing'],
    inProcess: true,
    parse: (r) => JSON.parse(r.stderr.trim().split('\n').filter((l) => l.startsWith('{')).pop()).ms,
  },
  // The same computation, vectorised with numpy (skipped when python3 with numpy is missing).
  {
    id: 'calibration-numpy',
    name: 'the same calibration in numpy (bench/calibration_numpy.py)',
    cmd: [process.env.PYTHON ?? 'python3', join(root, 'bench', 'calibration_numpy.py'), '--trials', '1000', '--firms', '50', '--seed', '1'],
    inProcess: true,
    optional: spawnSync(process.env.PYTHON ?? 'python3', ['-c', 'import numpy']).status !== 0,
    parse: (r) => JSON.parse(r.stdout).ms,
  },
].filter((c) => !c.optional);

/** CPU time (ms) of this process's finished children, from /proc/self/stat (Linux); null elsewhere. */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ", field 3 is state; cutime and cstime are fields 16 and 17 (1-based).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

function runOnce(c) {
  const cpu0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(c.cmd[0], c.cmd.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - t0;
  const cpu1 = childCpuMs();
  if (r.status !== 0) throw new Error(`${c.name} failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').slice(0, 400)}`);
  const ms = c.parse ? c.parse(r) : c.inProcess ? JSON.parse(r.stdout.trim().split('\n').at(-1)).ms : wall;
  return { ms, cpu: cpu0 === null ? null : cpu1 - cpu0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Build once (quietly) and warm the file cache, then measure.
spawnSync(node, [join(root, 'scripts', 'run-cli.mjs'), '--version'], { cwd: root });
for (const c of CASES) runOnce(c);
const samples = Object.fromEntries(CASES.map((c) => [c.id, []]));
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < CASES.length; k++) {
    const c = CASES[(k + r) % CASES.length];
    samples[c.id].push(runOnce(c));
    if (process.stderr.isTTY) process.stderr.write(`\rround ${r + 1}/${rounds}`);
  }
}
if (process.stderr.isTTY) process.stderr.write('\n');
rmSync(out, { recursive: true, force: true });

const stats = Object.fromEntries(
  CASES.map((c) => {
    const s = samples[c.id];
    const cpus = s.map((x) => x.cpu).filter((x) => x !== null);
    return [c.id, { median: median(s.map((x) => x.ms)), min: Math.min(...s.map((x) => x.ms)), cpu: cpus.length ? median(cpus) : null }];
  }),
);
const nodeMs = stats.node.median;
for (const c of CASES) stats[c.id].ratio = stats[c.id].median / nodeMs;

const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
const pad = (s, n) => String(s).padStart(n);
console.log(`sputnik-study bench: node ${process.version}, ${rounds} interleaved rounds, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${'case'.padEnd(52)} ${pad('median ms', 10)} ${pad('min ms', 8)} ${pad('cpu ms', 7)} ${pad('x node', 7)} ${pad('base', 7)} ${pad('vs base', 8)}`);
for (const c of CASES) {
  const s = stats[c.id];
  const b = baseline.cases?.[c.id];
  // Processes compare by their ratio to node's startup; in-process timings by milliseconds.
  const here = c.inProcess ? s.median : s.ratio;
  const then = c.inProcess ? b?.median : b?.ratio;
  console.log(
    `${c.name.padEnd(52)} ${pad(s.median.toFixed(1), 10)} ${pad(s.min.toFixed(1), 8)} ${pad(s.cpu === null || c.inProcess ? '-' : s.cpu.toFixed(0), 7)} ${pad(c.inProcess ? '-' : s.ratio.toFixed(2), 7)} ${pad(then ? (c.inProcess ? `${then.toFixed(0)}ms` : then.toFixed(2)) : '-', 7)} ${pad(then ? (here / then).toFixed(2) : '-', 8)}`,
  );
}

// The goals of the core rebuild, each as measured in this run.
const goals = [
  ['cold study --json <= 2.5 x node startup', stats.study.ratio, 2.5, 'x'],
  ['npm start <= 1200 ms', stats['npm-start'].median, 1200, 'ms'],
  ['import of the library <= 60 ms beyond node startup', stats.import.median - nodeMs, 60, 'ms'],
  ['1,000 warm studies on a loaded panel <= 300 ms', stats['warm-1000'].median, 300, 'ms'],
  ['500-firm sample over two years, parsing included, < 1000 ms', stats['sample-500'].median, 1000, 'ms'],
  ['calibration 1,000 trials x 50 firms < 300 ms', stats.calibration.median, 300, 'ms'],
];
if (stats['calibration-numpy']) {
  // "at least 3x faster than numpy": numpy's time over ours, at least 3.
  goals.push(['calibration at least 3 x faster than numpy (numpy / ours)', -stats['calibration-numpy'].median / stats.calibration.median, -3, 'x']);
}
console.log('\nGoals:');
for (const [name, value, limit, unit] of goals) {
  console.log(`  ${value <= limit ? 'met ' : 'MISS'}  ${name}: ${Math.abs(value).toFixed(unit === 'x' ? 2 : 0)} ${unit}`);
}
console.log(`  calibration: ${(1000 / (stats.calibration.median / 1000)).toFixed(0)} trials per second`);
console.log('(CPU ms is sampled at 10 ms ticks; "x node" is the median over node\'s own median in this run; "vs base" compares that ratio,');
console.log(' or for in-process timings the milliseconds, with bench/baseline.json: below 1 is faster.)');

if (update) {
  const cases = Object.fromEntries(CASES.map((c) => [c.id, { name: c.name, median: Math.round(stats[c.id].median * 10) / 10, ratio: Math.round(stats[c.id].ratio * 100) / 100 }]));
  writeFileSync(baselineFile, JSON.stringify({ recorded: new Date().toISOString().slice(0, 10), node: process.version, rounds, cases }, null, 2) + '\n');
  console.log(`Baseline written to ${baselineFile}`);
}
