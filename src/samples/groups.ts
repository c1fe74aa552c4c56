/**
 * Named samples of firms from the bundled fixtures, and the benchmarks recorded there. The
 * groups follow issue 10's reading of 27 January 2025: the sell-off hit chips, AI
 * infrastructure and power producers, while big tech barely moved.
 *
 * A group is a list of tickers only: which benchmark its firms are measured against is the
 * caller's choice (the command keeps `--market`, default SPY, for every firm; a sector ETF such
 * as SOXX as the benchmark of chip stocks would absorb the very sector-wide move the sample is
 * meant to measure).
 *
 * @module
 */
import { UsageError } from '../errors.js';

/** A named sample of firms. */
export interface SampleGroup {
  /** The name the command and the library accept (`--group semiconductors`). */
  readonly name: string;
  /** A label for tables and charts. */
  readonly label: string;
  /** The label in French. */
  readonly labelFr: string;
  /** Tickers, in the order the fixtures list them. */
  readonly members: readonly string[];
}

/** The groups of firms with recorded prices in `fixtures/prices/`. */
export const GROUPS: readonly SampleGroup[] = Object.freeze([
  Object.freeze({ name: 'semiconductors', label: 'Semiconductors', labelFr: 'Semi-conducteurs', members: Object.freeze(['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'ASML', 'ARM', 'MRVL']) }),
  Object.freeze({ name: 'ai-infrastructure', label: 'AI infrastructure and power', labelFr: 'Infrastructure de l’IA et énergie', members: Object.freeze(['ORCL', 'SMCI', 'VST', 'CEG']) }),
  Object.freeze({ name: 'big-tech', label: 'Big tech', labelFr: 'Géants de la tech', members: Object.freeze(['MSFT', 'GOOGL', 'META', 'AMZN']) }),
]);

/** The benchmarks recorded in the fixtures, by kind. */
export const BENCHMARKS = Object.freeze({
  /** Sector ETFs (semiconductors): iShares Semiconductor (SOXX), VanEck Semiconductor (SMH). */
  sectorEtfs: Object.freeze(['SOXX', 'SMH']),
  /** Indices and index funds: Invesco QQQ (Nasdaq-100 fund), Nasdaq Composite, Nasdaq-100, S&P 500. */
  indices: Object.freeze(['QQQ', 'IXIC', 'NDX', 'GSPC']),
  /** The broad-market fund every study defaults to (SPDR S&P 500 ETF). */
  market: Object.freeze(['SPY']),
} as const);

/** Every benchmark ticker of the fixtures. */
export const BENCHMARK_SYMBOLS: readonly string[] = Object.freeze([...BENCHMARKS.market, ...BENCHMARKS.sectorEtfs, ...BENCHMARKS.indices]);

/** The group names, in order. */
export function groupNames(): string[] {
  return GROUPS.map((g) => g.name);
}

/** `AI infrastructure`, `ai_infrastructure`, `AI-Infrastructure` all name `ai-infrastructure`. */
function canonical(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * A group by name (case, spaces and underscores do not matter); a `UsageError` listing the
 * groups for an unknown name.
 *
 * @example
 * sampleGroup('big-tech').members; // ['MSFT', 'GOOGL', 'META', 'AMZN']
 */
export function sampleGroup(name: string): SampleGroup {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new UsageError(`a group needs a name (the groups are ${groupNames().join(', ')})`, { field: 'group' });
  }
  const key = canonical(name);
  const g = GROUPS.find((x) => x.name === key);
  if (!g) throw new UsageError(`unknown group "${name}" (the groups are ${groupNames().join(', ')})`, { field: 'group' });
  return g;
}

/**
 * The tickers of a named group (a fresh array).
 *
 * @example
 * groupMembers('semiconductors'); // ['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'ASML', 'ARM', 'MRVL']
 */
export function groupMembers(name: string): string[] {
  return [...sampleGroup(name).members];
}
