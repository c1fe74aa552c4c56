import { basisPrices, commonDates, priceBasis, rowsOn } from '../data/align.js';
import type { Facts, FactorSeries, PriceSeries } from '../data/types.js';
import { ModelError, UsageError, WindowError } from '../errors.js';
import { dollarFigures } from '../impact/dollars.js';
import { fitModel, modelName } from '../models/fit.js';
import type { FittedModel, ModelDay, ModelName } from '../models/types.js';
import { compound, returns, type ReturnKind } from '../returns/returns.js';
import { tInference } from '../stats/distributions.js';
import { JUPYTER_DISPLAY, type MimeBundle } from '../util/jupyter.js';
import { formatSummary } from './summary.js';
import type {
  BharResult,
  CarResult,
  DollarLoss,
  EstimationSummary,
  StudyOptions,
  StudyProvenance,
  WindowDay,
} from './types.js';
import { locateEvent, resolveWindow, type EventDay, type OffsetWindow } from './windows.js';

/** The flagship design of the project: NVIDIA against SPY on 27 January 2025. */
export const FLAGSHIP: Required<Pick<StudyOptions, 'firm' | 'market' | 'event' | 'model' | 'returns' | 'confidence'>> & {
  estimation: OffsetWindow;
  window: OffsetWindow;
} = {
  firm: 'NVDA',
  market: 'SPY',
  event: '2025-01-27',
  estimation: [-260, -11],
  window: [-5, 5],
  model: 'market',
  returns: 'simple',
  confidence: 0.95,
};

/** The recorded data a study needs. `factors` only for the ff3 model; `facts` for share counts. */
export interface StudyData {
  firm: PriceSeries;
  market: PriceSeries;
  factors?: FactorSeries;
  facts?: Facts;
}

/** One aligned trading day: everything the study knows about it. */
interface Day extends ModelDay {
  date: string;
  close: number | null;
}

/**
 * Run a single-firm event study on recorded prices: align the firm and its benchmark on their
 * common trading days, compute returns, fit the model on the estimation window, and derive
 * expected and abnormal returns, CARs, their tests and the dollar figures on the event window.
 * Pure: no I/O (see `eventStudy` for the loading version).
 *
 * @example
 * const study = runStudy({ firm: nvda, market: spy, facts }, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * study.day(0)?.ar;      // the abnormal return of 27 January 2025
 * study.loss().raw;      // 592.66e9: the fall in market value, in USD
 * console.log(study.summary());
 */
export function runStudy(data: StudyData, options: StudyOptions): EventStudy {
  return new EventStudy(data, options);
}

/** The results of a single-firm event study, with a readable `summary()` and the JSON contract in `toJSON()`. */
export class EventStudy {
  readonly firm: string;
  readonly market: string;
  readonly model: ModelName;
  readonly returnKind: ReturnKind;
  readonly confidence: number;
  readonly event: EventDay;
  /** The estimation window and the fitted model's parameters. */
  readonly estimation: EstimationSummary;
  /** Every day of the event window. */
  readonly window: WindowDay[];
  /** The event window as offsets. */
  readonly windowOffsets: OffsetWindow;
  /** The headline CAR (over `carWindow`, default the whole event window). */
  readonly car: CarResult;
  /** Share count used for dollar figures, or null when unknown. */
  readonly shares: { value: number; source: string } | null;
  readonly provenance: StudyProvenance;
  /** Things a reader should know: an event moved to the next trading day, a missing share count... */
  readonly notes: string[] = [];
  /** The fitted model (expected returns and abnormal-return variances). */
  readonly fitted: FittedModel;
  /** The estimation-window days (date, firm and market returns), for plots and diagnostics. */
  readonly estimationDays: { date: string; firm: number; market: number }[];

  readonly #days: Day[];
  /** As-traded close of the trading day before each event-window day. */
  readonly #prevClose: (number | null)[];

