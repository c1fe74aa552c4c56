/**
 * Reconciliation: each quoted market move beside what the recorded prices show.
 *
 * Verdict rule (stated in every result's `rule`):
 * - A quoted figure is read as rounded to its last significant digit as written ("600 milliards"
 *   → to the nearest 100 bn, "590 milliards" → 10 bn, "17 %" → 1 point); the tolerance is half
 *   that unit. "près de" (close to) and "environ" (about) are read the same way.
 * - `within rounding`: |quoted − observed| ≤ tolerance.
 * - `overstated` / `understated`: the quote is above / below the observed figure by more than the
 *   tolerance. "plus de" / "au moins" (more than / at least) are `consistent` when the observed
 *   figure is at or above the quote, else `overstated`.
 * - `not comparable`: the prices cannot give the quoted quantity (a firm without a share count
 *   or without as-traded prices, a basket whose missing firms moved both ways), or no event-day
 *   figure exists.
 * The observed figure a quote is judged against is the close-to-close move of the event day
 * (the horizon "en une journée" / "en une seule séance" / none), or, for one firm, the intraday
 * extreme (previous close to the session's low) for "en quelques heures".
 *
 * Baskets ("NVIDIA et d’autres géants tech"): always judged against the basket's close-to-close
 * fall, the sum over its firms of shares × (previous close − close). The sum of each firm's
 * intraday low is no observed figure: the lows were not simultaneous, so it is only an upper
 * bound of the basket's deepest intraday fall (the close-to-close fall is a lower bound of it),
 * and it is reported, never judged against. When some firms have no dollar figure (no share
 * count, no as-traded close; never estimated), the firms that have one give a bound:
 * - every firm without a figure fell that day (its return is known): the basket lost at least
 *   the sum `S` of the others. The quote is `understated` when it is below `S` by more than the
 *   tolerance, else `consistent` (with "at least S");
 * - every firm without a figure rose: the basket lost at most `S`; `overstated` when the quote
 *   is above `S` by more than the tolerance, else `consistent`;
 * - mixed or unknown moves: `not comparable`.
 * `bound` says which (`lower`, `upper`, or null for an exact figure), and `observed` is `S`.
 *
 * @module
 */

import { publishedAfter } from '../data/facts.js';
import type { Facts, ShareCount } from '../data/types.js';
import type { EventStudy } from '../study/result.js';
import { plain, plural } from '../util/format.js';
import type { QuotedClaim } from './extract.js';

/** How a quote compares with the prices. */
export type Verdict = 'within rounding' | 'overstated' | 'understated' | 'consistent' | 'not comparable';

/** What the prices show for one firm on the event day. */
export interface FirmDay {
  symbol: string;
  shares: number | null;
  /** As-traded closes of the day before and of the event day, and the event day's low. */
  priceBefore: number | null;
  close: number | null;
  low: number | null;
  /** The close-to-close return, and the abnormal return of the firm's own market-model study. */
  return: number | null;
  ar: number | null;
  /** Falls in market value (positive = loss), null when unknown. */
  raw: number | null;
  expected: number | null;
  abnormal: number | null;
  abnormalLo: number | null;
  abnormalHi: number | null;
  /** Previous close to the session's low, times shares: the deepest intraday fall. */
  intradayLow: number | null;
  /** Date the share count is as of; when it was published ("filed 2025-01-30", else "as of …"); whether that was after the event (see `publishedAfter`). */
  sharesAsOf?: string | null;
  sharesPublished?: string | null;
  sharesPublishedAfter?: boolean;
  /** Share classes the count adds up (GOOGL: 3, all valued at the GOOGL close), when the facts give them. */
  sharesClasses?: number;
  /** The facts file's caveat about the count. */
  sharesNote?: string | null;
}

