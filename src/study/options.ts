/**
 * A study's options, checked and completed with the defaults: the design every later stage
 * reads. Bad values throw a `UsageError`/`ModelError` naming the option.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { modelName } from '../models/fit.js';
import type { ModelName } from '../models/types.js';
import { RETURN_KINDS, type ReturnKind } from '../returns/returns.js';
import { FLAGSHIP, MIN_ESTIMATION_DAYS, type OffsetWindow } from './defaults.js';
import type { StudyOptions } from './types.js';
import type { WindowSpec } from './windows.js';

/** A complete, checked study design. */
export interface StudyDesign {
  firm: string;
  market: string;
  event: string;
  estimation: WindowSpec;
  window: WindowSpec;
  model: ModelName;
  returns: ReturnKind;
  confidence: number;
  carWindow: OffsetWindow | undefined;
  shares: number | undefined;
  minEstimationDays: number;
}

/**
 * Check the options and fill in the defaults of the flagship design.
 *
 * @example
 * resolveOptions({ firm: 'AMD', market: 'QQQ', event: '2025-01-27', model: 'FF3' }).model; // 'ff3'
 */
export function resolveOptions(options: StudyOptions): StudyDesign {
  const model = modelName(options.model ?? FLAGSHIP.model);
  const returns = options.returns ?? FLAGSHIP.returns;
  if (!RETURN_KINDS.includes(returns)) throw new UsageError(`unknown return kind "${String(returns)}" (expected simple or log)`);
  const confidence = options.confidence ?? FLAGSHIP.confidence;
  if (!(confidence > 0 && confidence < 1)) throw new UsageError(`confidence ${confidence} must be between 0 and 1`);
  if (options.shares !== undefined && !(Number.isFinite(options.shares) && options.shares > 0)) {
    throw new UsageError(`shares ${options.shares} must be a positive number`);
  }
  return {
    firm: options.firm,
    market: options.market,
    event: options.event,
    estimation: options.estimation ?? FLAGSHIP.estimation,
    window: options.window ?? FLAGSHIP.window,
    model,
    returns,
    confidence,
    carWindow: options.carWindow,
    shares: options.shares,
    minEstimationDays: options.minEstimationDays ?? MIN_ESTIMATION_DAYS,
  };
}
