/**
 * The study options of the command line (`sputnik study`, and the samples and simulations that
 * take the same design options): parsed values to checked `StudyOptions`.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { FLAGSHIP } from '../study/defaults.js';
import type { DataOptions } from '../study/load.js';
import type { StudyOptions } from '../study/types.js';
import { parseDateWindow, parseOffsets, type WindowSpec } from '../study/windows.js';
import { numberOption } from './args.js';

export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function windowOption(values: Values, offsetsKey: string, datesKey: string, fallback: WindowSpec): WindowSpec {
  const offsets = values[offsetsKey] as string | undefined;
  const dates = values[datesKey] as string | undefined;
  if (offsets !== undefined && dates !== undefined) throw new UsageError(`give --${offsetsKey} or --${datesKey}, not both`);
  if (dates !== undefined) return parseDateWindow(dates, `--${datesKey}`);
  if (offsets !== undefined) return parseOffsets(offsets, `--${offsetsKey}`);
  return fallback;
}

/** Turn parsed command-line values into study options (defaults: the flagship design). */
export function studyOptionsFrom(values: Values): StudyOptions & DataOptions {
  if (values.live && values.data !== undefined) throw new UsageError('give --live or --data, not both');
  if (!values.live && (values['cache-dir'] !== undefined || values['no-cache'])) throw new UsageError('--cache-dir and --no-cache go with --live');
  if (values['cache-dir'] !== undefined && values['no-cache']) throw new UsageError('give --cache-dir or --no-cache, not both');
  const returns = (values.returns as string | undefined) ?? FLAGSHIP.returns;
  if (returns !== 'simple' && returns !== 'log') throw new UsageError(`--returns "${returns}" must be simple or log`);
  const gaps = (values.gaps as string | undefined) ?? 'drop';
  if (gaps !== 'drop' && gaps !== 'multi-day') throw new UsageError(`--gaps "${gaps}" must be drop or multi-day`);
  const min = numberOption(values['min-estimation-days'] as string | undefined, 'min-estimation-days', true);
  if (min !== undefined && !Number.isInteger(min)) throw new UsageError(`--min-estimation-days "${min}" must be a whole number`);
  return {
    firm: ((values.firm as string | undefined) ?? FLAGSHIP.firm).toUpperCase(),
    market: ((values.market as string | undefined) ?? FLAGSHIP.market).toUpperCase(),
    event: (values.event as string | undefined) ?? FLAGSHIP.event,
    estimation: windowOption(values, 'estimation', 'estimation-dates', FLAGSHIP.estimation),
    window: windowOption(values, 'window', 'window-dates', FLAGSHIP.window),
    carWindow: values.car !== undefined ? parseOffsets(values.car as string, '--car') : undefined,
    model: (values.model as string | undefined) ?? FLAGSHIP.model,
    returns,
    shares: numberOption(values.shares as string | undefined, 'shares', true),
    confidence: numberOption(values.confidence as string | undefined, 'confidence', true),
    minEstimationDays: min,
    gaps,
    dataDir: values.data as string | undefined,
    source: values.live ? 'yahoo' : 'fixtures',
    cache: values['no-cache'] ? false : values['cache-dir'] !== undefined ? { dir: values['cache-dir'] as string } : undefined,
  };
}

