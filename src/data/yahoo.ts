/**
 * Optional live data: daily prices from Yahoo Finance through the `yahoo-finance2` package.
 *
 * The study itself never needs the network (the bundled fixtures are enough); this loader is for
 * users who want other symbols or dates. What it returns is validated exactly like a fixture file
 * (it is round-tripped through the fixture CSV format), and `priceSeriesToCsv` writes it in that
 * format so it can be saved and reused offline. `loadLivePrices` (./cache.js) adds the on-disk
 * cache in front of it.
 *
 * Only the package's public entry point is used (`import YahooFinance from 'yahoo-finance2'`, its
 * constructor options and `chart()`); the cookie jar is the package's default one. In
 * yahoo-finance2 3.x `chart()` needs no cookie or crumb: the only request is the chart URL.
 */
import { DataError, NetworkError, SputnikError, UsageError } from '../errors.js';
import { addDays } from '../util/dates.js';
import { plural } from '../util/format.js';
import { describeMissingDay, inCalendar, tradingDays } from './calendar.js';
import { liveNotes } from './check.js';
import { checkYahooRequest } from './symbols.js';
import { parsePriceCsv, PRICE_COLUMNS } from './csv.js';
import type { PriceRow, PriceSeries } from './types.js';

type YahooFinanceClient = InstanceType<typeof import('yahoo-finance2').default>;
type Fetch = typeof fetch;

/** A price series read from Yahoo, with what was left out on the way. */
export interface YahooPriceSeries extends PriceSeries {
  /** Trading days Yahoo listed without any close (neither as-traded nor adjusted): dropped, never filled. */
  dropped: string[];
  /** One-line remarks about the download (dropped days, gaps, a symbol Yahoo renamed...); empty when all is well. */
  notes: string[];
  /** The exchange's time zone as Yahoo gave it (`America/New_York` for US listings), if it did. */
  exchangeTimezone?: string;
}

/** Options of {@link loadYahooPrices}. */
export interface YahooLoadOptions {
  /** First trading date wanted, `YYYY-MM-DD` (inclusive). */
  from: string;
  /** Last trading date wanted, `YYYY-MM-DD` (inclusive). */
  to: string;
  /** The `fetch` to use (default: the global one); tests inject recorded answers here. */
  fetch?: Fetch;
  /** Give up after this many milliseconds for the whole download (default 30 000). */
  timeoutMs?: number;
  /**
   * Yahoo's query host (yahoo-finance2's `YF_QUERY_HOST`): default the environment variable
   * `SPUTNIK_YAHOO_HOST`, else `query2.finance.yahoo.com`. Pointing it at a closed port
   * (`127.0.0.1:9`) is how the tests cut the network off for real.
   */
  host?: string;
}

/** Default time limit of one download. */
export const YAHOO_TIMEOUT_MS = 30_000;

/** Yahoo's query host when neither `host` nor `SPUTNIK_YAHOO_HOST` says otherwise. */
export const YAHOO_DEFAULT_HOST = 'query2.finance.yahoo.com';

/** A host name or address with an optional port. */
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;
const DAY_SECONDS = 86_400;
const NY = 'America/New_York';
const HINT = 'live data needs network access; use the bundled fixtures or --data DIR instead';
const FALLBACK = 'use the bundled fixtures or --data DIR instead';

/** A logger that swallows everything, so yahoo-finance2 never writes to the console by itself. */
const SILENT = { info() {}, warn() {}, error() {}, debug() {}, dir() {} };

/** One client per base fetch function and host: the global fetch shares one, tests get fresh ones. */
const clients = new WeakMap<Fetch, Map<string, Promise<YahooFinanceClient>>>();

function client(base: Fetch, host: string): Promise<YahooFinanceClient> {
  let byHost = clients.get(base);
  if (!byHost) clients.set(base, (byHost = new Map()));
  let c = byHost.get(host);
  if (!c) {
    // Loaded on first use: the CLI and the library never pay for yahoo-finance2 when working offline.
    // Public API only: the default export and its documented constructor options.
    c = import('yahoo-finance2').then(
      ({ default: YahooFinance }) =>
        new YahooFinance({
          YF_QUERY_HOST: host,
          fetch: base,
          logger: SILENT,
          suppressNotices: ['yahooSurvey', 'ripHistorical'],
          versionCheck: false,
          validation: { logErrors: false, logOptionsErrors: false },
        }),
    );
    const map = byHost;
    c.catch(() => map.delete(host));
    byHost.set(host, c);
  }
  return c;
}

