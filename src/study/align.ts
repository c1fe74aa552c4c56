/**
 * Stage 1 of a study: the firm and its benchmark (and the factors, for ff3) on their common
 * trading days, with their returns. Reads the panel; computed once per panel, pair and return
 * kind, so repeated studies of the same pair skip it.
 *
 * Convention: the trading days of a study are the dates common to the firm and its benchmark
 * (and the factor file for ff3); returns are computed from one common day to the next.
 *
 * @module
 */
import type { Alignment, Panel, PriceBasis } from '../panel/panel.js';
import { priceReturns, type ReturnKind } from '../returns/returns.js';
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
  /** Whether the firm's source recorded any as-traded close (dollar figures need one). */
  readonly hasClose: boolean;
  /** The Fama-French factors on the same days (decimals), for ff3. */
  readonly factors?: { readonly mktRf: Float64Array; readonly smb: Float64Array; readonly hml: Float64Array; readonly rf: Float64Array };
  readonly provenance: StudyProvenance;
}

const cache = new WeakMap<Alignment, Map<ReturnKind, StudySeries>>();

/**
 * The common trading days of `firm` and `market` in the panel (and of the factors when
 * `withFactors`), with returns of `kind`.
 *
 * @example
 * const s = alignStudy(panel, 'NVDA', 'SPY', 'simple');
 * s.firm[s.dates.indexOf('2025-01-27')]; // -0.1696816...
 */
export function alignStudy(panel: Panel, firm: string, market: string, kind: ReturnKind, withFactors = false): StudySeries {
  const a = panel.align([firm, market], withFactors);
  let byKind = cache.get(a);
  if (!byKind) cache.set(a, (byKind = new Map()));
  let s = byKind.get(kind);
  if (s) return s;
  if (a.dates.length < 2) throw new WindowError(`${firm} and ${market} share ${a.dates.length} trading day(s)`, { symbol: firm });
  const f = panel.series(firm);
  const m = panel.series(market);
  const pf = panel.factors;
  const close = panel.gather(f.close, a);
  s = {
    dates: a.dates,
    firm: priceReturns(panel.gather(f.price, a), kind),
    market: priceReturns(panel.gather(m.price, a), kind),
    close,
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
      commonDays: a.dates.length,
      droppedDates: { ...a.dropped },
    },
  };
  byKind.set(kind, s);
  return s;
}
