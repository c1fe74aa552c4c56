#!/usr/bin/env node
// npm run bench: times the flagship study and compares with bench/baseline.json.
// Prints numbers only; it never fails on speed (timing belongs here, not in tests).
// `npm run bench -- --update` records the current numbers as the new baseline.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const baselineFile = join(root, 'bench', 'baseline.json');
const update = process.argv.includes('--update');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function coldRun(args, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`sputnik ${args.join(' ')} failed: ${r.stderr}`);
  }
  return { median: median(times), min: Math.min(...times) };
}

const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
async function warm(runs = 50) {
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await lib.eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
    t.push(performance.now() - t0);
  }
  return { median: median(t), min: Math.min(...t) };
}

async function warmRender(runs = 3) {
  const study = await lib.eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
  const claims = await lib.claimsReport();
  const specs = Object.values(lib.reportCharts(study, { claims }));
  await lib.toSvg(specs[0]); // load vega, vega-lite, the font
  const svgT = [];
  const pngT = [];
  const reportT = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const svgs = [];
    for (const spec of specs) svgs.push(await lib.toSvg(spec));
    svgT.push(performance.now() - t0);
    t0 = performance.now();
    for (const svg of svgs) await lib.toPng(svg);
    pngT.push(performance.now() - t0);
    t0 = performance.now();
    await lib.buildReport(lib.studyReport(study, { claims }));
    reportT.push(performance.now() - t0);
  }
  const stat = (t) => ({ median: median(t), min: Math.min(...t) });
  return { svg: stat(svgT), png: stat(pngT), report: stat(reportT) };
}

const out = mkdtempSync(join(tmpdir(), 'sputnik-bench-'));
const results = {
  'node startup (node -e 0)': (() => {
    const times = [];
    for (let i = 0; i < 7; i++) { const t0 = performance.now(); spawnSync(process.execPath, ['-e', '0']); times.push(performance.now() - t0); }
    return { median: median(times), min: Math.min(...times) };
  })(),
  'cold: sputnik study --json (flagship)': coldRun(['study', '--json']),
  'cold: sputnik flagship (npm start: + report, 7 charts)': coldRun(['flagship', '--out', out], 3),
  'warm: eventStudy() in process (load + fit)': await warm(),
};
const render = await warmRender();
results['warm: 7 charts to SVG (vega)'] = render.svg;
results['warm: 7 SVGs to PNG at 2x (resvg)'] = render.png;
results['warm: HTML report (7 inline SVGs)'] = render.report;

const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
console.log(`sputnik-study bench (node ${process.version}, ${new Date().toISOString().slice(0, 10)})`);
console.log(`${'case'.padEnd(54)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'baseline'.padStart(9)} ${'ratio'.padStart(6)}`);
for (const [name, r] of Object.entries(results)) {
  const b = baseline.cases?.[name]?.median;
  const ratio = b ? (r.median / b).toFixed(2) : '-';
  console.log(`${name.padEnd(54)} ${r.median.toFixed(1).padStart(10)} ${r.min.toFixed(1).padStart(8)} ${(b ? b.toFixed(1) : '-').padStart(9)} ${ratio.padStart(6)}`);
}
console.log('Goal: the cold flagship study (sputnik study --json) well under 1500 ms.');
if (update) {
  const cases = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { median: Math.round(v.median * 10) / 10 }]));
  writeFileSync(baselineFile, JSON.stringify({ recorded: new Date().toISOString().slice(0, 10), node: process.version, cases }, null, 2) + '\n');
  console.log(`Baseline written to ${baselineFile}`);
}
