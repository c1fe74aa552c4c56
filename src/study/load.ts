import { DateTime } from 'luxon';
import { loadFacts, loadFactors, loadPrices } from '../data/load.js';
import type { PriceSeries } from '../data/types.js';
import { loadYahooPrices } from '../data/yahoo.js';
import { modelName } from '../models/fit.js';
import { runStudy, type EventStudy, type StudyData } from './study.js';
import type { StudyOptions } from './types.js';
import type { WindowSpec } from './windows.js';

/** Where a study's data comes from: a folder of `SYMBOL.csv` files, else the bundled fixtures. */
export interface DataOptions {
  /** Folder with `SYMBOL.csv` (and optionally `FF3.csv`, `facts.json`); default the bundled fixtures. */
  dataDir?: string;
  /** `yahoo` downloads the prices live (needs the network); default `fixtures` (offline). */
  source?: 'fixtures' | 'yahoo';
  /** The fetch used for live data (tests inject a recorded one). */
  fetch?: typeof fetch;
}

/**
 * The calendar range a live download must cover for the study's windows: trading-day offsets
 * are turned into calendar days generously (7 calendar days per 4 trading days, plus 10).
 */
export function liveRange(options: StudyOptions): { from: string; to: string } {
  const event = DateTime.fromISO(options.event, { zone: 'utc' });
  const reach = (w: WindowSpec | undefined, fallback: readonly [number, number]): [DateTime, DateTime] => {
    if (w && !Array.isArray(w)) {
      const d = w as { from: string; to: string };
      return [DateTime.fromISO(d.from, { zone: 'utc' }), DateTime.fromISO(d.to, { zone: 'utc' })];
    }
    const [a, b] = (w as readonly [number, number] | undefined) ?? fallback;
    return [event.plus({ days: Math.floor((a * 7) / 4) - 10 }), event.plus({ days: Math.ceil((b * 7) / 4) + 10 })];
  };
  const [e0, e1] = reach(options.estimation, [-260, -11]);
  const [w0, w1] = reach(options.window, [-5, 5]);
  const today = DateTime.utc().startOf('day');
  const end = DateTime.min(DateTime.max(e1, w1), today);
  return { from: DateTime.min(e0, w0).minus({ days: 1 }).toISODate()!, to: end.toISODate()! };
}

/**
 * Load what a study needs (prices of the firm and benchmark, factors for ff3, the facts file).
 *
 * @example
 * const data = await loadStudyData({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 */
export async function loadStudyData(options: StudyOptions, data: DataOptions = {}): Promise<StudyData> {
  const model = modelName(options.model ?? 'market');
  const range = data.source === 'yahoo' ? liveRange(options) : undefined;
  const prices = (symbol: string): Promise<PriceSeries> =>
    range ? loadYahooPrices(symbol, { ...range, fetch: data.fetch }) : loadPrices(symbol, data);
  const [firm, market, factors, facts] = await Promise.all([
    prices(options.firm),
    prices(options.market),
    model === 'ff3' ? loadFactors(data) : Promise.resolve(undefined),
    loadFacts(data),
  ]);
  return { firm, market, factors, facts };
}

/**
 * Load the data and run the study in one call.
 *
 * @example
 * import { eventStudy } from 'sputnik-study';
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * console.log(study.summary());
 * study.loss().raw; // 592657925262.45 (USD, positive = fall)
 */
export async function eventStudy(options: StudyOptions & DataOptions): Promise<EventStudy> {
  return runStudy(await loadStudyData(options, options), options);
}
