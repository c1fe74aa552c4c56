/**
 * The claims side end to end: read the registry, run the flagship design for every firm a claim
 * needs, and reconcile. The only module of src/claims that reads files.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePriceCsv } from '../data/csv.js';
import { displayPath, FIXTURES_DIR, sourceName } from '../data/load.js';
import type { Facts } from '../data/types.js';
import { DataError } from '../errors.js';
import { loadPanel } from '../panel/load.js';
import { FLAGSHIP } from '../study/defaults.js';
import type { EventStudy } from '../study/result.js';
import { runStudy } from '../study/run.js';
import type { StudyOptions } from '../study/types.js';
import type { QuotedClaim } from './extract.js';
import { firmDay, reconcileClaim, reconcileWire, type FirmDay, type Reconciliation, type WireReconciliation } from './reconcile.js';
import type { ClaimRegistry } from './registry.js';

/**
 * "NVIDIA et d’autres géants tech": the firms this library takes as the basket, NVIDIA plus the
 * tech giants and AI-chip firms with recorded prices in the fixtures. Change it with `basket`.
 */
export const DEFAULT_BASKET = ['NVDA', 'AVGO', 'TSM', 'ASML', 'MSFT', 'GOOGL', 'META', 'AMZN', 'ORCL', 'AMD', 'MU', 'ARM', 'MRVL', 'SMCI'] as const;

/** Everything the claims report holds. */
export interface ClaimsReport {
  /** The design every firm's study used (the flagship's, with each firm in turn). */
  design: Omit<StudyOptions, 'firm'>;
  eventDate: string;
  basket: string[];
  /** Every quoted figure of the registry. */
  claims: QuotedClaim[];
  /** The market-move claims beside the prices. */
  reconciliations: Reconciliation[];
  /** Event-day figures by firm. */
  days: Record<string, FirmDay>;
  wire: WireReconciliation;
}

/** Read and check `fixtures/claims.json` (or another registry file). */
export async function loadRegistry(file = join(FIXTURES_DIR, 'claims.json')): Promise<ClaimRegistry> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new DataError(`cannot read the claims registry (${(err as Error).message.split('\n')[0]})`, { file });
  }
  const reg = raw as ClaimRegistry;
  if (!reg || !Array.isArray(reg.claims) || !Array.isArray(reg.generatedFrom)) throw new DataError('not a claims registry (needs generatedFrom and claims)', { file });
  return reg;
}

/**
 * The market-value losses in USD the registry quotes for `firm` (what a simulation prices as "a
 * fall at least this large"), with their ids, texts and horizons.
 *
 * @example
 * quotedLosses(await loadRegistry(), 'NVDA'); // [{ id: '000-07', usd: 600e9, text: '600 milliards de dollars' }, ...]
 */
export function quotedLosses(registry: ClaimRegistry, firm: string): { id: string; usd: number; text: string; horizon?: string | null }[] {
  return registry.claims
    .filter((c) => c.kind === 'market-value-loss' && c.unit === 'USD' && c.firms.includes(firm))
    .map((c) => ({ id: c.id, usd: c.value, text: c.text, horizon: c.horizon }));
}

/**
 * Build the claims report on the bundled fixtures (or `dataDir`).
 *
 * @example
 * const report = await claimsReport();
 * report.reconciliations.map((r) => [r.claim.text, r.verdict]);
 * // [['600 milliards de dollars', 'within rounding'], ['800 milliards de dollars', 'not comparable'], ...]
 */
export async function claimsReport(opts: { dataDir?: string; basket?: readonly string[]; registry?: ClaimRegistry; design?: Partial<StudyOptions> } = {}): Promise<ClaimsReport> {
  const registry = opts.registry ?? (await loadRegistry());
  const basket = [...(opts.basket ?? DEFAULT_BASKET)];
  const design = { ...FLAGSHIP, ...opts.design };
  const needed = new Set<string>(['NVDA', ...basket]);
  for (const c of registry.claims) for (const f of c.firms) if (f !== '*') needed.add(f);
  const panel = await loadPanel({ symbols: [design.market, ...needed], dataDir: opts.dataDir });
  const facts = panel.facts as Facts;
  const days: Record<string, FirmDay> = {};
  let eventDate = design.event;
  for (const symbol of needed) {
    // A listed price multiplies the count in listed securities: TSM's ADS is 5 common shares,
    // so its count is given here as value / adr_ratio (the study takes a given count as is).
    const count = facts?.sharesOutstanding[symbol];
    const adr = count && count.adrRatio !== 1 && design.shares === undefined ? { shares: count.listedShares } : {};
    const study: EventStudy = runStudy(panel, { ...design, ...adr, firm: symbol });
    // The session's low is on the as-traded basis only when the source recorded an as-traded close.
    const series = panel.series(symbol);
    const i = panel.indexOf(study.event.date);
    const low = Number.isNaN(series.close[i]!) || Number.isNaN(series.low[i]!) ? null : series.low[i]!;
    days[symbol] = firmDay(study, low, count);
    eventDate = study.event.date;
  }
  const reconciliations = registry.claims
    .map((c) => reconcileClaim(c, { days, basket, facts }))
    .filter((r): r is Reconciliation => r !== null);
  const vendorFile = join(opts.dataDir ?? FIXTURES_DIR, 'NVDA.alphavantage.csv');
  const vendors = [];
  try {
    const av = parsePriceCsv(await readFile(vendorFile, 'utf8'), { file: displayPath(vendorFile), symbol: 'NVDA' });
    const i = av.rows.findIndex((r) => r.date === eventDate);
    // Named relative to its data folder, like every source: no machine path in the output.
    if (i > 0) vendors.push({ source: sourceName(vendorFile, opts.dataDir), priceBefore: av.rows[i - 1]!.close, close: av.rows[i]!.close });
  } catch (err) {
    // The second vendor's file is optional (a --data folder may not have it); a bad one is an error.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const nvda = days.NVDA!;
  vendors.unshift({ source: panel.series('NVDA').source, priceBefore: nvda.priceBefore, close: nvda.close });
  const { firm: _firm, ...rest } = design;
  return { design: rest, eventDate, basket, claims: registry.claims, reconciliations, days, wire: reconcileWire(facts, nvda, vendors) };
}
