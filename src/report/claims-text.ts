/**
 * The claims report as plain text for the terminal (what `sputnik claims` and `npm start` print).
 *
 * @module
 */
import type { ClaimsReport } from '../claims/report.js';
import type { Reconciliation } from '../claims/reconcile.js';
import { plain } from '../util/format.js';
import { textTable } from '../util/text-table.js';

const money = (v: number | null, plus = false) => plain(v, { per: 1e9, digits: 1, suffix: ' bn', plus, missing: 'unknown' });

function cell(r: Reconciliation, v: number | null): string {
  return r.claim.unit === 'percent' ? plain(v, { digits: 2, suffix: ' %', missing: 'unknown' }) : money(v);
}

/** "close-to-close (basket, lower bound)": what the observed figure is. */
function basisText(r: Reconciliation): string {
  const tags = [r.firms.length > 1 || r.claim.firms.includes('*') ? 'basket' : '', r.bound ? `${r.bound} bound` : ''].filter(Boolean);
  return r.basis + (tags.length ? ` (${tags.join(', ')})` : '');
}

/** The observed figure, with >= or <= when it is a bound. */
function observedText(r: Reconciliation): string {
  return (r.bound === 'lower' ? '>= ' : r.bound === 'upper' ? '<= ' : '') + cell(r, r.observed);
}

/** The claims report as text: the market-move table, the reasons, the wire-service check. */
export function formatClaims(report: ClaimsReport): string {
  const rs = report.reconciliations;
  const out: string[] = [];
  out.push(`Quoted vs observed, event day ${report.eventDate} (losses positive; market model vs ${report.design.market} for each firm)`);
  out.push(
    textTable(
      ['claim', 'quoted', 'compared with', 'observed', 'expected', 'abnormal', 'gap', 'gap %', 'verdict'],
      rs.map((r) => [
        r.claim.id,
        r.claim.text,
        basisText(r),
        observedText(r),
        cell(r, r.expected),
        cell(r, r.abnormal),
        r.gap === null ? 'n/a' : r.claim.unit === 'percent' ? plain(r.gap, { digits: 2, suffix: ' pts', plus: true }) : money(r.gap, true),
        plain(r.gapPct, { digits: 1, suffix: ' %', plus: true }),
        r.verdict,
      ]),
      2,
    ),
  );
  for (const r of rs) out.push(`  ${r.claim.id} (${r.claim.subject}${r.claim.horizon ? `, "${r.claim.horizon}"` : ''}): ${r.reason}.`);
  out.push(`  Rule: ${rs[0]?.rule ?? ''}`);
  out.push(`  Basket for "and other tech giants": ${report.basket.join(', ')}.`);
  out.push('');
  out.push('Wire services:');
  for (const c of report.wire.checks) {
    out.push(`  ${money(c.value)} (${c.outlet}): implies ${plain(c.impliedShares, { per: 1e9, digits: 3 })} bn shares at ${plain(c.priceChange, { digits: 2 })} USD a share${c.impliedPriceChange !== null ? `; with the 10-Q count it would need a fall of ${plain(c.impliedPriceChange, { digits: 2 })} USD` : ''}`);
  }
  out.push(`  ${report.wire.conclusion}`);
  const other = report.claims.length - rs.length;
  out.push('');
  out.push(`${report.claims.length} figures quoted in ${new Set(report.claims.map((c) => c.seed)).size} articles; ${rs.length} are market moves, ${other} are other figures (costs, funding, plans).`);
  return out.join('\n');
}
