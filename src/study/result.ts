/**
 * The results object of a single-firm study, in the manner of a statsmodels results object: the
 * fitted model, the event window day by day, the headline CAR, the dollar figures, and methods
 * for any sub-window. Plain data plus pure methods; `JSON.stringify(study)` gives the command's
 * JSON contract. Display (the text summary, notebook output) is added by the report layer.
 *
 * @module
 */
import type { FittedModel, ModelName } from '../models/types.js';
import type { ReturnKind } from '../returns/returns.js';
import { subWindow, type EventWindow } from './abnormal.js';
import { bharAt, carAt } from './car.js';
import type { OffsetWindow } from './defaults.js';
import { lossAt, type Shares } from './impact.js';
import type { BharResult, CarResult, DollarLoss, EstimationSummary, StudyProvenance, WindowDay } from './types.js';
import type { EstimationDay } from './estimate.js';
import type { EventDay } from './windows.js';

/** What {@link EventStudy} is made of (the stages' outputs). */
export interface StudyParts {
  firm: string;
  market: string;
  model: ModelName;
  returnKind: ReturnKind;
  confidence: number;
  event: EventDay;
  estimation: EstimationSummary;
  /** The estimation days, built on first use (only charts and diagnostics read them). */
  estimationDays: () => EstimationDay[];
  fitted: FittedModel;
  eventWindow: EventWindow;
  window: WindowDay[];
  carWindow: OffsetWindow;
  shares: Shares | null;
  provenance: StudyProvenance;
  notes: string[];
}

/** The results of a single-firm event study; `toJSON()` is the command-line JSON contract. */
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
  /** The headline CAR (over the CAR window, default the whole event window). */
  readonly car: CarResult;
  /** Share count used for dollar figures, or null when unknown. */
  readonly shares: Shares | null;
  readonly provenance: StudyProvenance;
  /** Things a reader should know: an event moved to the next trading day, a missing share count... */
  readonly notes: string[];
  /** The fitted model (expected returns and abnormal-return variances). */
  readonly fitted: FittedModel;
  /** The event window's returns, expected and abnormal returns and closes, as arrays. */
  readonly eventWindow: EventWindow;

  readonly #estimationDays: () => EstimationDay[];

  constructor(parts: StudyParts) {
    this.firm = parts.firm;
    this.market = parts.market;
    this.model = parts.model;
    this.returnKind = parts.returnKind;
    this.confidence = parts.confidence;
    this.event = parts.event;
    this.estimation = parts.estimation;
    this.window = parts.window;
    this.windowOffsets = parts.eventWindow.offsets;
    this.shares = parts.shares;
    this.provenance = parts.provenance;
    this.notes = parts.notes;
    this.fitted = parts.fitted;
    this.#estimationDays = parts.estimationDays;
    this.eventWindow = parts.eventWindow;
    this.car = this.carOver(parts.carWindow[0], parts.carWindow[1]);
  }

  /** The estimation-window days (date, firm and market returns), for plots and diagnostics. */
  get estimationDays(): EstimationDay[] {
    return this.#estimationDays();
  }

  /** The event-window day at an offset, if inside the window. */
  day(offset: number): WindowDay | undefined {
    return this.window[offset - this.windowOffsets[0]];
  }

  /**
   * The cumulative abnormal return over a sub-window `[from, to]` of the event window, with the
   * variance `1' sigma² (I + X (X'X)^{-1} X') 1` (CLM 1997 eq. 4.4.12) and a Student t test.
   */
  carOver(from: number, to: number): CarResult {
    const [i, j] = subWindow(this.eventWindow, from, to, this.firm);
    return carAt(this.eventWindow, this.fitted, i, j, this.confidence);
  }

  /** Buy-and-hold abnormal return over `[from, to]`: `prod(1+R) - prod(1+E[R])`. */
  bhar(from = this.windowOffsets[0], to = this.windowOffsets[1]): BharResult {
    const [i, j] = subWindow(this.eventWindow, from, to, this.firm);
    return bharAt(this.eventWindow, i, j, this.returnKind);
  }

  /**
   * The fall in market value over `[from, to]` (default: the event day), in the currency of the
   * prices: observed (raw), expected by the model, and abnormal with its confidence interval.
   * Positive numbers are losses.
   */
  loss(from = 0, to = from): DollarLoss {
    const [i, j] = subWindow(this.eventWindow, from, to, this.firm);
    return lossAt(this.eventWindow, this.fitted, this.shares, this.returnKind, this.confidence, i, j);
  }

  /** The command-line JSON contract (see the README), plus extra fields. */
  toJSON() {
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
      loss: this.loss(0, 0),
      windowLoss: this.loss(this.windowOffsets[0], this.windowOffsets[1]),
      provenance: this.provenance,
      notes: this.notes,
    };
  }
}
