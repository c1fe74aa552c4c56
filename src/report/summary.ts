/**
 * The plain-text report of a single-firm study (what `study.summary()` and the command print):
 * the model's fit, the event window day by day, the CAR, the BHAR and the dollar figures.
 *
 * @module
 */
import type { EventStudy } from '../study/result.js';
import { formatNumber, plain, plainP } from '../util/format.js';
import { textTable } from '../util/text-table.js';

const pct = (v: number | null, digits = 3) => plain(v, { times: 100, digits, suffix: ' %' });
const num = (v: number | null, digits = 4) => plain(v, { digits });
/** Billions of the price currency, e.g. `592.66 bn`. */
const billions = (v: number | null) => plain(v, { per: 1e9, digits: 2, suffix: ' bn', missing: 'unknown' });

/**
 * The text summary of a study, statsmodels style.
 *
 * @example
 * console.log(studySummary(await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' })));
 */
export function studySummary(s: EventStudy): string {
  const e = s.estimation;
  const level = `${Math.round(s.confidence * 100)} %`;
  const out: string[] = [];
  out.push(`Event study: ${s.firm} vs ${s.market}, event ${s.event.date}${s.event.shifted ? ` (asked ${s.event.requested}, not a trading day)` : ''}`);
  out.push(`Model: ${s.model}, ${s.returnKind} returns on ${s.provenance.firmBasis} (${s.firm}) / ${s.provenance.marketBasis} (${s.market})`);
  out.push(`Estimation: ${e.start} to ${e.end}, offsets [${e.from}, ${e.to}], n = ${e.n}, df = ${e.df}`);
  if (e.coefficients.length) {
    out.push(
      textTable(
        ['', 'coef', 'std err', 't', 'p', `${level} low`, `${level} high`],
        e.coefficients.map((c) => [c.name, num(c.value, 6), num(c.se, 6), num(c.t, 3), plainP(c.p), num(c.lo, 6), num(c.hi, 6)]),
      ),
    );
  }
  out.push(`sigma = ${pct(e.sigma)}${e.r2 !== null ? `, R² = ${num(e.r2, 4)}` : ''}`);
  out.push('');
  out.push(
    textTable(
      ['date', 'offset', 'return', 'expected', 'AR', 't', 'p', 'CAR'],
      s.window.map((d) => [d.date, String(d.offset), pct(d.return), pct(d.expected), pct(d.ar), num(d.t, 2), plainP(d.p), pct(d.car)]),
    ),
  );
  const c = s.car;
  out.push('');
  out.push(`CAR [${c.from}, ${c.to}] = ${pct(c.value)} (t = ${num(c.t, 2)}, p = ${plainP(c.p)}, ${level} CI ${pct(c.lo)} to ${pct(c.hi)})`);
  const b = s.bhar();
  out.push(`BHAR [${b.from}, ${b.to}] = ${pct(b.value)} against the model (${s.firm} ${pct(b.firmReturn)}, expected ${pct(b.expectedReturn)}); ${pct(b.benchmarkAdjusted)} against ${s.market} (${pct(b.marketReturn)}, Barber-Lyon)`);
  const l = s.loss();
  out.push('');
  out.push(`Fall in market value on ${l.toDate} (positive = loss), ${l.shares === null ? 'shares unknown' : `${formatNumber(l.shares, 'en')} shares`}:`);
  out.push(`  observed (raw)  ${billions(l.raw)}   close ${num(l.priceBefore, 2)} -> ${num(l.priceAfter, 2)}`);
  out.push(`  expected        ${billions(l.expected)}`);
  out.push(`  abnormal        ${billions(l.abnormal)}   ${level} CI ${billions(l.abnormalLo)} to ${billions(l.abnormalHi)}`);
  for (const n of s.notes) out.push(`Note: ${n}`);
  return out.join('\n');
}