/** One market-move claim beside the observed figures. */
export interface Reconciliation {
  claim: Pick<QuotedClaim, 'id' | 'seed' | 'text' | 'sentence' | 'value' | 'unit' | 'qualifier' | 'subject' | 'subjectFr' | 'firms' | 'horizon' | 'horizonKind' | 'kind'>;
  /** The firms the claim is about and what each shows. */
  firms: FirmDay[];
  /** Share counts the claim would need but the facts lack (never estimated). */
  missingShares: string[];
  /** Firms with a share count whose source recorded no as-traded close (no dollar figure either). */
  missingCloses: string[];
  /** The firms whose figures make up `observed` (all of `firms` unless `bound` is set). */
  counted: string[];
  /** Which observed figure the verdict compares with, and its value (same unit as the claim). */
  basis: 'close-to-close' | 'intraday low' | 'return';
  /**
   * `null`: `observed` is the quoted quantity itself. `'lower'` / `'upper'`: a basket with firms
   * lacking a dollar figure, all of which fell / rose that day, so the firms in `counted` give a
   * lower / upper bound of the basket's fall.
   */
  bound: 'lower' | 'upper' | null;
  observed: number | null;
  /** The observed figures, summed over `counted` (unit of the claim; percent claims use percent); expected and abnormal only when every firm counts. */
  raw: number | null;
  expected: number | null;
  abnormal: number | null;
  abnormalLo: number | null;
  abnormalHi: number | null;
  /** The sum of each counted firm's intraday fall (previous close to low): for a basket only an upper bound of its deepest fall. */
  intradayLow: number | null;
  /** quoted − observed, in the claim's unit and as a percent of the observed figure. */
  gap: number | null;
  gapPct: number | null;
  /** Half the rounding unit of the quoted figure. */
  tolerance: number;
  verdict: Verdict;
  /** Why, in one sentence that cites the numbers. */
  reason: string;
  rule: string;
}

/** The rule, as printed beside every verdict. */
export const VERDICT_RULE =
  'A quote is read as rounded to its last significant digit (tolerance: half that unit; "près de"/"environ" alike); ' +
  'within rounding if |quoted - observed| <= tolerance, else overstated/understated; "plus de"/"au moins" are consistent when observed >= quoted; ' +
  'a basket is judged against its close-to-close fall (the sum of intraday lows is only an upper bound: the lows were not simultaneous); ' +
  'when some firms of a basket have no share count or as-traded close and all of them fell (rose), the others give a lower (upper) bound: ' +
  'understated (overstated) if the quote is beyond that bound by more than the tolerance, else consistent; ' +
  'not comparable when the prices cannot give the quoted quantity.';

/**
 * Half the unit of the last significant digit of a figure as written: 590e9 → 5e9, 600e9 → 50e9,
 * 17 → 0.5, 5.6e6 → 0.05e6.
 *
 * @example
 * roundingTolerance(590e9); // 5e9
 */
export function roundingTolerance(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  // Find the largest power of ten that divides the figure (up to float noise).
  let unit = 10 ** Math.floor(Math.log10(Math.abs(value)));
  while (unit > 1e-12) {
    const q = value / unit;
    if (Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, Math.abs(q))) return unit / 2;
    unit /= 10;
  }
  return unit / 2;
}

/** The verdict of a quote against an observed figure. */
export function verdict(quoted: number, observed: number | null, qualifier: QuotedClaim['qualifier']): { verdict: Verdict; tolerance: number } {
  const tolerance = roundingTolerance(quoted);
  if (observed === null) return { verdict: 'not comparable', tolerance };
  if (qualifier === 'plus de' || qualifier === 'au moins') {
    return { verdict: observed >= quoted - 1e-9 * Math.abs(quoted) ? 'consistent' : 'overstated', tolerance };
  }
  const gap = quoted - observed;
  if (Math.abs(gap) <= tolerance) return { verdict: 'within rounding', tolerance };
  return { verdict: gap > 0 ? 'overstated' : 'understated', tolerance };
}

/**
 * The event-day figures of one firm from its study and the session's low of the event day
 * (on the as-traded basis; null when the source recorded no as-traded prices).
 *
 * @example
 * firmDay(nvdaStudy, 116.25); // { raw: 592.66e9, abnormal: 467.1e9, intradayLow: 633.3e9, ... }
 */
export function firmDay(study: EventStudy, low: number | null, count?: ShareCount): FirmDay {
  const loss = study.loss(0, 0);
  const d0 = study.day(0);
  const shares = loss.shares;
  const about = count && shares !== null
    ? {
        sharesAsOf: count.asOf ?? null,
        sharesPublished: count.filed ? `filed ${count.filed}` : count.asOf ? `as of ${count.asOf}` : null,
        sharesPublishedAfter: publishedAfter(count, study.event.date),
        ...(count.classes ? { sharesClasses: Object.keys(count.classes).length } : {}),
        sharesNote: count.note ?? null,
      }
    : {};
  return {
    ...about,
    symbol: study.firm,
    shares,
    priceBefore: loss.priceBefore,
    close: loss.priceAfter,
    low,
    return: d0?.return ?? null,
    ar: d0?.ar ?? null,
    raw: loss.raw,
    expected: loss.expected,
    abnormal: loss.abnormal,
    abnormalLo: loss.abnormalLo,
    abnormalHi: loss.abnormalHi,
    intradayLow: shares !== null && loss.priceBefore !== null && low !== null ? shares * (loss.priceBefore - low) : null,
  };
}

