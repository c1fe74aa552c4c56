/**
 * What a ticker and a date range must look like before any file or request is made from them.
 * Shared by the offline loader (`load.ts`), the Yahoo client (`yahoo.ts`) and its cache (`cache.ts`).
 */
import { UsageError } from '../errors.js';
import { isIsoDate } from '../util/dates.js';

/**
 * A ticker as it may appear in a file name or a Yahoo request: letters, digits, `.`, `-`, `^`, `=`
 * (e.g. `NVDA`, `^GSPC`, `BRK-B`, `7203.T`).
 */
export const TICKER = /^[A-Za-z0-9.^=-]{1,20}$/;

/**
 * A Yahoo request's symbol (trimmed, upper-cased) and its `from`..`to` range, checked: a ticker,
 * two valid `YYYY-MM-DD` dates, `from` not after `to`. Throws a {@link UsageError} naming the symbol.
 */
export function checkYahooRequest(symbol: string, range: { from?: unknown; to?: unknown } | undefined): { sym: string; from: string; to: string } {
  const sym = String(symbol ?? '').trim().toUpperCase();
  if (!TICKER.test(sym)) throw new UsageError(`"${symbol}" is not a Yahoo ticker symbol (letters, digits, . - ^ =)`);
  const { from, to } = range ?? {};
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (typeof value !== 'string' || !isIsoDate(value)) {
      throw new UsageError(`${name} date "${String(value)}" is not a valid YYYY-MM-DD date`, { symbol: sym });
    }
  }
  if ((from as string) > (to as string)) throw new UsageError(`from date ${from} is after to date ${to}`, { symbol: sym });
  return { sym, from: from as string, to: to as string };
}
