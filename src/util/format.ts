/**
 * Numbers and dates as text: the one module that formats them, for the terminal, the charts and
 * the HTML report, in English and French.
 *
 * Two styles:
 * - {@link formatNumber} / {@link formatDate}: typographic text for the report and the charts, in
 *   the conventions of the language (the same as Vega's axes, which use `vegaLocale`):
 *
 *   | lang | decimal | thousands                    | percent                | minus          |
 *   |------|---------|------------------------------|------------------------|----------------|
 *   | en   | `.`     | `,`                          | `16.97%`               | U+2212 `−`     |
 *   | fr   | `,`     | U+202F narrow no-break space | `16,97 %` (U+202F)     | U+2212 `−`     |
 *
 * - {@link plain} / {@link plainP}: ASCII text for terminal tables and one-line reasons
 *   (`-16.968 %`, `592.66 bn`, `5.36e-7`), which copy and paste into any tool.
 *
 * Everything here is a pure function of its arguments: no `Intl`, no system locale, no clock,
 * so output does not depend on the ICU version or the machine's settings.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { isIsoDate } from './dates.js';

/** Languages the charts and the report are written in. */
export type Lang = 'en' | 'fr';

/** Every language the library knows, in a stable order. */
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** U+202F NARROW NO-BREAK SPACE: French thousands separator and space before `%`. */
export const NNBSP = '\u202f';
/** U+00A0 NO-BREAK SPACE: French space before `:` and between a number and its unit. */
export const NBSP = '\u00a0';
/** U+2212 MINUS SIGN, used by Vega (d3-format) and by {@link formatNumber}. */
export const MINUS = '\u2212';

/** `lang` if it is a known language (default `en`), else an error naming what was given. */
export function checkLang(lang: unknown): Lang {
  if (lang === undefined) return 'en';
  if (lang === 'en' || lang === 'fr') return lang;
  throw new UsageError(`unknown language "${String(lang)}" (expected "en" or "fr")`, { field: 'lang' });
}

/** Month names, long and short, by language (also used by the charts' Vega locale). */
export const MONTHS: Readonly<Record<Lang, { long: readonly string[]; short: readonly string[] }>> = {
  en: {
    long: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  fr: {
    long: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    short: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  },
};

/** Options for {@link formatNumber}. */
export interface FormatNumberOptions {
  /** Digits after the decimal mark. Default: 0 for integers, else 2. */
  digits?: number;
  /**
   * `'percent'` multiplies by 100 and appends the language's percent sign; `'pvalue'` writes a
   * p-value with 4 digits, or `< 0.0001` below that. Default `'decimal'`.
   */
  style?: 'decimal' | 'percent' | 'pvalue';
  /** `'always'` writes `+` before positive numbers. Default `'auto'`. */
  sign?: 'auto' | 'always';
  /** Text after the number, joined with a no-break space (e.g. `'bn USD'`). */
  unit?: string;
}

/**
 * A number as text in the conventions of `lang` (see the module table): decimal comma and
 * narrow no-break-space thousands in French, U+2212 for minus in both languages (as in the chart
 * axes), `-0` and values that round to zero written without a sign. Non-finite values come out
 * as `NaN`, `∞` or `−∞`. Deterministic: does not use `Intl`.
 *
 * @example
 * formatNumber(-0.169686, 'fr', { style: 'percent' }); // '−16,97 %' (U+202F before %)
 * formatNumber(592.66, 'en', { digits: 1 });           // '592.7'
 * formatNumber(24490000000, 'fr');                     // '24 490 000 000' (U+202F groups)
 * formatNumber(3e-12, 'en', { style: 'pvalue' });      // '< 0.0001'
 */
export function formatNumber(value: number, lang: Lang = 'en', opts: FormatNumberOptions = {}): string {
  const l = checkLang(lang);
  const pct = opts.style === 'percent';
  if (Number.isNaN(value)) return 'NaN';
  if (opts.style === 'pvalue') {
    const digits = opts.digits ?? 4;
    const floor = 10 ** -digits;
    return value > 0 && value < floor ? `< ${formatNumber(floor, l, { digits })}` : formatNumber(value, l, { digits });
  }
  if (!Number.isFinite(value)) return value > 0 ? (opts.sign === 'always' ? '+∞' : '∞') : `${MINUS}∞`;
  const v = pct ? value * 100 : value;
  const digits = opts.digits ?? (Number.isInteger(v) ? 0 : 2);
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new UsageError(`formatNumber: digits must be an integer from 0 to 20, got ${digits}`, { field: 'digits' });
  }
  const fixed = Math.abs(v).toFixed(digits); // '1234.57' (exponent form only above 1e21)
  const isZero = /^[0.]*$/.test(fixed);
  const [intPart = '0', frac] = fixed.split('.');
  const sep = l === 'fr' ? NNBSP : ',';
  const grouped = intPart.includes('e') ? intPart : intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  let s = grouped + (frac !== undefined ? (l === 'fr' ? ',' : '.') + frac : '');
  if (!isZero && v < 0) s = MINUS + s;
  else if (!isZero && v > 0 && opts.sign === 'always') s = '+' + s;
  if (pct) s += l === 'fr' ? `${NNBSP}%` : '%';
  if (opts.unit) s += NBSP + opts.unit;
  return s;
}

