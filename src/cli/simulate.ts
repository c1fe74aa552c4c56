/**
 * `sputnik simulate counterfactual|calibration`: the Monte Carlo side (src/simulate).
 *
 * - `counterfactual` takes a single-firm study's options (default: the flagship) and prints the
 *   no-news paths, the quoted figures' probabilities (the registry's market-value losses of the
 *   firm, or `--quoted`), the SQ tests and the bootstrap CAR interval; `--json` prints the JSON
 *   contract of the README.
 * - `calibration` runs the Brown-Warner calibration of the test battery on the bundled prices.
 *
 * Both are seeded (`--seed`, same output on any machine and with any `--workers`), run on every
 * core by default, and draw a progress bar on stderr when stderr is a terminal.
 *
 * @module
 */
import { join } from 'node:path';
import { loadRegistry, quotedLosses as registryLosses } from '../claims/report.js';
import { UsageError } from '../errors.js';
import { loadPanel } from '../panel/load.js';
import { calibrationText, counterfactualText, fanInput, lossesInput, powerInput } from '../report/simulate-text.js';
import { simulateCalibration, type CalibrationResult } from '../simulate/calibration.js';
import { CALIBRATION_UNIVERSE } from '../simulate/calibration-data.js';
import { simulateCounterfactual, type CounterfactualResult, type QuotedLoss } from '../simulate/counterfactual.js';
import { MAX_SEED } from '../simulate/random.js';
import { FLAGSHIP } from '../study/defaults.js';
import { loadStudyPanel } from '../study/load.js';
import { runStudy } from '../study/run.js';
import { writeFilesAtomic, type OutputFile } from '../util/atomic.js';
import { langOption, parse, type Options } from './args.js';
import { jsonText } from './output.js';
import { STUDY_OPTIONS } from './study.js';
import { studyOptionsFrom, type Values } from './study-options.js';

export const SIMULATE_HELP = `sputnik simulate: Monte Carlo on the recorded prices

Usage: sputnik simulate counterfactual [study options] [options]
       sputnik simulate calibration [options]

counterfactual   the firm's price over the event window without the news (the model and the
                 estimation residuals, the market's actual path), the probability of a fall as
                 large as each quoted figure, the abnormal dollar loss with percentile intervals,
                 the SQ test (Gelbach, Helland & Klick 2013) and a bootstrap CAR interval.
                 Study options as in "sputnik study" (default: NVDA vs SPY on 2025-01-27).
  --trials N              simulated paths (default 10000)
  --method NAME           bootstrap (default: resample the estimation residuals) or t
  --df N                  degrees of freedom of the t errors (default: fitted)
  --quoted USD[,USD...]   quoted losses to price instead of the registry's (e.g. 600e9,590e9)

calibration      Brown-Warner calibration of the ten tests of "sputnik study --firms": random
                 firms and event days from the fixtures, abnormal returns of 0, 0.5, 1 and 2 %
                 added on day 0, rejection rates at 5 % (two-sided) beside MacKinlay's power.
  --trials N              samples of firm-events (default 1000)
  --firms K               firm-events per sample (default 50)
  --market SYMBOL         benchmark (default ${FLAGSHIP.market})

Both:
  --seed S                seed, a whole number from 0 to ${MAX_SEED} (default 1)
  --workers N             threads (default: every core); the output does not depend on it
  --json                  print one JSON object (see the README's contract)
  --out DIR               also write the JSON and the charts (DIR/charts/*.vl.json|.svg|.png)
  --lang LANG             en | fr: language of the charts (default en)
  --data DIR              read DIR/SYMBOL.csv instead of the bundled fixtures
  --timing                print the simulation's wall and CPU time on stderr as JSON (for the bench)
  --repeat N              run the simulation N times in this process (with --timing: warm timings)
  -h, --help              this help

Examples:
  sputnik simulate counterfactual --trials 20000 --seed 7 --json
  sputnik simulate calibration --trials 1000 --firms 50 --seed 1 --json`;

const COMMON: Options = {
  trials: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  lang: { type: 'string' },
  data: { type: 'string' },
  timing: { type: 'boolean' },
  repeat: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const COUNTERFACTUAL_OPTIONS: Options = {
  ...STUDY_OPTIONS,
  ...COMMON,
  method: { type: 'string' },
  df: { type: 'string' },
  quoted: { type: 'string' },
};

const CALIBRATION_OPTIONS: Options = { ...COMMON, firms: { type: 'string' }, market: { type: 'string' } };

/** Options of "sputnik study" that mean nothing for a counterfactual. */
const NOT_FOR_COUNTERFACTUAL = ['firms', 'group', 'report', 'live'];


/** A whole-number option from `min` to `max`; a one-line UsageError otherwise. */
function wholeOption(values: Values, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).replace(/_/g, '');
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
    throw new UsageError(`--${name} "${String(raw)}" must be a whole number from ${min} to ${max}`, { field: name });
  }
  return v;
}

