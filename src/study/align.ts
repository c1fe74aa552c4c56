/**
 * Stage 1 of a study: the firm and its benchmark (and the factors, for ff3) on their trading
 * days, with their returns. Reads the panel; computed once per panel, pair, return kind and gap
 * policy, so repeated studies of the same pair skip it.
 *
 * Convention: the trading days of a study are the days, from the later of the two first dates to
 * the earlier of the two last dates (and within the factor file for ff3), on which the firm or
 * its benchmark has a price. A day one of them lacks stays a day with a missing return (a gap,
 * never a zero); the return after it is left out, or spans the gap and counts on the later day
 * with the `multi-day` policy. The event never moves because one file lacks a date.
 *
 * @module
 */
import type { Alignment, Panel, PriceBasis } from '../panel/panel.js';
import { priceReturns, type GapPolicy, type ReturnKind } from '../returns/returns.js';
import { WindowError } from '../errors.js';
import type { StudyProvenance } from './types.js';

/** The aligned series a study works on: one entry per common trading day. */
export interface StudySeries {
  /** The common trading days. */
  readonly dates: readonly string[];
  /** The firm's and the benchmark's returns (NaN on the first day and next to a missing price). */
  readonly firm: Float64Array;
  readonly market: Float64Array;
  /** The firm's as-traded close (NaN where not recorded). */
  readonly close: Float64Array;
  /**
   * The as-traded close each day's return starts from: the previous day's, or with the
   * `multi-day` policy the last one recorded before the day (NaN where there is none).
   */
  readonly prevClose: Float64Array;
  /** Whether the firm's source recorded any as-traded close (dollar figures need one). */
  readonly hasClose: boolean;
  /** The Fama-French factors on the same days (decimals), for ff3. */
  readonly factors?: { readonly mktRf: Float64Array; readonly smb: Float64Array; readonly hml: Float64Array; readonly rf: Float64Array };
  readonly provenance: StudyProvenance;
}

const cache = new WeakMap<Alignment, Map<string, StudySeries>>();

/** The close each day's return starts from (see {@link StudySeries.prevClose}). */
function startingCloses(close: Float64Array, gaps: GapPolicy): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let last = NaN;
  for (let i = 1; i < close.length; i++) {
    const prev = close[i - 1]!;
    if (!Number.isNaN(prev)) last = prev;
    out[i] = gaps === 'multi-day' ? last : prev;
  }
  return out;
}

/**
 * The trading days of `firm` and `market` in the panel (and of the factors when `withFactors`),
 * with returns of `kind`.
 *
 * @example
 * const s = alignStudy(panel, 'NVDA', 'SPY', 'simple');
 * s.firm[s.dates.indexOf('2025-01-27')]; // -0.1696816...
 */
export function alignStudy(panel: Panel, firm: string, market: string, kind: ReturnKind, withFactors = false, gaps: GapPolicy = 'drop'): StudySeries {
  const a = panel.align([firm, market], withFactors);
  let byKind = cache.get(a);
  if (!byKind) cache.set(a, (byKind = new Map()));
  const key = `${kind}|${gaps}`;
  const hit = byKind.get(key);
  if (hit) return hit;
  if (a.dates.length < 2) {
    throw new WindowError(`${firm} and ${market} have ${a.dates.length} trading day(s) in common (${a.range.fromSymbol} starts ${a.range.from}, ${a.range.toSymbol} ends ${a.range.to})`, { symbol: firm });
  }
  const f = panel.series(firm);
  const m = panel.series(market);
  const pf = panel.factors;
  const close = panel.gather(f.close, a);
  const s: StudySeries = {
    dates: a.dates,
    firm: priceReturns(panel.gather(f.price, a), kind, gaps),
    market: priceReturns(panel.gather(m.price, a), kind, gaps),
    close,
    prevClose: startingCloses(close, gaps),
    hasClose: close.some((c) => !Number.isNaN(c)),
    factors: withFactors && pf
      ? { mktRf: panel.gather(pf.mktRf, a), smb: panel.gather(pf.smb, a), hml: panel.gather(pf.hml, a), rf: panel.gather(pf.rf, a) }
      : undefined,
    provenance: {
      firmSource: f.source,
      marketSource: m.source,
      factorSource: withFactors && pf ? pf.source : null,
      firmBasis: f.basis as PriceBasis,
      marketBasis: m.basis as PriceBasis,
      gaps,
      range: { ...a.range },
      tradingDays: a.dates.length,
      commonDays: a.commonDays,
      missingDates: { ...a.missing },
      droppedDates: { ...a.dropped },
    },
  };
  byKind.set(key, s);
  return s;
}
