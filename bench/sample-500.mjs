#!/usr/bin/env node
// Bench helper: a 500-firm sample over two years, from files to the test battery. Prints
// {"ms": ...}: the time to load the 501 price files into a panel (parsing included) and run
// runSample on all 500 firms with one event date (ten tests on 11 days and the CAAR windows).
//
// The files are SYNTHETIC and written to a temporary folder (never into fixtures/): geometric
// random walks from a seeded PRNG (mulberry32 + Box-Muller), each firm a market-model return
// `beta * market + noise` on a synthetic market SYNMKT, every weekday of 2023-2024 (no holidays),
// with one row missing in every 50th firm (a gap inside or outside the windows).
//   node bench/sample-500.mjs [FIRMS]     (default 500; needs dist/, i.e. npm run build)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { loadPanel, runSample } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const N = Number(process.argv[2] ?? 500);
if (!(Number.isInteger(N) && N >= 1)) throw new Error('the number of firms must be a whole number >= 1');

/** mulberry32: a small seeded PRNG (public domain), uniform in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250127);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

// Every weekday of 2023 and 2024.
const dates = [];
for (let t = Date.UTC(2023, 0, 2); t <= Date.UTC(2024, 11, 31); t += 86_400_000) {
  const d = new Date(t);
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) dates.push(d.toISOString().slice(0, 10));
}
const T = dates.length;
const market = new Float64Array(T);
for (let i = 1; i < T; i++) market[i] = 0.0004 + 0.01 * normal();

const dir = mkdtempSync(join(tmpdir(), 'sputnik-synthetic-'));
function write(symbol, rets, skip = -1) {
  const lines = ['date,open,high,low,close,adj_close,volume'];
  let p = 20 + 80 * rand();
  for (let i = 0; i < T; i++) {
    p *= Math.exp(rets[i]);
    if (i === skip) continue;
    const c = p.toFixed(4);
    lines.push(`${dates[i]},${c},${c},${c},${c},${c},1000000`);
  }
  writeFileSync(join(dir, `${symbol}.csv`), lines.join('\n') + '\n');
}
write('SYNMKT', market);
const firms = [];
for (let k = 0; k < N; k++) {
  const symbol = `SYN${String(k).padStart(4, '0')}`;
  const beta = 0.5 + 1.3 * rand();
  const sd = 0.01 + 0.02 * rand();
  const rets = new Float64Array(T);
  for (let i = 1; i < T; i++) rets[i] = beta * market[i] + sd * normal();
  write(symbol, rets, k % 50 === 0 ? Math.floor(T * rand()) : -1);
  firms.push(symbol);
}

try {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const panel = await loadPanel({ symbols: [...firms, 'SYNMKT'], dataDir: dir, facts: false });
  const t1 = performance.now();
  const result = runSample(panel, { firms, market: 'SYNMKT', event: '2024-10-15' });
  const t2 = performance.now();
  const ms = t2 - t0;
  const cpu = process.cpuUsage(cpu0);
  const d0 = result.days.find((d) => d.offset === 0);
  if (result.counts.studied !== N || !Number.isFinite(d0.aar)) throw new Error(`the sample went wrong: ${JSON.stringify(result.counts)}`);
  // ms: wall time of load + sample (what bench.mjs reads); the split and the CPU time are for reading by eye.
  console.log(JSON.stringify({ ms, loadMs: t1 - t0, sampleMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, firms: N, days: T, studied: result.counts.studied, n0: d0.n }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