const sum = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0));
const bn = (v: number | null) => plain(v, { per: 1e9, digits: 1, suffix: ' bn', missing: 'unknown' });
const pc = (v: number | null) => plain(v, { digits: 2, suffix: ' %', missing: 'unknown' });

/** What `reconcileClaim` needs besides the claim: each firm's event-day figures, and the basket. */
export interface ReconcileContext {
  /** Event-day figures by ticker. */
  days: Record<string, FirmDay>;
  /** The firms that stand for "and other tech giants" ('*' in a claim's firms). */
  basket: readonly string[];
  facts?: Facts;
}

/**
 * Reconcile one market-move claim (kind `market-value-loss` or `price-move`) with the prices.
 * Returns `null` for other kinds of claim.
 */
export function reconcileClaim(claim: QuotedClaim, ctx: ReconcileContext): Reconciliation | null {
  if (claim.kind !== 'market-value-loss' && claim.kind !== 'price-move') return null;
  const symbols = claim.firms.flatMap((f) => (f === '*' ? ctx.basket.filter((b) => !claim.firms.includes(b)) : [f]));
  const firms = symbols.map((s) => ctx.days[s]).filter((d): d is FirmDay => d !== undefined);
  const unknownFirms = symbols.filter((s) => !ctx.days[s]);
  const missingShares = [...unknownFirms, ...firms.filter((f) => f.shares === null).map((f) => f.symbol)];
  const missingCloses = firms.filter((f) => f.shares !== null && f.raw === null).map((f) => f.symbol);
  const base = {
    claim: {
      id: claim.id, seed: claim.seed, text: claim.text, sentence: claim.sentence, value: claim.value, unit: claim.unit,
      qualifier: claim.qualifier, subject: claim.subject, subjectFr: claim.subjectFr, firms: claim.firms, horizon: claim.horizon, horizonKind: claim.horizonKind, kind: claim.kind,
    },
    firms,
    missingShares,
    missingCloses,
    rule: VERDICT_RULE,
  };

  if (claim.kind === 'price-move') {
    // A percentage move of one firm: compare with its close-to-close return (in percent, as a fall).
    const f = firms.length === 1 ? firms[0]! : undefined;
    const observed = f && f.return !== null ? -f.return * 100 : null;
    const { verdict: v, tolerance } = verdict(claim.value, observed, claim.qualifier);
    const ar = f && f.ar !== null ? -f.ar * 100 : null;
    return {
      ...base,
      counted: f && observed !== null ? [f.symbol] : [],
      basis: 'return',
      bound: null,
      observed,
      raw: observed,
      expected: f && f.return !== null && f.ar !== null ? -(f.return - f.ar) * 100 : null,
      abnormal: ar,
      abnormalLo: null,
      abnormalHi: null,
      intradayLow: f && f.low !== null && f.priceBefore !== null ? (1 - f.low / f.priceBefore) * 100 : null,
      gap: observed === null ? null : claim.value - observed,
      gapPct: observed === null ? null : ((claim.value - observed) / observed) * 100,
      tolerance,
      verdict: v,
      reason:
        observed === null
          ? `no event-day return for ${symbols.join(', ')}`
          : `quoted ${claim.value} % vs an observed fall of ${pc(observed)} (close to close), of which ${pc(ar)} abnormal; tolerance ±${tolerance} points`,
    };
  }

  const basket = symbols.length > 1;
  const intraday = claim.horizonKind === 'intraday';
  const counted = firms.filter((f) => f.raw !== null);
  const complete = counted.length === symbols.length;
  const lacking = firms.filter((f) => f.raw === null);
  // The sign of each lacking firm's move is known from its return even without a dollar figure.
  const allFell = !unknownFirms.length && lacking.every((f) => f.return !== null && f.return < 0);
  const allRose = !unknownFirms.length && lacking.every((f) => f.return !== null && f.return > 0);
  const bound: Reconciliation['bound'] = !basket || complete ? null : counted.length && allFell ? 'lower' : counted.length && allRose ? 'upper' : null;
  const partial = bound !== null;
  const raw = complete || partial ? sum(counted.map((f) => f.raw)) : null;
  const expected = complete ? sum(firms.map((f) => f.expected)) : null;
  const abnormal = complete ? sum(firms.map((f) => f.abnormal)) : null;
  // An interval for a sum of firms would need their abnormal returns' covariance; only a single firm gets one.
  const single = firms.length === 1 && complete ? firms[0]! : undefined;
  const intradayLow = complete || partial ? sum(counted.map((f) => f.intradayLow)) : null;
  // One firm: "en quelques heures" is judged against its own intraday low. A basket: always close to close.
  const byLow = intraday && !basket;
  const observed = byLow ? intradayLow : raw;
  const tolerance = roundingTolerance(claim.value);
  let v: Verdict;
  if (bound === null) v = verdict(claim.value, observed, claim.qualifier).verdict;
  else v = boundVerdict(claim.value, observed!, tolerance, bound, claim.qualifier);

  const list = (fs: readonly { symbol: string }[]) => fs.map((f) => f.symbol).join(', ');
  const lows =
    basket && intraday && intradayLow !== null
      ? `; the sum of each firm's intraday low, ${bn(intradayLow)}, is only an upper bound (the lows were not simultaneous)`
      : '';
  const without = [
    missingShares.length ? `no share count for ${missingShares.join(', ')}` : '',
    missingCloses.length ? `no as-traded close for ${missingCloses.join(', ')}` : '',
  ].filter(Boolean).join('; ');
  const late = counted.filter((f) => f.sharesPublishedAfter);
  const caveats = [
    late.length ? `share counts published after the event: ${late.map((f) => `${f.symbol} (${f.sharesPublished})`).join(', ')}` : '',
    ...counted.filter((f) => (f.sharesClasses ?? 0) > 1).map((f) => `${f.symbol}'s ${f.sharesClasses} share classes are all valued at the ${f.symbol} close (an approximation)`),
  ].filter(Boolean);
  const caveatText = basket && caveats.length ? `; ${caveats.join('; ')}` : '';
  let reason: string;
  if (bound !== null) {
    const dir = bound === 'lower' ? 'fell' : 'rose';
    const what = bound === 'lower' ? 'at least' : 'at most';
    const lead =
      v === 'understated' || v === 'overstated'
        ? `the ${plural(counted.length, 'firm')} with a share count and as-traded closes (${list(counted)}) alone lost ${bn(raw)} close to close, so the basket lost ${what} that; quoted ${bn(claim.value)}, gap ${bn(claim.value - raw!)}, tolerance ±${bn(tolerance)}`
        : `consistent with ${what} ${bn(raw)} lost close to close by the ${plural(counted.length, 'firm')} with a share count and as-traded closes (${list(counted)}); quoted ${bn(claim.value)}, tolerance ±${bn(tolerance)}`;
    reason = `${lead}; ${plural(lacking.length, 'firm')} without a dollar figure all ${dir} that day (${without}; never estimated)${lows}${caveatText}`;
  } else if (observed === null) {
    reason = basket && (missingShares.length || missingCloses.length)
      ? `the quote covers ${symbols.length} firms and ${without} (never estimated); the firms without a figure did not all move the same way, so the ${counted.length} with one (${list(counted)}, ${bn(sum(counted.map((f) => f.raw)))} close to close) bound nothing`
      : missingShares.length
        ? `the share count of ${missingShares.join(', ')} is missing (never estimated)`
        : `the prices give no ${byLow ? 'intraday low' : 'close-to-close'} figure for ${symbols.join(', ')}${missingCloses.length ? ` (no as-traded close for ${missingCloses.join(', ')})` : ''}`;
  } else {
    const who = basket ? ` lost close to close by the ${symbols.length} firms (${symbols.join(', ')})` : ` observed (${byLow ? 'previous close to the session low' : 'close to close'})`;
    reason = `quoted ${bn(claim.value)} vs ${bn(observed)}${who}, gap ${bn(claim.value - observed)}; tolerance ±${bn(tolerance)}; the model expected ${bn(expected)}, abnormal ${bn(abnormal)}${lows}${caveatText}`;
  }
  return {
    ...base,
    counted: observed === null ? [] : counted.map((f) => f.symbol),
    basis: byLow ? 'intraday low' : 'close-to-close',
    bound,
    observed,
    raw,
    expected,
    abnormal,
    abnormalLo: single ? single.abnormalLo : null,
    abnormalHi: single ? single.abnormalHi : null,
    intradayLow,
    gap: observed === null ? null : claim.value - observed,
    gapPct: observed === null ? null : ((claim.value - observed) / observed) * 100,
    tolerance,
    verdict: v,
    reason,
  };
}