/** Seconds since the epoch of `date` 00:00 UTC plus `days`. */
function utcSeconds(date: string, days = 0): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 + days * DAY_SECONDS;
}

/** One line, at most `max` characters. */
function short(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Why a fetch failed, as the operating system said it: `getaddrinfo ENOTFOUND host`, `connect ECONNREFUSED ...`. */
function networkReason(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; cause?: unknown; name?: unknown } | null;
  const cause = e?.cause as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
  if (cause && typeof cause === 'object') {
    if (typeof cause.message === 'string' && cause.message) return short(cause.message, 120);
    if (typeof cause.code === 'string') return cause.code;
  }
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.message === 'string' && e.message) return short(e.message, 120);
  return short(String(err), 120);
}

/** A chart answer whose JSON carries Yahoo's own `{chart: {error: {code, description}}}`. */
function yahooError(text: string): { code: string; description: string } | undefined {
  try {
    const body = JSON.parse(text) as { chart?: { error?: { code?: unknown; description?: unknown } | null } } | null;
    const err = body?.chart?.error;
    if (!err) return undefined;
    return { code: String(err.code ?? 'Error'), description: String(err.description ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * Why a range has no daily prices, in the NYSE calendar's words: no session at all (each day
 * named: a weekend, a holiday, a special closure), or how many sessions there were. Empty when
 * the exchange is not a US one (`zone` other than New York) or the years are outside the calendar.
 *
 * @example
 * rangeOnCalendar('2025-01-18', '2025-01-20');
 * // 'no NYSE session in that range: 2025-01-18 is a Saturday; 2025-01-19 is a Sunday; 2025-01-20 is a holiday (Martin Luther King Jr. Day)'
 */
export function rangeOnCalendar(from: string, to: string, zone?: string): string {
  if (zone !== undefined && zone !== NY) return '';
  if (from > to || !inCalendar(from) || !inCalendar(to)) return '';
  const days = tradingDays(from, to);
  if (days.length > 0) return `the NYSE held ${plural(days.length, 'session')} in that range`;
  const closed: string[] = [];
  for (let d = from; d <= to && closed.length < 10; d = addDays(d, 1)) closed.push(describeMissingDay(d));
  return `no NYSE session in that range: ${closed.join('; ')}`;
}

/**
 * The error for "no daily prices for SYMBOL between from and to", with the calendar's reason.
 * Shared with the cache (a cached range sliced to nothing says the same).
 */
export function noPricesError(symbol: string, from: string, to: string, zone?: string, said?: string): DataError {
  const why = rangeOnCalendar(from, to, zone);
  const hint = why.startsWith('the NYSE held') ? `${why}; the symbol may not have traded then` : why;
  const parts = [said, hint].filter((p): p is string => !!p);
  return new DataError(`Yahoo returned no daily prices for ${symbol} between ${from} and ${to}${parts.length ? ` (${parts.join('; ')})` : ''}`, { symbol });
}

interface Context {
  symbol: string;
  from: string;
  to: string;
  signal: AbortSignal;
  timeoutText: () => string;
}

/**
 * Wrap the caller's fetch: a per-download deadline, and every failure turned into a typed,
 * one-line error naming the symbol *before* yahoo-finance2 sees it (it would otherwise print the
 * URL of a failed request to stderr): no network, rate limiting, an unknown symbol, a range
 * Yahoo has no data for, an HTTP error, a body that is not JSON.
 */
function guardedFetch(base: Fetch, ctx: Context): Fetch {
  const { symbol, signal, timeoutText } = ctx;
  return async (input, init) => {
    let res: Response;
    try {
      res = await base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    } catch (err) {
      if (err instanceof SputnikError) throw err;
      const reason = signal.aborted ? timeoutText() : networkReason(err);
      throw new NetworkError(`cannot reach Yahoo Finance for ${symbol} (${reason}): ${HINT}`, { symbol });
    }
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\/v8\/finance\/chart\//.test(url)) return res; // any other request: let yahoo-finance2 handle it
    const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    if (res.status === 429) {
      throw new NetworkError(
        `Yahoo Finance is rate-limiting requests (${status}) for ${symbol}; wait a few minutes and try again, or ${FALLBACK}`,
        { symbol },
      );
    }
    let text: string;
    try {
      text = await res.clone().text();
    } catch (err) {
      const reason = signal.aborted ? timeoutText() : networkReason(err);
      throw new NetworkError(`lost the connection to Yahoo Finance while reading ${symbol} (${reason}): ${HINT}`, { symbol });
    }
    const yerr = yahooError(text);
    if (yerr) {
      const what = short(`${yerr.code}${yerr.description ? `: ${yerr.description}` : ''}`);
      if (/not ?found/i.test(yerr.code)) {
        throw new DataError(`Yahoo Finance has no daily prices for ${symbol} (${what}); check the ticker symbol`, { symbol });
      }
      if (/data doesn.?t exist/i.test(yerr.description)) throw noPricesError(symbol, ctx.from, ctx.to, undefined, `Yahoo said ${what}`);
      throw new DataError(`Yahoo Finance refused the request for ${symbol} (${what})`, { symbol });
    }
    if (!res.ok) {
      if (res.status === 404) {
        throw new DataError(`Yahoo Finance has no daily prices for ${symbol} (${status}); check the ticker symbol`, { symbol });
      }
      const later = res.status >= 500 ? '; try again later, or ' : '; ';
      throw new NetworkError(`Yahoo Finance answered ${status} for ${symbol}${later}${FALLBACK}`, { symbol });
    }
    try {
      JSON.parse(text);
    } catch {
      throw new DataError(
        `Yahoo Finance sent a malformed answer for ${symbol} (${plural(Buffer.byteLength(text), 'byte')} that are not valid JSON); try again later, or ${FALLBACK}`,
        { symbol },
      );
    }
    return res;
  };
}

type Luxon = typeof import('luxon');

/** The exchange-local calendar date of a bar stamped `seconds` (Yahoo stamps a daily bar at the session's open). */
function localDater({ DateTime }: Luxon, meta: Record<string, unknown> | undefined, symbol: string): (seconds: number) => string | null {
  const zone = meta?.['exchangeTimezoneName'];
  if (typeof zone === 'string' && DateTime.local().setZone(zone).isValid) {
    return (s) => DateTime.fromSeconds(s, { zone }).toISODate();
  }
  const offset = meta?.['gmtoffset'];
  if (typeof offset === 'number' && Number.isFinite(offset)) {
    return (s) => DateTime.fromSeconds(s + offset, { zone: 'utc' }).toISODate();
  }
  throw new DataError('Yahoo Finance sent no exchange time zone (meta.exchangeTimezoneName or gmtoffset), so its bars cannot be dated', { symbol });
}

/** A price cell as Yahoo sent it: a finite number or null (anything else is a format change). */
function cell(values: unknown, i: number, field: string, symbol: string, date: string): number | null {
  if (values === undefined) return null;
  const v: unknown = Array.isArray(values) ? values[i] : undefined;
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new DataError(`Yahoo Finance sent ${field} ${short(JSON.stringify(v), 40)}, not a number`, { symbol, date, field });
  }
  return v;
}

/** Re-raise a validation error of the round trip with the download (not a temporary CSV line) as its place. */
function relocate(err: unknown, source: string, symbol: string): never {
  if (!(err instanceof DataError)) throw err;
  const { file: _file, line: _line, ...where } = err.where;
  const marker = '\u0000';
  const prefix = SputnikError.format(marker, err.where).slice(0, -marker.length);
  const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  throw new DataError(`${message} (in the download from ${source})`, { ...where, symbol });
}

/**
 * Download daily prices from Yahoo Finance, `from` to `to` inclusive, as a validated price series
 * (`source` = `yahoo:SYMBOL`). Each bar is dated by the exchange's own calendar day; `close` is the
 * as-traded close and `adjClose` Yahoo's split- and dividend-adjusted close. A day Yahoo lists
 * without any close is dropped (never filled) and named in `dropped` and `notes`; for a US listing
 * the notes also name trading days without a bar and bars on days the NYSE was closed (see `liveNotes`).
 *
 * Errors are one line and name the symbol: no network, a DNS failure, the time limit, rate
 * limiting (HTTP 429) or a server error → `NetworkError` (the message says what to do); an unknown
 * symbol, a range without prices (explained with the NYSE calendar), a malformed answer →
 * `DataError`; bad arguments → `UsageError`. yahoo-finance2 is silenced: nothing is printed.
 * There is no cache here: see `loadLivePrices` in ./cache.js.
 *
 * @example
 * const nvda = await loadYahooPrices('NVDA', { from: '2025-01-21', to: '2025-01-31' });
 * nvda.source;                                        // 'yahoo:NVDA'
 * nvda.rows.find((r) => r.date === '2025-01-27')?.close; // 118.41999816894531
 * await writeFile('data/NVDA.csv', priceSeriesToCsv(nvda)); // reuse offline with --data data
 */
export async function loadYahooPrices(symbol: string, opts: YahooLoadOptions): Promise<YahooPriceSeries> {
  const { sym, from, to } = checkYahooRequest(symbol, opts);
  const timeoutMs = opts.timeoutMs ?? YAHOO_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new UsageError(`timeoutMs ${timeoutMs} is not a positive number of milliseconds`, { symbol: sym });
  const base: Fetch = opts.fetch ?? globalThis.fetch;
  if (typeof base !== 'function') throw new UsageError('no fetch function: this runtime has no global fetch; pass opts.fetch', { symbol: sym });
  const host = opts.host ?? (process.env['SPUTNIK_YAHOO_HOST'] || YAHOO_DEFAULT_HOST);
  if (!HOST.test(host)) throw new UsageError(`Yahoo host "${host}" is not a host name (with an optional :port)`, { symbol: sym });

  const source = `yahoo:${sym}`;
  const timeoutText = () => `no answer within ${timeoutMs / 1000} s`;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new NetworkError(`cannot reach Yahoo Finance for ${sym} (${timeoutText()}): ${HINT}`, { symbol: sym }));
    }, timeoutMs);
  });
  deadline.catch(() => undefined); // settled by the race below; never an unhandled rejection

  // Ask a day more on each side in UTC (period2 is exclusive at Yahoo) and keep the bars whose
  // exchange-local date is in [from, to]: right for every exchange, whatever its UTC offset.
  const period1 = utcSeconds(from, -1);
  const period2 = utcSeconds(to, 2);

  let raw: unknown;
  try {
    const yf = await client(base, host);
    const request = yf.chart(
      sym,
      { period1, period2, interval: '1d', return: 'object' },
      { fetch: guardedFetch(base, { symbol: sym, from, to, signal: controller.signal, timeoutText }), validateResult: false },
    );
    raw = await Promise.race([request, deadline]);
  } catch (err) {
    if (err instanceof SputnikError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new DataError(`Yahoo Finance sent an answer for ${sym} that is not a price chart (${short(message, 120)})`, { symbol: sym });
  } finally {
    clearTimeout(timer);
  }

  const chart = (raw ?? {}) as {
    meta?: Record<string, unknown>;
    timestamp?: unknown;
    indicators?: { quote?: Record<string, unknown>[]; adjclose?: Record<string, unknown>[] };
  };
  const zoneName = chart.meta?.['exchangeTimezoneName'];
  const zone = typeof zoneName === 'string' ? zoneName : undefined;
  const stamps = chart.timestamp;
  if (stamps === undefined || (Array.isArray(stamps) && stamps.length === 0)) throw noPricesError(sym, from, to, zone);
  if (!Array.isArray(stamps)) throw new DataError(`Yahoo Finance sent a chart for ${sym} without a list of timestamps`, { symbol: sym });
  const quote = chart.indicators?.quote?.[0];
  if (!quote) throw new DataError(`Yahoo Finance sent ${stamps.length} timestamps for ${sym} but no prices`, { symbol: sym });
  const adj = chart.indicators?.adjclose?.[0]?.['adjclose'];
  for (const [field, values] of Object.entries({ ...quote, adjclose: adj })) {
    if (Array.isArray(values) && values.length !== stamps.length) {
      throw new DataError(`Yahoo Finance sent ${values.length} ${field} values for ${stamps.length} days`, { symbol: sym, field });
    }
  }

  // luxon (IANA time zones) is loaded with the live path only: importing the library never pays for it.
  const dateOf = localDater(await import('luxon'), chart.meta, sym);
  const rows: PriceRow[] = [];
  const dropped: string[] = [];
  stamps.forEach((t: unknown, i) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new DataError(`Yahoo Finance sent timestamp ${short(JSON.stringify(t), 40)}, not a number`, { symbol: sym });
    }
    const date = dateOf(t);
    if (!date) throw new DataError(`Yahoo Finance sent timestamp ${t}, which is not a date`, { symbol: sym });
    if (date < from || date > to) return;
    const row: PriceRow = {
      date,
      open: cell(quote['open'], i, 'open', sym, date),
      high: cell(quote['high'], i, 'high', sym, date),
      low: cell(quote['low'], i, 'low', sym, date),
      close: cell(quote['close'], i, 'close', sym, date),
      adjClose: cell(adj, i, 'adjclose', sym, date),
      volume: cell(quote['volume'], i, 'volume', sym, date),
    };
    if (row.close === null && row.adjClose === null) dropped.push(date);
    else rows.push(row);
  });

  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let i = 1; i < rows.length; i++) {
    const date = rows[i]?.date;
    if (date !== undefined && date === rows[i - 1]?.date) {
      throw new DataError(`Yahoo Finance sent two daily bars for ${date}; refusing to pick one`, { symbol: sym, date });
    }
  }

  if (rows.length === 0) {
    throw noPricesError(sym, from, to, zone, dropped.length > 0 ? `${plural(dropped.length, 'day')} listed without a close` : undefined);
  }
  const notes = liveNotes(sym, rows.map((r) => r.date), dropped, zone);
  const metaSymbol = chart.meta?.['symbol'];
  if (typeof metaSymbol === 'string' && metaSymbol.toUpperCase() !== sym) {
    notes.push(`${sym}: Yahoo answered with the series of ${metaSymbol}`);
  }

  // Validate exactly like a fixture file: the same parser, on the same text `sputnik fetch` would save.
  let parsed: PriceSeries;
  try {
    parsed = parsePriceCsv(priceSeriesToCsv({ symbol: sym, source, rows }), { file: source, symbol: sym });
  } catch (err) {
    relocate(err, source, sym);
  }
  return { symbol: sym, source, rows: parsed.rows, dropped, notes, ...(zone ? { exchangeTimezone: zone } : {}) };
}

