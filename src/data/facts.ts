import { DataError } from '../errors.js';
import { isIsoDate } from '../util/dates.js';
import type { Facts, ShareCount } from './types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "filed 2025-01-30" in a count's source: the date the filing was published. */
const FILED = /\bfiled (\d{4}-\d{2}-\d{2})\b/;

/** One `shares_outstanding` entry, checked. */
function shareCount(symbol: string, entry: unknown, file: string): ShareCount {
  const e = isRecord(entry) ? entry : {};
  const value = e.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new DataError(`shares_outstanding.${symbol}.value must be a positive whole number`, { file, symbol });
  }
  const text = (key: string): string | undefined => {
    const v = e[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new DataError(`shares_outstanding.${symbol}.${key} must be a string`, { file, symbol, field: key });
    return v;
  };
  const asOf = text('as_of');
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw new DataError(`shares_outstanding.${symbol}.as_of "${asOf}" must be an ISO date YYYY-MM-DD`, { file, symbol, field: 'as_of' });
  }
  const ratio = e.adr_ratio ?? 1;
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio <= 0) {
    throw new DataError(`shares_outstanding.${symbol}.adr_ratio must be a positive number (shares per listed security)`, { file, symbol, field: 'adr_ratio' });
  }
  let classes: Record<string, number> | undefined;
  if (e.classes !== undefined) {
    if (!isRecord(e.classes) || Object.values(e.classes).some((n) => typeof n !== 'number' || !Number.isInteger(n) || n < 0)) {
      throw new DataError(`shares_outstanding.${symbol}.classes must map each class to a whole number of shares`, { file, symbol, field: 'classes' });
    }
    classes = { ...(e.classes as Record<string, number>) };
  }
  const source = text('source');
  const count: { -readonly [K in keyof ShareCount]: ShareCount[K] } = { value, asOf, source, adrRatio: ratio, listedShares: value / ratio };
  const filed = source !== undefined ? FILED.exec(source)?.[1] : undefined;
  if (filed !== undefined) count.filed = filed;
  const note = text('note');
  const unit = text('unit');
  if (note !== undefined) count.note = note;
  if (unit !== undefined) count.unit = unit;
  if (classes !== undefined) count.classes = classes;
  return count;
}

/**
 * Parse and check `facts.json`. Share counts must be positive whole numbers, `as_of` an ISO
 * date, `adr_ratio` (shares per listed depositary receipt) a positive number; a symbol listed as
 * missing must not also have a count. Each count gets `listedShares = value / adrRatio`, the
 * number a listed price multiplies (TSM: 25,932,733,242 common shares / 5 per ADS).
 *
 * @example
 * const facts = parseFacts(text, 'fixtures/facts.json');
 * facts.sharesOutstanding.NVDA?.value;        // 24490000000
 * facts.sharesOutstanding.TSM?.listedShares;  // 5186546648.4 (ADS)
 * facts.sharesMissing;                        // ['MU', 'ARM', 'SMCI', 'VST', 'CEG']
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
  for (const [symbol, entry] of Object.entries(so)) shares[symbol] = shareCount(symbol, entry, file);
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

/**
 * Whether a share count was published after `date` (an event date): its filing date when the
 * source gives one (`filed`), else its `as_of` date (a count as of a later date cannot have been
 * published before it). `false` when neither is known. META's 10-K count is as of 2025-01-24 but
 * was filed 2025-01-30, so it is published after the event of 2025-01-27.
 *
 * @example
 * publishedAfter(facts.sharesOutstanding.META!, '2025-01-27'); // true (filed 2025-01-30)
 * publishedAfter(facts.sharesOutstanding.NVDA!, '2025-01-27'); // false (filed 2024-11-20)
 */
export function publishedAfter(count: ShareCount, date: string): boolean {
  const when = count.filed ?? count.asOf;
  return when !== undefined && when > date;
}

/**
 * The symbols of `symbols` that have no share count in `facts`, in the order given (whether or
 * not the file lists them in `shares_outstanding_missing`).
 *
 * @example
 * sharesMissingFor(facts, ['NVDA', 'MU', 'ARM']); // ['MU', 'ARM']
 */
export function sharesMissingFor(facts: Facts | undefined, symbols: readonly string[]): string[] {
  return symbols.filter((s) => !facts?.sharesOutstanding[s]);
}
