/**
 * Tables of a single-firm study that a reader of an event study expects beside the headline:
 * the CAR over the standard windows, and the same event under the four return models.
 *
 * @module
 */
import { ModelError, SputnikError, WindowError } from '../errors.js';
import { MODEL_NAMES, type ModelName } from '../models/types.js';
import type { Panel } from '../panel/panel.js';
import type { OffsetWindow } from './defaults.js';
import type { EventStudy } from './result.js';
import { runStudy } from './run.js';
import type { CarResult, StudyOptions } from './types.js';

/**
 * The CAR windows most event studies report (day 0, the day after, the three days around the
 * event, the week after, the whole eleven days; e.g. MacKinlay 1997, JEL 35, and the windows of
 * Campbell, Lo & MacKinlay 1997 §4.4): each is used only where it lies inside the event window.
 */
export const STANDARD_CAR_WINDOWS: readonly OffsetWindow[] = Object.freeze([
  [0, 0],
  [0, 1],
  [-1, 1],
  [0, 5],
  [-5, 5],
] as const);

/** The standard windows (or `windows`) that lie inside the event window `[from, to]`. */
export function windowsInside([from, to]: OffsetWindow, windows: readonly OffsetWindow[] = STANDARD_CAR_WINDOWS): OffsetWindow[] {
  return windows.filter(([a, b]) => a >= from && b <= to);
}

/**
 * The CAR over each standard window inside the study's event window: `study.carOver(a, b)`
 * (value, se, t, p, lo, hi, df; variance `1' V 1`, CLM 1997 eq. 4.4.12).
 *
 * @example
 * standardCars(study).map((c) => [c.from, c.to, c.value, c.p]);
 */
export function standardCars(study: EventStudy, windows: readonly OffsetWindow[] = STANDARD_CAR_WINDOWS): CarResult[] {
  return windowsInside(study.windowOffsets, windows).map(([a, b]) => study.carOver(a, b));
}

/** One model of {@link compareModels}: the day-0 abnormal return and dollar loss, and the CAR. */
export interface ModelComparisonRow {
  model: ModelName;
  /** Estimation days and residual degrees of freedom. */
  n: number;
  df: number;
  sigma: number;
  /** Abnormal return on day 0 with its test and interval (null when day 0 is outside the event window). */
  ar0: number | null;
  ar0Se: number | null;
  ar0T: number | null;
  ar0P: number | null;
  ar0Lo: number | null;
  ar0Hi: number | null;
  /** The headline CAR (the study's CAR window, default the whole event window). */
  car: CarResult;
  /** Abnormal fall in market value on day 0 (positive = loss) and its interval; null when the share count or the closes are unknown. */
  loss0: number | null;
  loss0Lo: number | null;
  loss0Hi: number | null;
}

/** The four models side by side. */
export interface ModelComparison {
  firm: string;
  market: string;
  eventDate: string;
  confidence: number;
  /** Shares used for the dollar figures (null when unknown). */
  shares: number | null;
  rows: ModelComparisonRow[];
  /** Models left out and why (ff3 without factors, a window a model cannot fill). */
  skipped: { model: ModelName; reason: string }[];
  notes: string[];
}

/** The models compared, in the order of the table: every model, in the order of {@link MODEL_NAMES}. */
export const COMPARED_MODELS: readonly ModelName[] = Object.freeze(Object.keys(MODEL_NAMES) as ModelName[]);

function row(s: EventStudy): ModelComparisonRow {
  const d0 = s.day(0);
  const inWindow = s.windowOffsets[0] <= 0 && s.windowOffsets[1] >= 0;
  const loss = inWindow ? s.loss(0, 0) : null;
  return {
    model: s.model,
    n: s.estimation.n,
    df: s.estimation.df,
    sigma: s.estimation.sigma,
    ar0: d0?.ar ?? null,
    ar0Se: d0?.se ?? null,
    ar0T: d0?.t ?? null,
    ar0P: d0?.p ?? null,
    ar0Lo: d0?.lo ?? null,
    ar0Hi: d0?.hi ?? null,
    car: s.car,
    loss0: loss?.abnormal ?? null,
    loss0Lo: loss?.abnormalLo ?? null,
    loss0Hi: loss?.abnormalHi ?? null,
  };
}

/**
 * The same study under the four return models (market, market-adjusted, constant-mean, ff3),
 * side by side: day-0 abnormal return with its t and p, the headline CAR, the day-0 abnormal
 * dollar loss and its interval. `options.model` is ignored. The Fama-French model is run only
 * when the panel holds the factors (load them with `loadPanel({ ..., factors: true })`); it is
 * otherwise listed in `skipped` with the reason. A model whose windows the data cannot fill is
 * skipped too; when no model can be run, the first model's error is thrown.
 *
 * @example
 * const panel = await loadPanel({ symbols: ['NVDA', 'SPY'], factors: true });
 * compareModels(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' }).rows.map((r) => [r.model, r.ar0]);
 */
export function compareModels(panel: Panel, options: StudyOptions): ModelComparison {
  const rows: ModelComparisonRow[] = [];
  const skipped: { model: ModelName; reason: string }[] = [];
  const notes: string[] = [];
  let first: EventStudy | undefined;
  let firstError: unknown;
  const studyNotes: string[] = [];
  for (const model of COMPARED_MODELS) {
    if (model === 'ff3' && !panel.factors) {
      skipped.push({ model, reason: 'the panel holds no Fama-French factors (load them with factors: true)' });
      continue;
    }
    try {
      const s = runStudy(panel, { ...options, model });
      first ??= s;
      rows.push(row(s));
      for (const n of s.notes) if (!studyNotes.includes(n)) studyNotes.push(n);
    } catch (err) {
      if (!(err instanceof WindowError || err instanceof ModelError)) throw err;
      firstError ??= err;
      skipped.push({ model, reason: (err as SputnikError).message });
    }
  }
  if (!first) throw firstError;
  for (const s of skipped) notes.push(`${s.model} left out: ${s.reason}.`);
  notes.push(...studyNotes);
  return {
    firm: first.firm,
    market: first.market,
    eventDate: first.event.date,
    confidence: first.confidence,
    shares: first.shares?.value ?? null,
    rows,
    skipped,
    notes,
  };
}