  constructor(data: StudyData, options: StudyOptions) {
    this.firm = options.firm;
    this.market = options.market;
    this.model = modelName(options.model ?? FLAGSHIP.model);
    this.returnKind = options.returns ?? 'simple';
    if (this.returnKind !== 'simple' && this.returnKind !== 'log') {
      throw new UsageError(`unknown return kind "${String(this.returnKind)}" (expected simple or log)`);
    }
    this.confidence = options.confidence ?? FLAGSHIP.confidence;
    if (!(this.confidence > 0 && this.confidence < 1)) throw new UsageError(`confidence ${this.confidence} must be between 0 and 1`);
    if (data.firm.symbol !== options.firm) throw new UsageError(`firm data is for ${data.firm.symbol}, not ${options.firm}`);
    if (data.market.symbol !== options.market) throw new UsageError(`market data is for ${data.market.symbol}, not ${options.market}`);
    if (this.model === 'ff3' && !data.factors) throw new ModelError('the ff3 model needs the Fama-French factor series');

    // 1. Align on common trading days (and factor days for ff3), then compute returns.
    const factors = this.model === 'ff3' ? data.factors : undefined;
    const lists: (readonly string[])[] = [data.firm.rows.map((r) => r.date), data.market.rows.map((r) => r.date)];
    if (factors) lists.push(factors.dates);
    const dates = commonDates(...lists);
    if (dates.length < 2) throw new WindowError(`${options.firm} and ${options.market} share ${dates.length} trading day(s)`, { symbol: options.firm });
    const firmBasis = priceBasis(data.firm);
    const marketBasis = priceBasis(data.market);
    const firmRows = rowsOn(data.firm, dates);
    const rf = returns(basisPrices(firmRows, firmBasis), this.returnKind);
    const rm = returns(basisPrices(rowsOn(data.market, dates), marketBasis), this.returnKind);
    const fIndex = factors ? new Map(factors.dates.map((d, i) => [d, i])) : undefined;
    const days: (Day | null)[] = dates.map((date, i) => {
      const firm = rf[i];
      const market = rm[i];
      if (firm === null || firm === undefined || market === null || market === undefined) return null;
      const day: Day = { date, firm, market, close: firmRows[i]!.close };
      if (factors && fIndex) {
        const j = fIndex.get(date)!;
        Object.assign(day, { mktRf: factors.mktRf[j], smb: factors.smb[j], hml: factors.hml[j], rf: factors.rf[j] });
      }
      return day;
    });
    const dropped: Record<string, number> = {};
    const note = (symbol: string, own: readonly string[]) => {
      const n = own.length - dates.length;
      if (n > 0) dropped[symbol] = n;
    };
    note(options.firm, lists[0]!);
    note(options.market, lists[1]!);
    if (factors) note('FF3', factors.dates);
    this.provenance = {
      firmSource: data.firm.source,
      marketSource: data.market.source,
      factorSource: factors?.source ?? null,
      firmBasis,
      marketBasis,
      commonDays: dates.length,
      droppedDates: dropped,
    };

    // 2. Place the event and the windows.
    this.event = locateEvent(dates, options.event, options.firm);
    if (this.event.shifted) {
      this.notes.push(`${options.event} is not a trading day of ${options.firm}/${options.market}; the event moves to the next trading day, ${this.event.date}.`);
    }
    const est = resolveWindow(options.estimation ?? FLAGSHIP.estimation, dates, this.event, 'estimation window', options.firm);
    const win = resolveWindow(options.window ?? FLAGSHIP.window, dates, this.event, 'event window', options.firm);
    if (est[1] >= win[0] && win[1] >= est[0]) {
      throw new WindowError(`estimation window [${est[0]}, ${est[1]}] overlaps the event window [${win[0]}, ${win[1]}]`, { symbol: options.firm, date: this.event.date });
    }
    this.windowOffsets = win;
    const at = (offset: number) => this.event.index + offset;

    // 3. Fit the model on the estimation window (days with a gap are left out, never zeroed).
    const estDays = days.slice(at(est[0]), at(est[1]) + 1).filter((d): d is Day => d !== null);
    const gaps = est[1] - est[0] + 1 - estDays.length;
    if (gaps > 0) this.notes.push(`${gaps} estimation day(s) have no return (missing price) and are left out.`);
    const minDays = options.minEstimationDays ?? 10;
    if (estDays.length < minDays) {
      throw new WindowError(`estimation window [${est[0]}, ${est[1]}] has ${estDays.length} day(s) with returns; at least ${minDays} are needed`, {
        symbol: options.firm,
        date: this.event.date,
      });
    }
    this.fitted = fitModel(this.model, estDays, this.confidence);
    const first = estDays[0]!;
    const last = estDays[estDays.length - 1]!;
    this.estimation = {
      start: first.date,
      end: last.date,
      from: est[0],
      to: est[1],
      n: this.fitted.n,
      df: this.fitted.df,
      alpha: this.fitted.alpha,
      beta: this.fitted.beta,
      sigma: this.fitted.sigma,
      r2: this.fitted.r2,
      coefficients: this.fitted.coefficients,
    };
    this.estimationDays = estDays.map((d) => ({ date: d.date, firm: d.firm, market: d.market }));

    // 4. The event window, day by day.
    this.#days = [];
    for (let o = win[0]; o <= win[1]; o++) {
      const d = days[at(o)];
      if (!d) throw new WindowError(`no return for ${options.firm} or ${options.market} on event-window day ${o}`, { symbol: options.firm, date: dates[at(o)] });
      this.#days.push(d);
    }
    this.#prevClose = this.#days.map((_, i) => firmRows[at(win[0] + i) - 1]!.close);
    this.window = this.#days.map((d, i) => {
      const offset = win[0] + i;
      const expected = this.fitted.expected(d);
      const ar = d.firm - expected;
      const one = tInference(ar, Math.sqrt(this.fitted.variance([d], [1])), this.fitted.df, this.confidence);
      const car = this.#carOf(win[0], offset);
      return {
        date: d.date,
        offset,
        return: d.firm,
        marketReturn: d.market,
        expected,
        ar,
        se: one.se,
        t: one.t,
        p: one.p,
        lo: one.lo,
        hi: one.hi,
        car: car.value,
        carSe: car.se,
        carT: car.t,
        carP: car.p,
        carLo: car.lo,
        carHi: car.hi,
        close: d.close,
      };
    });
    const carWindow = options.carWindow ?? win;
    this.car = this.carOver(carWindow[0], carWindow[1]);

    // 5. Shares for dollar figures: the caller's, else the facts file's, else unknown.
    const fact = data.facts?.sharesOutstanding[options.firm];
    if (options.shares !== undefined) {
      if (!(Number.isFinite(options.shares) && options.shares > 0)) throw new UsageError(`shares ${options.shares} must be a positive number`);
      this.shares = { value: options.shares, source: 'given by the user' };
    } else if (fact) {
      this.shares = { value: fact.value, source: fact.source ? `${fact.source}${fact.asOf ? `, as of ${fact.asOf}` : ''}` : 'facts file' };
    } else {
      this.shares = null;
      this.notes.push(`No share count for ${options.firm}: dollar figures are unknown (give one with --shares).`);
    }
    if (firmRows.every((r) => r.close === null)) {
      this.notes.push(`${options.firm}'s source recorded no as-traded close: dollar figures are unknown.`);
    }
    if (this.returnKind === 'log') this.notes.push('Log returns: dollar intervals use the delta method.');
  }

  /** The event-window day at an offset, if inside the window. */
  day(offset: number): WindowDay | undefined {
    return this.window[offset - this.windowOffsets[0]];
  }

  #slice(from: number, to: number): Day[] {
    const [a, b] = this.windowOffsets;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || from < a || to > b) {
      throw new WindowError(`sub-window [${from}, ${to}] is not inside the event window [${a}, ${b}]`, { symbol: this.firm });
    }
    return this.#days.slice(from - a, to - a + 1);
  }

  #carOf(from: number, to: number): CarResult {
    const days = this.#days.slice(from - this.windowOffsets[0], to - this.windowOffsets[0] + 1);
    const value = days.reduce((s, d) => s + d.firm - this.fitted.expected(d), 0);
    const se = Math.sqrt(this.fitted.variance(days, days.map(() => 1)));
    return {
      from,
      to,
      fromDate: days[0]!.date,
      toDate: days[days.length - 1]!.date,
      days: days.length,
      value,
      df: this.fitted.df,
      ...tInference(value, se, this.fitted.df, this.confidence),
    };
  }

  /**
   * The cumulative abnormal return over a sub-window `[from, to]` of the event window, with the
   * variance `1' sigma² (I + X (X'X)^{-1} X') 1` (CLM 1997 eq. 4.4.12) and a Student t test.
   */
  carOver(from: number, to: number): CarResult {
    this.#slice(from, to);
    return this.#carOf(from, to);
  }

  /** Buy-and-hold abnormal return over `[from, to]`: `prod(1+R) - prod(1+E[R])`. */
  bhar(from = this.windowOffsets[0], to = this.windowOffsets[1]): BharResult {
    const days = this.#slice(from, to);
    const firmReturn = compound(days.map((d) => d.firm), this.returnKind);
    const expectedReturn = compound(days.map((d) => this.fitted.expected(d)), this.returnKind);
    return { from, to, value: firmReturn - expectedReturn, firmReturn, expectedReturn };
  }

  /**
   * The fall in market value over `[from, to]` (default: the event day), in the currency of the
   * prices: observed (raw), expected by the model, and abnormal with its confidence interval.
   * Positive numbers are losses.
   */
  loss(from = 0, to = from): DollarLoss {
    const days = this.#slice(from, to);
    const a = this.windowOffsets[0];
    const dd = days.map((d, k) => ({ prevClose: this.#prevClose[from - a + k] ?? null, ret: d.firm, expected: this.fitted.expected(d) }));
    const shares = this.shares?.value ?? null;
    const priceBefore = dd[0]!.prevClose;
    const priceAfter = days[days.length - 1]!.close;
    const fig = dollarFigures(shares, dd, this.returnKind);
    let abnormalSe: number | null = null;
    let abnormalLo: number | null = null;
    let abnormalHi: number | null = null;
    if (fig.weights && fig.abnormal !== null) {
      const ci = tInference(fig.abnormal, Math.sqrt(this.fitted.variance(days, fig.weights)), this.fitted.df, this.confidence);
      [abnormalSe, abnormalLo, abnormalHi] = [ci.se, ci.lo, ci.hi];
    }
    return {
      from,
      to,
      fromDate: days[0]!.date,
      toDate: days[days.length - 1]!.date,
      shares,
      sharesSource: this.shares?.source ?? null,
      priceBefore,
      priceAfter,
      valueBefore: shares !== null && priceBefore !== null ? shares * priceBefore : null,
      raw: shares !== null && priceBefore !== null && priceAfter !== null ? -shares * (priceAfter - priceBefore) : null,
      expected: fig.expected,
      abnormal: fig.abnormal,
      abnormalSe,
      abnormalLo,
      abnormalHi,
    };
  }

  /** A readable report: the model, the day-by-day table, the CAR and the dollar figures. */
  summary(): string {
    return formatSummary(this);
  }

  /**
   * Rich display in a Deno Jupyter notebook: the abnormal-returns chart (Vega-Lite and SVG) and
   * the summary as text. The rendering code is loaded only when a notebook asks for it, so the
   * statistics never depend on it.
   */
  async [JUPYTER_DISPLAY](): Promise<MimeBundle> {
    const { studyBundle } = await import('../report/notebook.js');
    return studyBundle(this);
  }

  /** The command-line JSON contract (see DESIGN.md), plus extra fields. */
  toJSON() {
    const loss = this.loss(0, 0);
    const whole = this.loss(this.windowOffsets[0], this.windowOffsets[1]);
    return {
      firm: this.firm,
      market: this.market,
      model: this.model,
      returns: this.returnKind,
      eventDate: this.event.date,
      requestedEventDate: this.event.requested,
      eventDateShifted: this.event.shifted,
      confidence: this.confidence,
      estimation: this.estimation,
      window: this.window,
      car: this.car,
      bhar: this.bhar(),
      loss,
      windowLoss: whole,
      provenance: this.provenance,
      notes: this.notes,
    };
  }
}
