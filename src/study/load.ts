import { loadPanel, type DataOptions } from '../panel/load.js';
import type { Panel } from '../panel/panel.js';
import { addDays, todayUtc } from '../util/dates.js';
import { FLAGSHIP, type OffsetWindow } from './defaults.js';
import { resolveOptions } from './options.js';
import type { EventStudy } from './result.js';
import { runStudy } from './run.js';
import type { StudyOptions } from './types.js';
import type { WindowSpec } from './windows.js';

export type { DataOptions };

/**
 * The calendar range a live download must cover for the study's windows: trading-day offsets
 * are turned into calendar days generously (7 calendar days per 4 trading days, plus 10).
 */
export function liveRange(options: StudyOptions): { from: string; to: string } {
  const reach = (w: WindowSpec | undefined, fallback: OffsetWindow): [string, string] => {
    if (w && !Array.isArray(w)) {
      const d = w as { from: string; to: string };
      return [d.from, d.to];
    }
    const [a, b] = (w as OffsetWindow | undefined) ?? fallback;
    return [addDays(options.event, Math.floor((a * 7) / 4) - 10), addDays(options.event, Math.ceil((b * 7) / 4) + 10)];
  };
  const [e0, e1] = reach(options.estimation, FLAGSHIP.estimation);
  const [w0, w1] = reach(options.window, FLAGSHIP.window);
  const end = [e1 > w1 ? e1 : w1, todayUtc()].sort()[0]!;
  return { from: addDays(e0 < w0 ? e0 : w0, -1), to: end };
}

/**
 * Load the panel a study needs: the firm and the benchmark, the factors for ff3, the facts file.
 *
 * @example
 * const panel = await loadStudyPanel({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 */
export function loadStudyPanel(options: StudyOptions, data: DataOptions = {}): Promise<Panel> {
  // Only the data options reach the loader (the study's own options are checked by resolveOptions).
  data = { dataDir: data.dataDir, source: data.source, fetch: data.fetch, cache: data.cache };
  const { model, firm, market } = resolveOptions(options);
  return loadPanel({
    ...data,
    symbols: [firm, market],
    factors: model === 'ff3',
    range: data.source === 'yahoo' ? liveRange(options) : undefined,
  });
}

/**
 * Load the data and run the study in one call.
 *
 * @example
 * import { eventStudy } from 'sputnik-study';
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study.loss().raw; // 592657925262.45 (USD, positive = fall)
 */
export async function eventStudy(options: StudyOptions & DataOptions): Promise<EventStudy> {
  return runStudy(await loadStudyPanel(options, options), options);
}