/** A progress bar on stderr, only when stderr is a terminal; redrawn at most every 100 ms. */
function progressBar(what: string): { update: (done: number, total: number) => void; end: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, end: () => {} };
  let last = 0;
  let drawn = false;
  const width = 30;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${what} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor((100 * done) / total)} % ${done}/${total}`);
      drawn = true;
    },
    end() {
      if (drawn) process.stderr.write(`\r${' '.repeat(width + what.length + 30)}\r`);
    },
  };
}

/**
 * Runs `f` (`--repeat N` times, default once; the same result each time) with a progress bar
 * labelled `what` on stderr (when it is a terminal), and with `--timing` prints each run's wall
 * and CPU time (all threads) on stderr as one JSON line: the first run is the cold one (code not
 * yet optimized by the JIT), the others warm.
 */
async function timed<T>(values: Values, what: string, f: (onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const repeat = wholeOption(values, 'repeat', 1, 1000) ?? 1;
  const bar = progressBar(what);
  let result: T | undefined;
  try {
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      result = await f(bar.update);
      if (values.timing) {
        const c = process.cpuUsage(c0);
        process.stderr.write(`${JSON.stringify({ run: i + 1, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 })}\n`);
      }
    }
  } finally {
    bar.end();
  }
  return result!;
}

/** The quoted market-value losses in USD of `firm` in the claims registry (`--quoted` replaces them). */
async function quotedLosses(firm: string, values: Values): Promise<QuotedLoss[]> {
  if (values.quoted !== undefined) {
    const items = String(values.quoted).split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (items.length === 0) throw new UsageError('--quoted needs USD amounts, like --quoted 600e9,590e9', { field: 'quoted' });
    return items.map((s, i) => {
      const v = Number(s.replace(/_/g, ''));
      if (!(Number.isFinite(v) && v > 0)) throw new UsageError(`--quoted "${s}" must be a positive amount in USD`, { field: 'quoted' });
      return { id: `quoted-${i + 1}`, usd: v, text: s };
    });
  }
  return registryLosses(await loadRegistry(), firm);
}

/** `sputnik simulate counterfactual`: the result and the text to print. */
async function counterfactual(args: readonly string[]): Promise<{ result: CounterfactualResult; text: string; files: OutputFile[]; values: Values }> {
  const { values, positionals } = parse(args, COUNTERFACTUAL_OPTIONS);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik simulate --help)`);
  for (const k of NOT_FOR_COUNTERFACTUAL) if (values[k] !== undefined) throw new UsageError(`--${k} is not an option of sputnik simulate counterfactual`, { field: k });
  const lang = langOption(values.lang);
  const trials = wholeOption(values, 'trials', 1, 10_000_000);
  const seed = wholeOption(values, 'seed', 0, MAX_SEED);
  const workers = wholeOption(values, 'workers', 1, 256);
  const method = (values.method as string | undefined) ?? 'bootstrap';
  if (method !== 'bootstrap' && method !== 't') throw new UsageError(`--method "${method}" must be bootstrap or t`, { field: 'method' });
  let df: number | 'fitted' | undefined;
  if (values.df !== undefined) {
    if (method !== 't') throw new UsageError('--df needs --method t', { field: 'df' });
    const raw = String(values.df);
    df = raw === 'fitted' ? 'fitted' : Number(raw);
    if (df !== 'fitted' && !(Number.isFinite(df) && df > 2)) throw new UsageError(`--df "${raw}" must be a number above 2, or fitted`, { field: 'df' });
  }
  const options = studyOptionsFrom(values);
  const [panel, claims] = await Promise.all([loadStudyPanel(options, options), quotedLosses(options.firm.toUpperCase(), values)]);
  const study = runStudy(panel, options);
  const result = await timed(values, 'Simulating', (onProgress) => simulateCounterfactual(study, { trials, seed, workers, method, df, claims, onProgress }));
  const files: OutputFile[] = [];
  if (values.out) {
    const dir = values.out as string;
    files.push({ path: join(dir, 'counterfactual.json'), data: jsonText(result) });
    const { fanChart, simulatedLossesChart } = await import('../charts/fan.js');
    const { renderCharts } = await import('../report/render.js');
    const losses = lossesInput(result, lang);
    const specs = { fan: fanChart(fanInput(result, lang)), ...(losses ? { 'simulated-losses': simulatedLossesChart(losses) } : {}) };
    files.push(...(await renderCharts(specs, join(dir, 'charts'))).files);
  }
  return { result, text: counterfactualText(result), files, values };
}

/** `sputnik simulate calibration`: the result and the text to print. */
async function calibration(args: readonly string[]): Promise<{ result: CalibrationResult; text: string; files: OutputFile[]; values: Values }> {
  const { values, positionals } = parse(args, CALIBRATION_OPTIONS);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik simulate --help)`);
  const lang = langOption(values.lang);
  const trials = wholeOption(values, 'trials', 1, 10_000_000);
  const firms = wholeOption(values, 'firms', 2, 1_000_000);
  const seed = wholeOption(values, 'seed', 0, MAX_SEED);
  const workers = wholeOption(values, 'workers', 1, 256);
  const market = ((values.market as string | undefined) ?? FLAGSHIP.market).toUpperCase();
  const panel = await loadPanel({ symbols: [...CALIBRATION_UNIVERSE, market], dataDir: values.data as string | undefined, facts: false });
  const result = await timed(values, 'Calibrating', (onProgress) => simulateCalibration(panel, { trials, firms, seed, workers, market, onProgress }));
  const files: OutputFile[] = [];
  if (values.out) {
    const dir = values.out as string;
    files.push({ path: join(dir, 'calibration.json'), data: jsonText(result) });
    const { powerChart } = await import('../charts/power.js');
    const { renderChart } = await import('../report/render.js');
    files.push(...(await renderChart(powerChart(powerInput(result, lang)), join(dir, 'charts', 'power'))));
  }
  return { result, text: calibrationText(result), files, values };
}

/** `sputnik simulate`. Returns the text to print. */
export async function simulateCommand(args: readonly string[]): Promise<string> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return SIMULATE_HELP;
  if (rest.includes('--help') || rest.includes('-h')) return SIMULATE_HELP;
  const run = sub === 'counterfactual' ? counterfactual : sub === 'calibration' ? calibration : null;
  if (!run) throw new UsageError(`unknown simulation "${sub}" (expected counterfactual or calibration; see sputnik simulate --help)`);
  const { result, text, files, values } = await run(rest);
  if (files.length) await writeFilesAtomic(files);
  return values.json ? JSON.stringify(result) : text;
}
