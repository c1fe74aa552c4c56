import { loadFacts, loadFactors, loadPrices } from '../data/load.js';
import type { CacheOptions } from '../data/cache.js';
import type { Facts, FactorSeries, PriceSeries } from '../data/types.js';
import { UsageError } from '../errors.js';
import { buildPanel, type Panel } from './panel.js';

/** Where a panel's prices come from: a folder of `SYMBOL.csv` files, the bundled fixtures, or Yahoo. */
export interface DataOptions {
  /** Folder with `SYMBOL.csv` (and optionally `FF3.csv`, `facts.json`); default the bundled fixtures. */
  dataDir?: string;
  /** `yahoo` downloads the prices live (needs the network); default `fixtures` (offline). */
  source?: 'fixtures' | 'yahoo';
  /** The fetch used for live data (tests inject a recorded one). */
  fetch?: typeof fetch;
  /** The on-disk cache of live data (default: on, in the user's cache directory); `false` turns it off. */
  cache?: CacheOptions | false;
}

/** What to load into a panel. */
export interface PanelRequest extends DataOptions {
  /** The price series, by ticker. */
  symbols: readonly string[];
  /** Load the Fama-French daily factors too (needed by the ff3 model). */
  factors?: boolean;
  /** Load the facts file (share counts). Default true. */
  facts?: boolean;
  /** Calendar range to download when `source` is `yahoo`. */
  range?: { from: string; to: string };
}

/** The last few panels built, keyed by what they hold; reused while their parsed files are unchanged. */
const recent = new Map<string, { parts: readonly unknown[]; panel: Panel }>();
const RECENT_MAX = 8;

const sameParts = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Load the series a run needs and lay them on one calendar. Files are parsed once per process
 * (re-read when they change on disk), and a panel of the same files is built once: calling
 * `loadPanel` again with the same request returns the same panel while the files are unchanged.
 *
 * @example
 * const panel = await loadPanel({ symbols: ['NVDA', 'SPY'] });          // bundled fixtures
 * const ff = await loadPanel({ symbols: ['AMD', 'QQQ'], factors: true, dataDir: './data' });
 */
export async function loadPanel(request: PanelRequest): Promise<Panel> {
  const symbols = [...new Set(request.symbols)];
  if (symbols.length === 0) throw new UsageError('a panel needs at least one symbol');
  const live = request.source === 'yahoo';
  if (live && !request.range) throw new UsageError('live data needs a date range');
  let prices: (symbol: string) => Promise<PriceSeries>;
  if (live) {
    // Loaded only when asked: working offline never pays for yahoo-finance2.
    const { loadLivePrices } = await import('../data/cache.js');
    prices = (symbol) => loadLivePrices(symbol, { ...request.range!, fetch: request.fetch, cache: request.cache });
  } else {
    prices = (symbol) => loadPrices(symbol, request);
  }
  const [factors, facts, ...series] = await Promise.all([
    request.factors ? loadFactors(request) : Promise.resolve(undefined),
    request.facts === false ? Promise.resolve(undefined) : loadFacts(request),
    ...symbols.map(prices),
  ]);
  const parts = [factors, facts, ...series];
  const key = JSON.stringify([live ? 'yahoo' : request.dataDir ?? '', request.range ?? null, symbols, !!request.factors, request.facts !== false]);
  const hit = live ? undefined : recent.get(key);
  if (hit && sameParts(hit.parts, parts)) return hit.panel;
  const panel = buildPanel({ series, factors: factors as FactorSeries | undefined, facts: facts as Facts | undefined });
  if (!live) {
    recent.delete(key);
    recent.set(key, { parts, panel });
    if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  }
  return panel;
}
