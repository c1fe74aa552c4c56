/**
 * A study's options, checked and completed with the defaults: the design every later stage
 * reads. Bad values throw a `UsageError`/`ModelError` naming the option.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { modelName } from '../models/fit.js';
import type { ModelName } from '../models/types.js';
import { GAP_POLICIES, RETURN_KINDS, type GapPolicy, type ReturnKind } from '../returns/returns.js';
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
  gaps: GapPolicy;
}

/** Every option a study (and its loading) accepts: anything else is a mistake worth saying. */
export const STUDY_OPTION_KEYS = [
  'firm', 'market', 'event', 'estimation', 'window', 'model', 'returns', 'shares', 'confidence', 'carWindow', 'minEstimationDays', 'gaps',
  'dataDir', 'source', 'fetch', 'cache',
] as const;

/** Levenshtein distance, for "did you mean" hints on option names. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** A ticker as the library keys it: trimmed, upper case (`nvda` and `NVDA` are the same firm). */
export function normalizeSymbol(symbol: unknown, what: string): string {
  if (typeof symbol !== 'string' || symbol.trim() === '') throw new UsageError(`${what} must be a ticker symbol, got ${JSON.stringify(symbol)}`, { field: what });
  return symbol.trim().toUpperCase();
}

/**
 * Check the options and fill in the defaults of the flagship design.
 *
 * @example
 * resolveOptions({ firm: 'AMD', market: 'QQQ', event: '2025-01-27', model: 'FF3' }).model; // 'ff3'
 */
export function resolveOptions(options: StudyOptions): StudyDesign {
  if (options === null || typeof options !== 'object') throw new UsageError('study options must be an object');
  for (const key of Object.keys(options)) {
    if (!(STUDY_OPTION_KEYS as readonly string[]).includes(key)) {
      const near = STUDY_OPTION_KEYS.filter((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2);
      throw new UsageError(`unknown study option "${key}"${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; the options are ${STUDY_OPTION_KEYS.join(', ')}`, { field: key });
    }
  }
  const firm = normalizeSymbol(options.firm, 'firm');
  const market = normalizeSymbol(options.market, 'market');
  if (firm === market) throw new UsageError(`the firm and its benchmark are both ${firm}: an event study needs a different benchmark`, { symbol: firm });
  if (typeof options.event !== 'string') throw new UsageError(`event must be a YYYY-MM-DD date, got ${JSON.stringify(options.event)}`, { field: 'event' });
  const model = modelName(options.model ?? FLAGSHIP.model);
  const returns = options.returns ?? FLAGSHIP.returns;
  if (!RETURN_KINDS.includes(returns)) throw new UsageError(`unknown return kind "${String(returns)}" (expected simple or log)`);
  const confidence = options.confidence ?? FLAGSHIP.confidence;
  if (!(confidence > 0 && confidence < 1)) throw new UsageError(`confidence ${confidence} must be between 0 and 1`);
  if (options.shares !== undefined && !(Number.isFinite(options.shares) && options.shares > 0)) {
    throw new UsageError(`shares ${options.shares} must be a positive number`);
  }
  const gaps = options.gaps ?? 'drop';
  if (!GAP_POLICIES.includes(gaps)) throw new UsageError(`unknown gap policy "${String(gaps)}" (expected ${GAP_POLICIES.join(' or ')})`, { field: 'gaps' });
  return {
    firm,
    market,
    event: options.event,
    estimation: options.estimation ?? FLAGSHIP.estimation,
    window: options.window ?? FLAGSHIP.window,
    model,
    returns,
    confidence,
    carWindow: options.carWindow,
    shares: options.shares,
    minEstimationDays: options.minEstimationDays ?? MIN_ESTIMATION_DAYS,
    gaps,
  };
}
