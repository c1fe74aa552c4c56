import { DataError } from '../errors.js';
import type { Facts, ShareCount } from './types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parse and check `facts.json`. Share counts must be positive whole numbers; a symbol listed as
 * missing must not also have a count.
 *
 * @example
 * const facts = parseFacts(text, 'fixtures/facts.json');
 * facts.sharesOutstanding.NVDA?.value; // 24490000000
 */
export function parseFacts(text: string, file: string): Facts {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DataError(`not valid JSON: ${(err as Error).message}`, { file });
  }
  if (!isRecord(raw)) throw new DataError('expected a JSON object', { file });
  const shares: Record<string, ShareCount> = {};
  const so = raw.shares_outstanding ?? {};
  if (!isRecord(so)) throw new DataError('shares_outstanding must be an object', { file, field: 'shares_outstanding' });
  for (const [symbol, entry] of Object.entries(so)) {
    const value = isRecord(entry) ? entry.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new DataError(`shares_outstanding.${symbol}.value must be a positive whole number`, { file, symbol });
    }
    shares[symbol] = {
      value,
      asOf: isRecord(entry) && typeof entry.as_of === 'string' ? entry.as_of : undefined,
      source: isRecord(entry) && typeof entry.source === 'string' ? entry.source : undefined,
    };
  }
  const missing = Array.isArray(raw.shares_outstanding_missing) ? raw.shares_outstanding_missing.filter((s): s is string => typeof s === 'string') : [];
  for (const s of missing) {
    if (shares[s]) throw new DataError(`${s} is listed both with a share count and as missing`, { file, symbol: s });
  }
  const reported = Array.isArray(raw.reported_loss_figures_usd) ? raw.reported_loss_figures_usd : [];
  const reportedLosses = reported.filter(isRecord).map((r, i) => {
    if (typeof r.value !== 'number' || typeof r.outlet !== 'string') {
      throw new DataError(`reported_loss_figures_usd[${i}] needs a numeric value and an outlet`, { file });
    }
    return { value: r.value, outlet: r.outlet, basis: typeof r.basis === 'string' ? r.basis : undefined };
  });
  const moves = isRecord(raw.index_moves_2025_01_27) ? raw.index_moves_2025_01_27 : {};
  const indexMoves = Object.fromEntries(Object.entries(moves).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return { sharesOutstanding: shares, sharesMissing: missing, reportedLosses, indexMoves, raw };
}
