// Validation of a sample and the per-firm work every test shares (standardized abnormal
// returns, ranks, estimation-window sign fractions, cross-correlations), done once so that
// `dailyTests` and `caarTests` on the same sample only aggregate.
import { UsageError } from '../errors.js';
import { midranks } from '../stats/ranks.js';
import { isIsoDate } from '../util/dates.js';
import type { FirmAbnormalReturns, SampleInput } from './types.js';

const PREPARED: unique symbol = Symbol('sputnik.preparedSample');

/** Fewest common estimation dates from which a pairwise correlation is estimated. */
export const MIN_COMMON_DATES = 3;

/**
 * A validated sample with the per-firm quantities of the battery computed once. Build it with
 * `prepareSample` and pass it to `dailyTests` / `caarTests` (both also accept a raw
 * `SampleInput` and prepare it themselves). The arrays of the input are read, never copied or
 * changed: do not modify them while a prepared sample is in use.
 */
export interface PreparedSample {
  readonly [PREPARED]: true;
  readonly input: SampleInput;
  /** First and last offsets of the event window, and its length L. */
  readonly from: number;
  readonly to: number;
  readonly L: number;
  /** Number of firms N. */
  readonly N: number;
  /** Standardized abnormal returns AR_it / sqrt(V_i[t,t]), firm-major N×L, NaN where missing. */
  readonly sar: Float64Array;
  /** Patell's variance of a standardized AR, df/(df - 2) (NaN when df <= 2), per firm. */
  readonly patellQ: Float64Array;
  /** Fraction of positive abnormal returns among each firm's non-missing estimation-window returns (Cowan 1992). */
  readonly fracPositive: Float64Array;
  /** Each firm's estimation-window length (missing days included) and the longest one. */
  readonly estLen: Int32Array;
  readonly maxEst: number;
  /**
   * Centered standardized ranks U_it - 1/2 = K_it / (M_i + 1) - 1/2 of each firm's abnormal
   * returns over its combined estimation + event window (estimation first), NaN where missing.
   */
  readonly rankU: readonly Float64Array[];
  /**
   * Pairwise correlation of the estimation residuals of firms i and j on their common dates (NaN
   * when fewer than MIN_COMMON_DATES common dates or no variation); computed on first use and
   * kept. Sums over many firms use `unit` instead (see `averageCorrelation` in tests.ts).
   */
  correlation(i: number, j: number): number;
  /**
   * Each gap-free firm's estimation residuals, centred and scaled to unit length (null for a firm
   * with a gap, too few days or no variation): the correlation of two such firms on the same
   * dates is their dot product, and the sum over all pairs of a set S is (|sum z|^2 - |S|) / 2.
   */
  readonly unit: readonly (Float64Array | null)[];
  /** Firms with the same number here have their estimation windows on the same dates. */
  readonly calendarId: Int32Array;
  /** 1 where firms i and j share an event date (N×N). */
  readonly sameDate: Uint8Array;
  /** Whether any two firms share an event date. */
  readonly clustered: boolean;
  /**
   * Estimation-window abnormal returns in event time, firm-major N×maxEst, right-aligned: column
   * maxEst - 1 is every firm's last estimation day, column maxEst - 2 the day before...; NaN where
   * missing or before the firm's (shorter) window.
   */
  readonly estAligned: Float64Array;
  /** `rankU` in the same event time, N×(maxEst + L): maxEst aligned estimation columns, then the L event days. */
  readonly rankAligned: Float64Array;
  /** Lazily filled results over the whole sample (the prepared sample never changes). */
  readonly cache: Map<string, unknown>;
}

/** Is `x` a `PreparedSample` (as opposed to a raw `SampleInput`)? */
export function isPreparedSample(x: SampleInput | PreparedSample): x is PreparedSample {
  return (x as PreparedSample)[PREPARED] === true;
}

