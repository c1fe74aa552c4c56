/**
 * The simulations as plain text for the terminal: the counterfactual (no-news) paths of a study
 * with the quoted figures' probabilities, the SQ tests and the bootstrap CAR interval; and the
 * Brown-Warner calibration's rejection rates beside MacKinlay's analytic power. Also the glue
 * from simulation results to the fan, losses and power charts.
 *
 * @module
 */
import type { FanInput, SimulatedLossesInput } from '../charts/fan.js';
import type { PowerInput } from '../charts/power.js';
import { SAMPLE_TEST_NAMES } from '../samples/types.js';
import type { CalibrationResult } from '../simulate/calibration.js';
import type { CounterfactualResult, Spread } from '../simulate/counterfactual.js';
import type { SqResult } from '../simulate/sq.js';
import { plain, plainP } from '../util/format.js';
import { textTable } from '../util/text-table.js';
import { TEST_ABBREVIATIONS } from './sample-text.js';

const pct = (v: number | null | undefined, digits = 2) => plain(v, { times: 100, digits, suffix: ' %' });
const money = (v: number | null | undefined) => plain(v, { per: 1e9, digits: 1, suffix: ' bn', missing: 'unknown' });
const usd = (v: number | null | undefined) => plain(v, { digits: 2 });
/** A whole number with thousands separators (`10,000`). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A probability read from trials: `0.0123` (as {@link plainP}), or `0 of 10,000` when no trial reached it. */
function probabilityText(p: number, trials: number): string {
  if (p === 0) return `0 of ${count(trials)}`;
  return plainP(p);
}

function spreadRow(name: string, s: Spread | null): string[] {
  return s ? [name, money(s.p05), money(s.p50), money(s.p95), money(s.mean)] : [name, 'unknown', 'unknown', 'unknown', 'unknown'];
}

function sqLine(what: string, r: SqResult): string {
  const verdict = r.reject ? 'rejects no abnormal return' : 'does not reject';
  return `  ${what}: ${pct(r.value)} against the ${pct(r.alpha / 2, 1)} and ${pct(1 - r.alpha / 2, 1)} quantiles [${pct(r.lower)}, ${pct(r.upper)}] of ${r.n} values: ${verdict} at ${pct(r.alpha, 0)} (empirical p = ${r.p === 0 ? `0, below 1/${r.n}` : plainP(r.p)})`;
}

/**
 * The counterfactual simulation as terminal text.
 *
 * @example
 * console.log(counterfactualText(await simulateCounterfactual(study, { seed: 1 })));
 */
export function counterfactualText(r: CounterfactualResult): string {
  const method = r.method === 'bootstrap' ? 'residual bootstrap' : `Student t errors, df ${plain(r.df, { digits: 2 })}${r.dfFitted ? ' (fitted)' : ''}`;
  const lines: string[] = [
    `Counterfactual without news: ${r.firm} vs ${r.market}, ${r.model} model, ${count(r.trials)} simulated paths (${method}, seed ${r.seed})`,
    `Parameter uncertainty: ${r.parameterUncertainty}`,
    `Prices from the as-traded close before the window (${usd(r.priceBefore)} USD); no-news price percentiles in USD per share:`,
    '',
    textTable(
      ['date', 'offset', 'observed', 'p05', 'p50', 'p95', 'sim. mean', 'sim. sd', 'model mean', 'model sd'],
      r.days.map((d) => [d.date, String(d.offset), usd(d.observed), usd(d.p05), usd(d.p50), usd(d.p95), pct(d.returnMean, 3), pct(d.returnSd, 3), pct(d.analyticMean, 3), pct(d.analyticSd, 3)]),
    ),
    '  (sim./model: mean and standard deviation of the no-news return, simulated and analytic)',
  ];
  if (r.loss) {
    lines.push(
      '',
      `Event day ${r.eventDate}, close to close from ${usd(r.priceBeforeEvent)} USD, ${count(r.shares ?? 0)} shares (positive = loss):`,
      textTable(['', 'p05', 'p50', 'p95', 'mean'], [spreadRow('fall without news', r.loss.noNews), spreadRow('abnormal loss', r.loss.abnormal)]),
      `  the study's abnormal loss: ${money(r.loss.abnormal.observed)} (analytic interval ${money(r.loss.abnormal.analyticLo)} to ${money(r.loss.abnormal.analyticHi)})`,
    );
  }
  if (r.windowLoss) lines.push(`Over the window (no-news minus observed value on its last day): p05 ${money(r.windowLoss.p05)}, p50 ${money(r.windowLoss.p50)}, p95 ${money(r.windowLoss.p95)}`);
  if (r.claims.length > 0) {
    lines.push(
      '',
      'Quoted figures: probability of a fall at least as large on the event day without news',
      textTable(
        ['claim', 'quoted', 'return needed', 'simulated', '95 % upper', 'analytic (t)'],
        r.claims.map((c) => [c.id, money(c.usd), pct(c.returnNeeded), probabilityText(c.probability, r.trials), plainP(c.upper95), plainP(c.analytic)]),
      ),
    );
  }
  lines.push('', 'Single-firm inference without normality (SQ test, Gelbach, Helland & Klick 2013):');
  if (r.sq.day0) lines.push(sqLine('day 0 abnormal return', r.sq.day0));
  lines.push(sqLine(`CAR [${r.sq.car.from}, ${r.sq.car.to}] (${r.sq.car.days}-day sums of consecutive residuals)`, r.sq.car));
  const b = r.bootstrapCar;
  lines.push(
    `Bootstrap CAR [${b.from}, ${b.to}]: ${pct(b.value)}, ${pct(b.level, 0)} percentile interval ${pct(b.lo)} to ${pct(b.hi)} (analytic ${pct(b.analyticLo)} to ${pct(b.analyticHi)}); bootstrap p of no abnormal return ${plainP(b.p)}`,
  );
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}