/** A price as the fixture files print it (Python float style: integral values keep a `.0`). */
function priceText(v: number | null): string {
  if (v === null) return '';
  const s = String(v);
  return Number.isInteger(v) && !/e/i.test(s) ? `${s}.0` : s;
}

/**
 * Write a price series in the fixture format (`date,open,high,low,close,adj_close,volume`, one
 * line per day, `\n` line ends, a final newline; a missing value is an empty cell). Numbers are
 * printed with `String(n)`, the shortest text that reads back to the same number, except that an
 * integral price keeps a trailing `.0` as in the recorded files (`129.0`); so a parsed fixture
 * written back reproduces its lines byte for byte, and reading the text back gives equal numbers.
 *
 * @example
 * const csv = priceSeriesToCsv(await loadYahooPrices('NVDA', { from: '2025-01-27', to: '2025-01-28' }));
 * // date,open,high,low,close,adj_close,volume
 * // 2025-01-27,124.80000305175781,128.39999389648438,116.69999694824219,118.41999816894531,...,818830900
 * // 2025-01-28,121.80999755859375,129.0,116.25,128.99000549316406,...,579666400
 */
export function priceSeriesToCsv(series: PriceSeries): string {
  const lines = [PRICE_COLUMNS.join(',')];
  for (const r of series.rows) {
    lines.push(
      [r.date, priceText(r.open), priceText(r.high), priceText(r.low), priceText(r.close), priceText(r.adjClose), r.volume === null ? '' : String(r.volume)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
