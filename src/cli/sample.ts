/**
 * `sputnik study --firms A,B,C` and `sputnik study --group NAME`: an event study on a sample of
 * firms (`runSample`), printed as the JSON contract of DESIGN.md (`days[].tests.NAME.{stat,p}`
 * and the same `tests` on `caar`) or as the terminal's sample section.
 *
 * Every firm is measured against `--market` (default SPY), whatever its group: a group's sector
 * ETF (SOXX for the chips) as benchmark would absorb the sector-wide move the sample measures.
 * Each firm may carry its own event date as `SYMBOL@YYYY-MM-DD` (non-clustered events).
 *
 * @module
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { modelName } from '../models/fit.js';
import { loadPanel } from '../panel/load.js';
import { samplesText } from '../report/sample-text.js';
import { sampleGroup } from '../samples/groups.js';
import { runSample, type SampleDesign, type SampleFirmSpec, type SampleResult } from '../samples/run.js';
import { SAMPLE_TEST_NAMES } from '../samples/types.js';
import { liveRange } from '../study/load.js';
import { isIsoDate } from '../util/dates.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { langOption } from './args.js';
import { jsonText, toCsv } from './output.js';
import { studyOptionsFrom, type Values } from './study-options.js';


/** Options of a single-firm study that mean nothing for a sample. */
const SINGLE_FIRM_ONLY: Record<string, string> = {
  firm: 'give the firms with --firms (or --group), not --firm',
  shares: '--shares is a single firm\'s count; a sample reads each firm\'s count from facts.json',
  report: '--report writes a single-firm report; for a sample use --json or --out',
};

/** `NVDA` or `NVDA@2025-01-27` -> a firm of the sample. */
function firmItem(item: string): string | SampleFirmSpec {
  const [symbol, event, extra] = item.split('@').map((x) => x.trim());
  if (!symbol || extra !== undefined) throw new UsageError(`--firms: "${item}" must be SYMBOL or SYMBOL@YYYY-MM-DD`, { field: 'firms' });
  if (event === undefined) return symbol;
  if (!isIsoDate(event)) throw new UsageError(`--firms: the event date of ${symbol} "${event}" is not a valid YYYY-MM-DD date`, { field: 'firms' });
  return { firm: symbol, event };
}

/** The firms of `--firms A,B,C` (or of `--group NAME`) and the sample's name. */
function sampleFirms(values: Values): { name: string; group: string | null; firms: (string | SampleFirmSpec)[] } {
  const list = values.firms as string | undefined;
  const group = values.group as string | undefined;
  if (list !== undefined && group !== undefined) throw new UsageError('give --firms or --group, not both');
  if (group !== undefined) {
    const g = sampleGroup(group);
    return { name: g.name, group: g.name, firms: [...g.members] };
  }
  const items = (list ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UsageError('--firms needs a comma-separated list of tickers, like --firms NVDA,AMD,AVGO', { field: 'firms' });
  return { name: 'sample', group: null, firms: items.map(firmItem) };
}

const upper = (f: string | SampleFirmSpec) => (typeof f === 'string' ? f.toUpperCase() : f.firm.toUpperCase());

/** The JSON of `sputnik study --firms/--group --json`: DESIGN.md's sample contract plus extra fields. */
export function sampleJson(name: string, group: string | null, r: SampleResult) {
  return {
    sample: name,
    group,
    market: r.design.market,
    model: r.design.model,
    returns: r.design.returns,
    eventDate: r.eventDate,
    clustered: r.clustered,
    confidence: r.design.confidence,
    gaps: r.design.gaps,
    design: r.design,
    counts: r.counts,
    firms: r.firms,
    excluded: r.excluded,
    days: r.days,
    caar: r.caar,
    windows: r.windows,
    cumulative: r.cumulative,
    notes: r.notes,
  };
}

/** The battery day by day as CSV: offset, date, AAR, n and each test's stat and p. */
export function sampleDaysCsv(r: SampleResult): string {
  return toCsv(
    ['offset', 'date', 'aar', 'n', ...SAMPLE_TEST_NAMES.flatMap((t) => [`${t}_stat`, `${t}_p`])],
    r.days.map((d) => [d.offset, d.date, d.aar, d.n, ...SAMPLE_TEST_NAMES.flatMap((t) => [d.tests[t]?.stat ?? null, d.tests[t]?.p ?? null])]),
  );
}

/**
 * Run the sample a command line asks for: load the firms and the benchmark(s) once into a panel
 * (bundled fixtures, `--data DIR`, or `--live`), run `runSample`, and give back the JSON object
 * and the text. Throws a `UsageError` for `--firms` with `--group`, an unknown group, or an option
 * that only a single-firm study has.
 *
 * @example
 * const { json, text } = await sampleCommandResult({ group: 'semiconductors' });
 */
export async function sampleCommandResult(values: Values): Promise<{ json: ReturnType<typeof sampleJson>; text: string; result: SampleResult }> {
  for (const [key, why] of Object.entries(SINGLE_FIRM_ONLY)) if (values[key] !== undefined) throw new UsageError(why, { field: key });
  langOption(values.lang); // checked like a single study's, though a sample writes no report yet
  const { name, group, firms } = sampleFirms(values);
  const o = studyOptionsFrom(values);
  const model = modelName(o.model ?? 'market');
  const design: SampleDesign = {
    firms,
    market: o.market,
    event: o.event,
    estimation: o.estimation,
    window: o.window,
    model,
    returns: o.returns,
    confidence: o.confidence,
    minEstimationDays: o.minEstimationDays,
    gaps: o.gaps,
    ...(o.carWindow ? { carWindow: o.carWindow } : {}),
  };
  const markets = new Set([o.market.toUpperCase(), ...firms.flatMap((f) => (typeof f === 'object' && f.market ? [f.market.toUpperCase()] : []))]);
  const symbols = [...new Set([...firms.map(upper), ...markets])];
  let range: { from: string; to: string } | undefined;
  if (o.source === 'yahoo') {
    const events = firms.map((f) => (typeof f === 'object' && f.event ? f.event : o.event)).sort();
    range = { from: liveRange({ ...o, event: events[0]! }).from, to: liveRange({ ...o, event: events[events.length - 1]! }).to };
  }
  const panel = await loadPanel({ symbols, dataDir: o.dataDir, source: o.source, factors: model === 'ff3', range });
  const result = runSample(panel, design);
  return { json: sampleJson(name, group, result), text: samplesText([{ name, result }]), result };
}

/** `sputnik study --firms/--group`: the text (or JSON) to print; with `--out DIR`, also `sample.json` and `sample-days.csv`. */
export async function sampleCommand(values: Values): Promise<string> {
  const { json, text, result } = await sampleCommandResult(values);
  if (values.out) {
    const dir = values.out as string;
    await writeFilesAtomic([
      { path: join(dir, 'sample.json'), data: jsonText(json) },
      { path: join(dir, 'sample-days.csv'), data: sampleDaysCsv(result) },
    ]);
  }
  return values.json ? JSON.stringify(json) : text;
}
