/**
 * The single-firm study as a pipeline of pure stages on a panel:
 * options -> align -> event and windows -> fit -> abnormal returns -> inference -> dollars.
 *
 * @module
 */
import { ModelError, UsageError, WindowError } from '../errors.js';
import { buildPanel, Panel } from '../panel/panel.js';
import { publishedAfter } from '../data/facts.js';
import type { Facts, FactorSeries, PriceSeries } from '../data/types.js';
import { abnormalReturns } from './abnormal.js';
import { alignStudy } from './align.js';
import { estimate } from './estimate.js';
import type { Shares } from './impact.js';
import { dailyInference } from './inference.js';
import { resolveOptions } from './options.js';
import { EventStudy } from './result.js';
import type { StudyOptions } from './types.js';
import { closedDay, whyNoReturn } from './days.js';
import { locateEvent, resolveWindow } from './windows.js';

/** Plain series for a study without a panel: the firm, its benchmark, the factors (ff3) and the facts (share counts). */
export interface StudyData {
  firm: PriceSeries;
  market: PriceSeries;
  factors?: FactorSeries;
  facts?: Facts;
}

/**
 * The share count of a study: the caller's, else the facts file's (in listed securities: an ADR
 * counts the underlying shares over its ratio), else unknown. A count published after the event
 * is used, and a note says so.
 */
function sharesOf(given: number | undefined, facts: Facts | undefined, firm: string, eventDate: string, notes: string[]): Shares | null {
  if (given !== undefined) return { value: given, source: 'given by the user' };
  const fact = facts?.sharesOutstanding[firm];
  if (!fact) return null;
  const listed = fact.listedShares ?? fact.value;
  let source = fact.source ? `${fact.source}${fact.asOf ? `, as of ${fact.asOf}` : ''}` : 'facts file';
  if (listed !== fact.value) source += `; ${fact.value} shares at ${fact.adrRatio} per listed security = ${listed} listed`;
  if (publishedAfter(fact, eventDate)) {
    notes.push(
      `${firm}'s share count ${fact.asOf ? `(as of ${fact.asOf}${fact.filed ? `, filed ${fact.filed}` : ''}) ` : ''}was published after the event (${eventDate}); it is used as the count of that day.`,
    );
  }
  return { value: listed, source };
}

/**
 * Run a single-firm event study on a loaded panel (or on plain series): align the firm and its
 * benchmark on their common trading days, fit the model on the estimation window, and derive
 * expected and abnormal returns, CARs, their tests and the dollar figures on the event window.
 * Pure: no I/O (see `eventStudy` for the loading version). Studies of the same pair on one
 * panel share the alignment and the returns.
 *
 * @example
 * const panel = await loadPanel({ symbols: ['NVDA', 'SPY'] });
 * const study = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study.day(0)?.ar;      // the abnormal return of 27 January 2025
 * study.loss().raw;      // 592.66e9: the fall in market value, in USD
 */
export function runStudy(data: Panel | StudyData, options: StudyOptions): EventStudy {
  const design = resolveOptions(options);
  const { firm, market, model } = design;
  let panel: Panel;
  if (data instanceof Panel) {
    panel = data;
  } else {
    if (data.firm.symbol.toUpperCase() !== firm) throw new UsageError(`firm data is for ${data.firm.symbol}, not ${firm}`);
    if (data.market.symbol.toUpperCase() !== market) throw new UsageError(`market data is for ${data.market.symbol}, not ${market}`);
    panel = buildPanel({ series: [data.firm, data.market], factors: data.factors, facts: data.facts });
  }
  if (model === 'ff3' && !panel.factors) throw new ModelError('the ff3 model needs the Fama-French factor series');
  const notes: string[] = [];

  // 1. The trading days and their returns.
  const series = alignStudy(panel, firm, market, design.returns, model === 'ff3', design.gaps);
  const { range } = series.provenance;

  // 2. The event and the windows.
  const event = locateEvent(series.dates, design.event, firm, range);
  if (event.shifted) {
    const why = closedDay(design.event) ?? `${design.event}: neither ${firm} nor ${market} has a price that day`;
    notes.push(`${why}; the event moves to the next trading day, ${event.date}.`);
  }
  const est = resolveWindow(design.estimation, series.dates, event, 'estimation window', firm, range);
  const win = resolveWindow(design.window, series.dates, event, 'event window', firm, range);
  if (est[1] >= win[0] && win[1] >= est[0]) {
    throw new WindowError(`estimation window [${est[0]}, ${est[1]}] overlaps the event window [${win[0]}, ${win[1]}]`, { symbol: firm, date: event.date });
  }

  // 3. The model, fitted on the estimation window.
  const estimation = estimate(series, model, event.index, est, design.minEstimationDays, design.confidence, firm, event.date);
  if (estimation.gaps.length > 0) {
    const listed = estimation.gaps.slice(0, 5).map((i) => `${series.dates[i]} (${whyNoReturn(series, i, firm, market)})`);
    const more = estimation.gaps.length > 5 ? `, and ${estimation.gaps.length - 5} more` : '';
    notes.push(`${estimation.gaps.length} estimation day(s) have no return and are left out, never counted as zero: ${listed.join('; ')}${more}.`);
  }

  // 4. Abnormal returns and their tests on the event window.
  const eventWindow = abnormalReturns(series, estimation.fitted, event.index, win, firm, market);
  const window = dailyInference(eventWindow, estimation.fitted, design.confidence);

  // 5. What the dollar figures rest on.
  const shares = sharesOf(design.shares, panel.facts, firm, event.date, notes);
  if (!shares) notes.push(`No share count for ${firm}: dollar figures are unknown (give one with --shares).`);
  if (!series.hasClose) notes.push(`${firm}'s source recorded no as-traded close: dollar figures are unknown.`);
  if (design.returns === 'log') notes.push('Log returns: dollar intervals use the delta method.');

  return new EventStudy({
    firm,
    market,
    model,
    returnKind: design.returns,
    confidence: design.confidence,
    event,
    estimation: estimation.summary,
    estimationDays: estimation.days,
    fitted: estimation.fitted,
    eventWindow,
    window,
    carWindow: design.carWindow ?? win,
    shares,
    provenance: { ...series.provenance, droppedDates: { ...series.provenance.droppedDates } },
    notes,
  });
}