/**
 * The verdict of a quote against a bound of the observed figure (a basket with firms lacking a
 * dollar figure): beyond the bound by more than the tolerance, the quote is wrong whatever the
 * missing firms lost; otherwise it is consistent with the bound. "plus de" / "au moins" quotes
 * are consistent when a lower bound reaches them and overstated when an upper bound is below
 * them; otherwise the bound cannot decide (`not comparable`).
 *
 * @example
 * boundVerdict(800e9, 977e9, 50e9, 'lower', null);    // 'understated': the basket lost at least 977 bn
 * boundVerdict(800e9, 700e9, 50e9, 'lower', null);    // 'consistent': at least 700 bn, perhaps 800
 */
export function boundVerdict(quoted: number, bound: number, tolerance: number, kind: 'lower' | 'upper', qualifier: QuotedClaim['qualifier']): Verdict {
  if (qualifier === 'plus de' || qualifier === 'au moins') {
    if (kind === 'lower') return bound >= quoted - 1e-9 * Math.abs(quoted) ? 'consistent' : 'not comparable';
    return bound < quoted - 1e-9 * Math.abs(quoted) ? 'overstated' : 'not comparable';
  }
  if (kind === 'lower') return quoted < bound - tolerance ? 'understated' : 'consistent';
  return quoted > bound + tolerance ? 'overstated' : 'consistent';
}

