import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGS, type Lang } from '../util/format.js';
import { UsageError } from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs`, strict, with two conveniences: a negative number after a string option is
 * taken as its value (`--estimation -260,-11` works like `--estimation=-260,-11`), and every
 * complaint becomes a one-line `UsageError`.
 */
export function parse(args: readonly string[], options: Options) {
  const fixed: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      fixed.push(`${a}=${next}`);
      i++;
    } else fixed.push(a);
  }
  try {
    return parseArgs({ args: fixed, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}

/** A number option: finite, and positive if asked. */
export function numberOption(value: string | undefined, name: string, positive = false): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value.replace(/_/g, ''));
  if (value.trim() === '' || !Number.isFinite(v) || (positive && !(v > 0))) {
    throw new UsageError(`--${name} "${value}" must be a ${positive ? 'positive ' : ''}number`);
  }
  return v;
}

/** The `--lang` option: `en` (default) or `fr`. */
export function langOption(value: unknown): Lang {
  if (value === undefined) return 'en';
  if (LANGS.includes(value as Lang)) return value as Lang;
  throw new UsageError(`--lang "${String(value)}" must be ${LANGS.join(' or ')}`);
}

/** A progress line on stderr, only when a person is watching (stderr is a terminal). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