/** Throws a `UsageError` naming the firm. */
function fail(firm: FirmAbnormalReturns, message: string): never {
  throw new UsageError(message, { symbol: firm.symbol || '(no symbol)' });
}

function validateFirm(f: FirmAbnormalReturns, L: number, from: number, to: number): void {
  if (typeof f.symbol !== 'string' || f.symbol.length === 0) throw new UsageError('a firm of the sample has no symbol');
  if (typeof f.eventDate !== 'string' || !isIsoDate(f.eventDate)) fail(f, `event date "${String(f.eventDate)}" is not YYYY-MM-DD`);
  if (!(f.event instanceof Float64Array)) fail(f, 'event abnormal returns must be a Float64Array');
  if (!(f.estimation instanceof Float64Array)) fail(f, 'estimation abnormal returns must be a Float64Array');
  if (!(f.eventCov instanceof Float64Array)) fail(f, 'eventCov must be a Float64Array');
  if (f.event.length !== L) {
    fail(f, `${f.event.length} event-window abnormal returns, but the window [${from}, ${to}] has ${L} days`);
  }
  if (!Array.isArray(f.estimationDates) || f.estimationDates.length !== f.estimation.length) {
    fail(f, `${f.estimation.length} estimation abnormal returns but ${f.estimationDates?.length ?? 0} estimation dates`);
  }
  if (f.eventCov.length !== L * L) fail(f, `eventCov has ${f.eventCov.length} entries, the ${L}-day window needs ${L}x${L} = ${L * L}`);
  if (!(Number.isFinite(f.sigma) && f.sigma > 0)) fail(f, `sigma ${f.sigma} is not a positive number`);
  if (!(Number.isFinite(f.df) && f.df > 0)) fail(f, `df ${f.df} is not a positive number`);
  let present = 0;
  for (let s = 0; s < f.estimation.length; s++) {
    const v = f.estimation[s]!;
    if (v === v) {
      if (!Number.isFinite(v)) fail(f, `estimation abnormal return on ${f.estimationDates[s]} is ${v}`);
      present++;
    }
    // Dates: strings of 10 characters in strictly ascending order (ISO dates sort as strings);
    // the full date is checked on the first and last only, to keep validation cheap.
    const d = f.estimationDates[s];
    if (typeof d !== 'string' || d.length !== 10) fail(f, `estimation date "${String(d)}" is not YYYY-MM-DD`);
    if (s > 0 && !(f.estimationDates[s - 1]! < d)) fail(f, `estimation dates are not strictly ascending at ${d}`);
  }
  if (present === 0) fail(f, 'no estimation-window abnormal returns (all missing)');
  const ends = [f.estimationDates[0]!, f.estimationDates[f.estimationDates.length - 1]!];
  for (const d of ends) if (!isIsoDate(d)) fail(f, `estimation date "${d}" is not YYYY-MM-DD`);
  const s2 = f.sigma * f.sigma;
  for (let t = 0; t < L; t++) {
    const a = f.event[t]!;
    if (a !== a) continue;
    if (!Number.isFinite(a)) fail(f, `event abnormal return at offset ${from + t} is ${a}`);
    const v = f.eventCov[t * L + t]!;
    if (!(Number.isFinite(v) && v > 0)) fail(f, `eventCov diagonal at offset ${from + t} is ${v}, not a positive variance`);
    // sigma^2 (1 + x' (X'X)^-1 x) >= sigma^2: a smaller diagonal means eventCov is not in the units of sigma.
    if (v < s2 * (1 - 1e-9)) fail(f, `eventCov diagonal at offset ${from + t} (${v}) is below sigma^2 (${s2})`);
  }
}

/**
 * Pearson correlation of two firms' estimation residuals over their common non-missing dates,
 * in one pass over `xa`, `xb` (the residuals minus each firm's own mean, so that the one-pass
 * sums do not cancel). NaN when fewer than MIN_COMMON_DATES common dates or no variation.
 */