/**
 * The calibration as terminal text: rejection rates with their intervals by test and shift,
 * and the analytic power.
 *
 * @example
 * console.log(calibrationText(await simulateCalibration(panel, { trials: 1000 })));
 */
export function calibrationText(r: CalibrationResult): string {
  const head = ['test', ...r.shifts.map((s) => `AR ${pct(s, 1)}`)];
  const rows = SAMPLE_TEST_NAMES.map((name) => [
    `${name} (${TEST_ABBREVIATIONS[name]})`,
    ...r.shifts.map((_, i) => {
      const rate = r.rejection[name][i]!;
      const [lo, hi] = r.intervals[name][i]!;
      return `${pct(rate, 1)} [${pct(lo, 1)}, ${pct(hi, 1)}]`;
    }),
  ]);
  rows.push(['MacKinlay analytic (AAR test)', ...r.analytic.map((a) => pct(a, 1))]);
  return [
    `Brown-Warner calibration: ${count(r.trials)} samples of ${r.firms} firm-events, seed ${r.seed}`,
    `${r.design.universe.length} firms vs ${r.design.market} (${r.design.universe.join(', ')}), ${count(r.design.firmEvents)} firm-events with every return from ${r.design.eventRange.from} to ${r.design.eventRange.to}`,
    `Estimation [${r.design.estimation.join(', ')}], window [${r.design.window.join(', ')}], abnormal return added on day 0; tests two-sided at ${pct(r.alpha, 0)}; intervals: ${r.design.intervals}`,
    '',
    textTable(head, rows),
    '',
    `Analytic power: the AAR test with ${r.firms} firms and the average residual sigma ${pct(r.sigma, 3)} (Campbell, Lo & MacKinlay 1997, §4.6).`,
    ...r.notes.map((n) => `Note: ${n}`),
  ].join('\n');
}

/** The fan chart's input from a counterfactual result. */
export function fanInput(r: CounterfactualResult, lang: 'en' | 'fr' = 'en'): FanInput {
  return {
    symbol: r.firm,
    eventDate: r.eventDate,
    rows: r.days.map((d) => ({ date: d.date, offset: d.offset, p05: d.p05, p25: d.p25, p50: d.p50, p75: d.p75, p95: d.p95, observed: d.observed })),
    paths: r.paths ?? [],
    trials: r.trials,
    method: r.method,
    lang,
  };
}

/** The simulated-losses chart's input (null when the result has no event-day dollar figures). */
export function lossesInput(r: CounterfactualResult, lang: 'en' | 'fr' = 'en'): SimulatedLossesInput | null {
  if (!r.falls || !r.loss || r.shares === null || r.priceBeforeEvent === null) return null;
  const day0 = r.days.find((d) => d.offset === 0);
  if (!day0 || day0.observed === null) return null;
  return {
    symbol: r.firm,
    date: r.eventDate,
    values: r.falls,
    observed: r.shares * (r.priceBeforeEvent - day0.observed),
    quoted: r.claims.map((c) => ({ id: c.id, usd: c.usd, label: `${plain(c.usd, { per: 1e9, digits: 0 })} bn (${c.id})` })),
    lang,
  };
}

/** The power chart's input from a calibration result. */
export function powerInput(r: CalibrationResult, lang: 'en' | 'fr' = 'en'): PowerInput {
  return { shifts: r.shifts, rejection: r.rejection, intervals: r.intervals, analytic: r.analytic, alpha: r.alpha, trials: r.trials, firms: r.firms, lang };
}