/**
 * An ISO date (`YYYY-MM-DD`) as a short human date: `27 Jan 2025` / `27 janv. 2025`, or with
 * `style: 'long'` `27 January 2025` / `27 janvier 2025`. Pure string work, no time zone.
 * Anything that is not a real ISO date (`2025-02-30` included) is returned unchanged.
 *
 * @example
 * formatDate('2025-01-27', 'fr'); // '27 janv. 2025'
 */
export function formatDate(iso: string, lang: Lang = 'en', style: 'short' | 'long' = 'short'): string {
  if (!isIsoDate(iso)) return iso;
  const l = checkLang(lang);
  const day = Number(iso.slice(8, 10));
  const name = MONTHS[l][style][Number(iso.slice(5, 7)) - 1]!;
  const dayText = l === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayText}${NBSP}${name} ${iso.slice(0, 4)}`;
}

/** Options for {@link plain}. */
export interface PlainOptions {
  /** Digits after the decimal point (default 4). */
  digits?: number;
  /** Multiply by this first (100 for a percentage of a decimal return). */
  times?: number;
  /** Divide by this first (1e9 for billions). */
  per?: number;
  /** Text after the number (`' %'`, `' bn'`, `' pts'`). */
  suffix?: string;
  /** Write `+` before numbers at or above zero. */
  plus?: boolean;
  /** What a null or non-finite value reads as (default `n/a`). */
  missing?: string;
}

/**
 * A number as plain ASCII text for the terminal: fixed digits, `-` for minus, `.` for the
 * decimal point, no thousands separators.
 *
 * @example
 * plain(-0.16968, { times: 100, digits: 3, suffix: ' %' }); // '-16.968 %'
 * plain(592.66e9, { per: 1e9, digits: 2, suffix: ' bn' });  // '592.66 bn'
 * plain(null, { missing: 'unknown' });                      // 'unknown'
 */
export function plain(value: number | null | undefined, o: PlainOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return o.missing ?? 'n/a';
  let v = value;
  if (o.times !== undefined) v *= o.times;
  if (o.per !== undefined) v /= o.per;
  return `${o.plus && v >= 0 ? '+' : ''}${v.toFixed(o.digits ?? 4)}${o.suffix ?? ''}`;
}

/**
 * A count and an English noun, with an `s` unless the count is 1 (for terminal text and notes).
 *
 * @example
 * plural(1, 'firm');              // '1 firm'
 * plural(3, 'NYSE trading day');  // '3 NYSE trading days'
 * plural(0, 'bar');               // '0 bars'
 */
export function plural(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}

/**
 * A p-value as plain text: four decimals, or three significant digits in exponent form below
 * 1e-4 so that tiny p-values keep their size.
 *
 * @example
 * plainP(0.2603); // '0.2603'
 * plainP(5.36e-7); // '5.36e-7'
 */
export function plainP(p: number): string {
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}