/** One wire-service figure explained by its implied share count. */
export interface WireCheck {
  outlet: string;
  value: number;
  /** The price change both vendors recorded (as-traded, previous close − close). */
  priceChange: number;
  /** `value / priceChange`: the share count the figure implies. */
  impliedShares: number;
  /** The price change the figure would need with the filing's share count. */
  impliedPriceChange: number | null;
  /** The filing's count, and the gap in shares. */
  filingShares: number | null;
  sharesGap: number | null;
}

/** The wire-service figures compared through the share counts they imply. */
export interface WireReconciliation {
  checks: WireCheck[];
  /** Closes recorded by each vendor on the day before and on the event day. */
  vendors: { source: string; priceBefore: number | null; close: number | null }[];
  /** True when every vendor recorded the same closes (to the cent). */
  pricesAgree: boolean;
  conclusion: string;
}

/**
 * Why Bloomberg said 589 bn and Reuters 593 bn: with the same closes in every vendor's data, the
 * figures differ by the share count each multiplied by.
 */
export function reconcileWire(facts: Facts, day: FirmDay, vendors: WireReconciliation['vendors']): WireReconciliation {
  const cents = (v: number | null) => (v === null ? null : Math.round(v * 100));
  const pricesAgree = vendors.every((v) => cents(v.priceBefore) === cents(day.priceBefore) && cents(v.close) === cents(day.close));
  const change = day.priceBefore !== null && day.close !== null ? day.priceBefore - day.close : null;
  const checks = facts.reportedLosses.map((r) => ({
    outlet: r.outlet,
    value: r.value,
    priceChange: change ?? NaN,
    impliedShares: change ? r.value / change : NaN,
    impliedPriceChange: day.shares !== null ? r.value / day.shares : null,
    filingShares: day.shares,
    sharesGap: day.shares !== null && change ? r.value / change - day.shares : null,
  }));
  const [lo, hi] = [Math.min(...checks.map((c) => c.impliedShares)), Math.max(...checks.map((c) => c.impliedShares))];
  const conclusion = pricesAgree && change !== null
    ? `Every vendor recorded the same closes (${plain(day.priceBefore, { digits: 2 })} -> ${plain(day.close, { digits: 2 })}, a fall of ${plain(change, { digits: 2 })} USD a share), so the wire figures differ only by the share count: they imply ${plain(lo, { per: 1e9, digits: 2 })} bn to ${plain(hi, { per: 1e9, digits: 2 })} bn shares (the 10-Q cover: ${plain(day.shares, { per: 1e9, digits: 2, missing: 'unknown' })} bn).`
    : 'The vendors disagree on the closes; the gap cannot be put on the share count alone.';
  return { checks, vendors, pricesAgree, conclusion };
}
