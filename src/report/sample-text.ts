/**
 * The sample section as plain text for the terminal: which groups moved abnormally and how
 * significantly (AAR on day 0, CAAR over [-1, 1] and over the window, with the main tests and
 * the number of firms behind each figure), then each sample's firms, days and windows.
 * Also the glue from sample results to the CAAR chart's rows.
 *
 * @module
 */
import type { CaarRow } from '../charts/caar.js';
import type { SampleCaar, SampleDay, SampleResult } from '../samples/run.js';
import { SAMPLE_TEST_NAMES, type SampleTestName, type SampleTests } from '../samples/types.js';
import { plain, plainP } from '../util/format.js';
import { textTable } from '../util/text-table.js';

/** A sample with the name it is shown under (a group label, or "sample"). */
export interface NamedSample {
  name: string;
  result: SampleResult;
}

/** The tests shown in the compact tables: parametric with and without cross-correlation, and two nonparametric. */
export const MAIN_TESTS: readonly SampleTestName[] = ['crossSectionalT', 'bmp', 'kolariPynnonen', 'corradoRank', 'generalizedSign'];

/** Short column names of the tests. */
export const TEST_ABBREVIATIONS: Readonly<Record<SampleTestName, string>> = {
  bw1980: 'BW80',
  bw1985: 'BW85',
  crossSectionalT: 'CS t',
  patell: 'Patell',
  bmp: 'BMP',
  kolariPynnonen: 'KP',
  sign: 'Sign',
  generalizedSign: 'GSign',
  corradoRank: 'Rank',
  wilcoxon: 'Wilcoxon',
};

const pct = (v: number | null | undefined, digits = 2) => plain(v, { times: 100, digits, suffix: ' %' });
const stat = (v: number | null | undefined) => plain(v, { digits: 2 });
const pText = (p: number | null | undefined) => (p === null || p === undefined || !Number.isFinite(p) ? 'n/a' : plainP(p));
const money = (v: number | null) => plain(v, { per: 1e9, digits: 1, suffix: ' bn', missing: 'unknown' });
const testP = (tests: SampleTests, name: SampleTestName) => pText(tests[name]?.p);

/** How many of the ten tests reject at `alpha` (two-sided), out of those computed. */
export function rejections(tests: SampleTests, alpha: number): { rejected: number; computed: number } {
  let rejected = 0;
  let computed = 0;
  for (const name of SAMPLE_TEST_NAMES) {
    const t = tests[name];
    if (!t) continue;
    computed++;
    if (t.p < alpha) rejected++;
  }
  return { rejected, computed };
}

/** The verdict of a figure: "abnormal (9/10 tests at 5 %)" or "not abnormal (1/10 ...)": the count, never a hidden rule. */
function verdict(tests: SampleTests, alpha: number): string {
  const { rejected, computed } = rejections(tests, alpha);
  const level = `${Number((alpha * 100).toFixed(6))} %`;
  const word = rejected * 2 > computed ? 'abnormal' : rejected > 0 ? 'mixed' : 'not abnormal';
  return `${word} (${rejected}/${computed} at ${level})`;
}

/** The CAAR window [from, to] of a result, if it was computed. */
export function windowOf(r: SampleResult, from: number, to: number): SampleCaar | undefined {
  if (r.caar.from === from && r.caar.to === to) return r.caar;
  return r.windows.find((w) => w.from === from && w.to === to);
}

/**
 * One line per sample: which moved abnormally and how significantly. Day 0's AAR and the CAAR
 * over [-1, 1] and over the headline window, each with n, the Kolari-Pynnönen p (the BMP test
 * corrected for cross-correlation) and how many of the ten tests reject at the design's level.
 */
export function samplesOverviewText(samples: readonly NamedSample[]): string {
  const rows = samples.map(({ name, result: r }) => {
    const alpha = 1 - r.design.confidence;
    const d0 = r.days.find((d) => d.offset === 0);
    const around = windowOf(r, -1, 1);
    const c = r.caar;
    return [
      name,
      String(r.counts.studied),
      pct(d0?.aar),
      d0 ? String(d0.n) : 'n/a',
      d0 ? testP(d0.tests, 'kolariPynnonen') : 'n/a',
      d0 ? verdict(d0.tests, alpha) : 'n/a',
      pct(around?.value),
      around ? testP(around.tests, 'kolariPynnonen') : 'n/a',
      `${pct(c.value)} [${c.from},${c.to}]`,
      String(c.n),
      testP(c.tests, 'kolariPynnonen'),
      verdict(c.tests, alpha),
    ];
  });
  return textTable(
    ['sample', 'firms', 'AAR day 0', 'n', 'KP p', 'day 0: tests rejecting', 'CAAR[-1,1]', 'KP p', 'CAAR window', 'n', 'KP p', 'window: tests rejecting'],
    rows,
    1,
  );
}

/** The ten tests of one figure as `name stat (p)` lines, null tests with their reason. */
function testsTable(label: string, tests: SampleTests, notes: readonly { test: string; message: string }[]): string {
  const rows = SAMPLE_TEST_NAMES.map((name) => {
    const t = tests[name];
    const why = notes.filter((n) => n.test === name).map((n) => n.message).join('; ');
    return [name, t ? stat(t.stat) : 'null', t ? pText(t.p) : 'n/a', t ? '' : why];
  });
  const anyNote = rows.some((r) => r[3] !== '');
  const table = anyNote ? textTable(['test', 'stat', 'p', 'why not computed'], rows, 1) : textTable(['test', 'stat', 'p'], rows.map((r) => r.slice(0, 3)), 1);
  return `${label}\n${table}`;
}

