#!/usr/bin/env node
// Bench helper: N single-firm studies on one loaded panel, in a warm process. Prints {"ms": ...}:
// the time of the N studies alone (the panel is loaded and one study run before the clock starts).
// Firms and event dates vary (4 firms x the trading days of 2024-2025), as a sample would.
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const { loadPanel, runStudy } = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
const n = Number(process.argv[2] ?? 1000);
const firms = ['NVDA', 'AMD', 'AVGO', 'MU'];
const panel = await loadPanel({ symbols: [...firms, 'SPY'] });
const days = panel.dates.filter((d) => d >= '2024-01-02' && d <= '2025-12-31');
const designs = Array.from({ length: n }, (_, i) => ({ firm: firms[i % firms.length], market: 'SPY', event: days[(i * 7) % days.length] }));
runStudy(panel, designs[0]);
const t0 = performance.now();
let check = 0;
for (const d of designs) check += runStudy(panel, d).car.value;
const ms = performance.now() - t0;
if (!Number.isFinite(check)) throw new Error('a study gave a non-finite CAR');
console.log(JSON.stringify({ ms, studies: n }));