function pairCorrelation(a: FirmAbnormalReturns, b: FirmAbnormalReturns, xa: Float64Array, xb: Float64Array, sameCalendar: boolean): number {
  let m = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  if (sameCalendar) {
    for (let s = 0; s < xa.length; s++) {
      const x = xa[s]!;
      const y = xb[s]!;
      if (x === x && y === y) {
        m++;
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
      }
    }
  } else {
    // Merge-join on the ascending ISO dates (string order is date order).
    const da = a.estimationDates;
    const db = b.estimationDates;
    let i = 0;
    let j = 0;
    while (i < da.length && j < db.length) {
      const di = da[i]!;
      const dj = db[j]!;
      if (di < dj) i++;
      else if (dj < di) j++;
      else {
        const x = xa[i]!;
        const y = xb[j]!;
        if (x === x && y === y) {
          m++;
          sx += x;
          sy += y;
          sxx += x * x;
          syy += y * y;
          sxy += x * y;
        }
        i++;
        j++;
      }
    }
  }
  if (m < MIN_COMMON_DATES) return NaN;
  const cxx = sxx - (sx * sx) / m;
  const cyy = syy - (sy * sy) / m;
  const cxy = sxy - (sx * sy) / m;
  if (!(cxx > 0 && cyy > 0)) return NaN;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy)));
}

/** The firm's estimation residuals minus their mean (NaN kept). */
function centered(f: FirmAbnormalReturns): Float64Array {
  let s = 0;
  let c = 0;
  for (let k = 0; k < f.estimation.length; k++) {
    const v = f.estimation[k]!;
    if (v === v) {
      s += v;
      c++;
    }
  }
  const m = s / c;
  const out = new Float64Array(f.estimation.length);
  for (let k = 0; k < out.length; k++) out[k] = f.estimation[k]! - m;
  return out;
}

/**
 * Validates a sample and computes what every test of the battery shares. Throws a `UsageError`
 * (naming the symbol) for impossible input: an empty sample, a window that is not two integers
 * in order, arrays whose lengths disagree with the window or with each other, a firm without
 * any estimation-window return, a non-positive sigma, df or variance.
 */