function dayRow(d: SampleDay): string[] {
  return [String(d.offset), d.date ?? '', pct(d.aar, 3), String(d.n), ...MAIN_TESTS.flatMap((t) => [stat(d.tests[t]?.stat), testP(d.tests, t)])];
}

function caarRow(c: SampleCaar): string[] {
  return [`[${c.from},${c.to}]`, pct(c.value, 3), String(c.n), ...MAIN_TESTS.flatMap((t) => [stat(c.tests[t]?.stat), testP(c.tests, t)])];
}

/**
 * One sample in full: design, firms (fit, day-0 AR and dollar loss, CAR), the battery day by day
 * (AAR, n and the main tests), the CAAR windows, all ten tests on day 0 and on the headline
 * window, the excluded firms and the notes.
 */
export function sampleText(name: string, r: SampleResult): string {
  const d = r.design;
  const out: string[] = [];
  const anyMissing = r.firms.some((f) => f.missing.length > 0);
  const event = r.eventDate ?? 'each firm\'s own date (non-clustered)';
  out.push(
    `Sample: ${name}, ${r.counts.studied} firm(s)${r.counts.excluded ? ` (${r.counts.excluded} left out)` : ''}; ${d.model} model, ${d.returns} returns, ` +
      `event ${event}, estimation ${Array.isArray(d.estimation) ? `[${d.estimation.join(', ')}]` : `${(d.estimation as { from: string }).from}:${(d.estimation as { to: string }).to}`}, ` +
      `window [${d.window.join(', ')}], gaps ${d.gaps}`,
  );
  out.push(
    textTable(
      ['firm', 'market', 'event', 'beta', 'AR day 0', 't', 'p', `CAR[${d.carWindow[0]},${d.carWindow[1]}]`, 'p', 'abnormal loss day 0 (+ = fall)', ...(anyMissing ? ['days without a return'] : [])],
      r.firms.map((f) => [
        f.symbol,
        f.market,
        f.eventDate + (f.shifted ? '*' : ''),
        plain(f.beta, { digits: 3 }),
        pct(f.ar0, 3),
        stat(f.ar0T),
        pText(f.ar0P),
        pct(f.car, 3),
        pText(f.carP),
        money(f.loss0),
        ...(anyMissing ? [f.missing.map((m) => String(m.offset)).join(',')] : []),
      ]),
      3,
    ),
  );
  const testHeader = MAIN_TESTS.flatMap((t) => [TEST_ABBREVIATIONS[t], 'p']);
  out.push('');
  out.push(textTable(['offset', 'date', 'AAR', 'n', ...testHeader], r.days.map(dayRow), 2));
  out.push('');
  const windows = [r.caar, ...r.windows.filter((w) => !(w.from === r.caar.from && w.to === r.caar.to))];
  out.push(textTable(['CAAR', 'value', 'n', ...testHeader], windows.map(caarRow), 1));
  const d0 = r.days.find((x) => x.offset === 0);
  if (d0) {
    out.push('');
    out.push(testsTable(`All tests, day 0 (AAR ${pct(d0.aar, 3)}, n = ${d0.n}):`, d0.tests, d0.notes));
  }
  out.push('');
  out.push(testsTable(`All tests, CAAR [${r.caar.from}, ${r.caar.to}] (${pct(r.caar.value, 3)}, n = ${r.caar.n}):`, r.caar.tests, r.caar.notes));
  if (r.excluded.length) {
    out.push('');
    out.push('Left out:');
    for (const e of r.excluded) out.push(`  ${e.symbol} (${e.event}, vs ${e.market}): ${e.reason}`);
  }
  out.push('');
  out.push('Notes:');
  for (const n of r.notes) out.push(`  ${n}`);
  return out.join('\n');
}

/**
 * The sample section: the overview of every sample (which moved abnormally, how significantly),
 * then each sample in full.
 *
 * @example
 * console.log(samplesText([{ name: 'semiconductors', result: runSample(panel, { firms: groupMembers('semiconductors') }) }]));
 */
export function samplesText(samples: readonly NamedSample[]): string {
  const parts = [
    'Samples of firms: average abnormal returns and the test battery (KP = Kolari-Pynnonen; "tests rejecting" counts the ten tests with p below 1 - confidence)',
    samplesOverviewText(samples),
  ];
  for (const s of samples) parts.push('', sampleText(s.name, s.result));
  return parts.join('\n');
}

/**
 * The CAAR chart's rows of several samples: each sample's running CAAR and its interval
 * (`SampleResult.cumulative`), labelled with the sample's name. Days without any firm are left out.
 */
export function caarChartRows(samples: readonly NamedSample[]): CaarRow[] {
  return samples.flatMap(({ name, result }) =>
    result.cumulative
      .filter((p) => p.caar !== null)
      .map((p) => ({ group: name, offset: p.offset, date: p.date, caar: p.caar!, lo: p.lo, hi: p.hi, n: p.n })),
  );
}