export function prepareSample(input: SampleInput): PreparedSample {
  if (!input || !Array.isArray(input.window) || input.window.length !== 2) {
    throw new UsageError('the sample window must be [from, to] (trading-day offsets)');
  }
  const [from, to] = input.window;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw new UsageError(`the sample window [${from}, ${to}] must be two integer offsets with from <= to`);
  }
  const firms = input.firms;
  if (!Array.isArray(firms) || firms.length === 0) throw new UsageError('empty sample: no firms');
  const L = to - from + 1;
  const N = firms.length;
  for (const f of firms) validateFirm(f, L, from, to);

  const sar = new Float64Array(N * L);
  const patellQ = new Float64Array(N);
  const fracPositive = new Float64Array(N);
  const estLen = new Int32Array(N);
  const rankU: Float64Array[] = [];
  let maxEst = 0;
  for (const f of firms) if (f.estimation.length > maxEst) maxEst = f.estimation.length;
  const estAligned = new Float64Array(N * maxEst).fill(NaN);
  const W = maxEst + L;
  const rankAligned = new Float64Array(N * W).fill(NaN);
  let combined = new Float64Array(0);
  for (let i = 0; i < N; i++) {
    const f = firms[i]!;
    for (let t = 0; t < L; t++) {
      const a = f.event[t]!;
      sar[i * L + t] = a === a ? a / Math.sqrt(f.eventCov[t * L + t]!) : NaN;
    }
    // Patell (1976): a standardized residual is Student t with df degrees of freedom, variance df/(df-2).
    patellQ[i] = f.df > 2 ? f.df / (f.df - 2) : NaN;
    const M = f.estimation.length;
    estLen[i] = M;
    estAligned.set(f.estimation, i * maxEst + maxEst - M);
    let pos = 0;
    let cnt = 0;
    for (let s = 0; s < M; s++) {
      const v = f.estimation[s]!;
      if (v === v) {
        cnt++;
        if (v > 0) pos++;
      }
    }
    fracPositive[i] = pos / cnt;
    // Ranks over the combined estimation + event window, one sort per firm.
    if (combined.length !== M + L) combined = new Float64Array(M + L);
    combined.set(f.estimation, 0);
    combined.set(f.event, M);
    const u = new Float64Array(M + L);
    const m = midranks(combined, u);
    for (let k = 0; k < M + L; k++) {
      const r = u[k]!;
      if (r === r) u[k] = r / (m + 1) - 0.5;
    }
    rankU.push(u);
    rankAligned.set(u, i * W + maxEst - M);
  }

  // Firms whose estimation windows fall on the same dates (a clustered event on one calendar)
  // share one array of dates: pairs of them are correlated position by position, no merge-join.
  const calendars = new Map<string, readonly string[]>();
  const calendarOf = firms.map((f) => {
    const d = f.estimationDates;
    const key = `${d.length}|${d[0]}|${d[d.length - 1]}`;
    const known = calendars.get(key);
    if (!known) {
      calendars.set(key, d);
      return d;
    }
    return known === d || (known.length === d.length && known.every((x, k) => x === d[k])) ? known : d;
  });
  const sameDate = new Uint8Array(N * N);
  let clustered = false;
  const centeredEst: (Float64Array | null)[] = new Array<Float64Array | null>(N).fill(null);
  const cen = (i: number) => (centeredEst[i] ??= centered(firms[i]!));
  const unitOf = (i: number): Float64Array | null => {
    const est = firms[i]!.estimation;
    for (let k = 0; k < est.length; k++) if (est[k] !== est[k]) return null;
    if (est.length < MIN_COMMON_DATES) return null;
    const c = cen(i);
    let ss = 0;
    for (let k = 0; k < c.length; k++) ss += c[k]! * c[k]!;
    if (!(ss > 0)) return null;
    const norm = Math.sqrt(ss);
    const z = new Float64Array(c.length);
    for (let k = 0; k < c.length; k++) z[k] = c[k]! / norm;
    return z;
  };
  const unit = firms.map((_, i) => unitOf(i));
  const calendarIds = new Map<readonly string[], number>();
  const calendarId = Int32Array.from(calendarOf, (d) => {
    let id = calendarIds.get(d);
    if (id === undefined) calendarIds.set(d, (id = calendarIds.size));
    return id;
  });
  const byDate = new Map<string, number[]>();
  for (let i = 0; i < N; i++) {
    sameDate[i * N + i] = 1;
    const d = firms[i]!.eventDate;
    const list = byDate.get(d);
    if (list) list.push(i);
    else byDate.set(d, [i]);
  }
  for (const members of byDate.values()) {
    if (members.length > 1) clustered = true;
    for (const i of members) for (const j of members) sameDate[i * N + j] = 1;
  }
  const known = new Map<number, number>();
  const correlation = (i: number, j: number): number => {
    if (i === j) return 1;
    const key = i < j ? i * N + j : j * N + i;
    let r = known.get(key);
    if (r === undefined) {
      const same = calendarOf[i] === calendarOf[j];
      const zi = unit[i];
      const zj = unit[j];
      if (zi && zj && same) {
        r = 0;
        for (let k = 0; k < zi.length; k++) r += zi[k]! * zj[k]!;
      } else {
        r = pairCorrelation(firms[i]!, firms[j]!, cen(i), cen(j), same);
      }
      known.set(key, r);
    }
    return r;
  };

  return {
    [PREPARED]: true,
    input,
    from,
    to,
    L,
    N,
    sar,
    patellQ,
    fracPositive,
    estLen,
    maxEst,
    rankU,
    correlation,
    unit,
    calendarId,
    sameDate,
    clustered,
    estAligned,
    rankAligned,
    cache: new Map(),
  };
}
