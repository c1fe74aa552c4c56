/**
 * A small parser for the numeric expressions French financial journalism uses: "600 milliards de
 * dollars", "près de 590 milliards", "5,6 millions de dollars", "385 millions d’euros", "17 %",
 * "27 fois moins cher", "multipliée par 15", "2 à 3 fois", "50 000 puces".
 *
 * Grammar implemented (SP is one of U+0020 space, U+00A0 no-break space, U+202F narrow no-break
 * space or a tab; a figure never spans a line break):
 *
 * ```text
 * figure      := qualifier? core | qualifier? multiplied
 * qualifier   := ("près de" | "presque" | "quasiment")                  -> 'près de'
 *              | ("environ" | "quelque" | "autour de" | "approximativement" | "de l’ordre de")
 *                                                                         -> 'environ'
 *              | ("plus de" | "un peu plus de" | "au-delà de")           -> 'plus de'
 *              | ("au moins" | "pas moins de")                           -> 'au moins'
 *              | ("jusqu’à" | "jusqu'à")                                 -> 'jusqu’à'
 *              | ("moins de" | "un peu moins de")                        -> 'moins de'
 *                (case-insensitive; in "d’environ 2 milliards" the elided "d’" belongs to the
 *                preceding noun, so the figure starts at "environ")
 * multiplied  := ("multiplié" | "multipliée" | "multipliés" | "multipliées") SP "par" SP number
 *                                                                         -> ratio
 * core        := number ( SP* ("à" | "et" | "-" | "–") SP* number )? tail
 *                (a range is only accepted when a unit follows: "2 à 3 fois", "10 à 15 %")
 * number      := sign? int ( "," digit+ )?
 * sign        := "-" | "−" | "+"
 * int         := digit{1,3} ( SP digit{3} )+  |  digit+               ("50 000", "1 000 000", "590")
 * tail        := SP? "%" | SP "pour" SP "cent"                          -> percent
 *              | SP "fois" ( SP ("moins"|"plus"|"mieux"|"autant") ( SP adjective )? )?
 *                                                                         -> ratio
 *                (but "N fois par an|jour|mois|semaine|heure…" is a frequency: no figure)
 *              | scale ( currency-after-scale | count-after-scale )?
 *              | currency
 *              | SP count-noun                                           -> count
 *              | ε                                                       -> no unit written
 * scale       := SP ("mille" | "millier(s)" | "million(s)" | "milliard(s)" | "billion(s)")
 *              | SP ("Md" | "Mds" | "Mrd" | "Mrds")                     (1e9)
 *              | SP "M" when "$" or "€" follows                          (1e6)
 *                mille, millier = 1e3; million = 1e6; milliard = 1e9; billion = 1e12 (long scale:
 *                a French "billion" is an English trillion)
 * currency-after-scale := SP "de" SP currency-word | SP "d’" currency-word | SP "d'" currency-word
 *              | currency
 * currency    := SP? ("$" | "€") | SP ("USD" | "EUR" | currency-word)
 * currency-word := "dollar(s)" | "euro(s)"
 * count-after-scale := SP ("de" SP | "d’" | "d'") count-noun
 * count-noun  := "puces" | "GPU(s)" | "processeurs" | "serveurs" | "cartes graphiques" | "actions"
 *              | "utilisateurs" | "téléchargements" | "employés" | "salariés" | "ingénieurs"
 *              | "chercheurs" | "paramètres" | "brevets" | "abonnés" | "clients"
 * ```
 *
 * A number must not touch a letter, digit, "-", "/", "_", or a "." or "," followed by a digit on
 * either side, so model names ("GPT-4", "Qwen 2.5", "R1", "V3/R1", "o1", "H100", "Hunyuan 3D",
 * "Claude 3.5 Sonnet") never yield a figure. Dotted thousands ("1.000"), Swiss apostrophes and
 * English decimals ("2.5") are not French and are not read. Numbers written in words ("deux",
 * "quelques dizaines de millions", "des milliards") are not figures: only digits are read.
 *
 * Values are exact: the digits and the decimal exponent are combined as a decimal literal
 * (`Number("56e5")`), which JavaScript rounds correctly, so "5,6 millions" is exactly 5600000 and
 * "590 milliards" exactly 590000000000, with no float noise from `5.6 * 1e6`.
 *
 * Bad input: the `parse*` functions return `null` for text that is not in the grammar (they parse
 * free text, where "not a figure" is an ordinary answer); they throw a `UsageError` only when given
 * something that is not a string.
 *
 * @module
 */

import { UsageError } from '../errors.js';

/** Normalized hedge written before a figure. */
export type Qualifier = 'près de' | 'environ' | 'plus de' | 'au moins' | 'jusqu’à' | 'moins de' | null;

/** Currencies the grammar recognises. */
export type Currency = 'USD' | 'EUR';

/** Unit written with a figure; `null` when none is written ("600 milliards", "au moins 60"). */
export type FigureUnit = Currency | 'percent' | 'ratio' | 'count' | null;

/** One figure found in a text by {@link scanFrenchFigures}. */
export interface FrenchFigure {
  /** UTF-16 offset of the first character of `text` (the qualifier when there is one). */
  start: number;
  /** UTF-16 offset just after the last character of `text`. */
  end: number;
  /** Verbatim figure: qualifier, number(s), scale word and unit. */
  text: string;
  /** Offset of the first digit (or sign) of the first number. */
  numberStart: number;
  /** Exact value, scale applied (590e9 for "590 milliards", 17 for "17 %"). */
  value: number;
  /** Upper bound of a range ("2 à 3 fois" -> 3). */
  valueHigh?: number;
  /** Digits of the first number, without separators, sign or decimal comma ("56" for "5,6"). */
  mantissa: string;
  /** Power of ten such that value = ±mantissa × 10^exponent ("5,6 millions" -> 5). */
  exponent: number;
  /** Sign of the first number. */
  negative: boolean;
  /** Power of ten of the scale word (9 for "milliards", 0 when none). */
  scaleExponent: number;
  /** Unit written; `null` when none. */
  unit: FigureUnit;
  /** True when a currency was written ("de dollars", "€"...). */
  currencyStated: boolean;
  /** Normalized qualifier. */
  qualifier: Qualifier;
  /** The counted noun for unit 'count' ("puces"). */
  countNoun?: string;
}

/** A figure parsed from a whole string by {@link parseFrenchAmount}. */
export type ParsedFrenchAmount = Omit<FrenchFigure, 'start' | 'end' | 'numberStart'>;

const SP = '[ \\u00A0\\u202F\\t]';
const NOT_LETTER = '(?!\\p{L})';
const NUMBER_CORE = `([-−+]?)(\\d{1,3}(?:${SP}\\d{3})+|\\d+)(?:,(\\d+))?(?![\\p{L}\\p{N}]|[.,]\\d)`;
const NUMBER_BEFORE = '(?<![\\p{L}\\p{N}_.,/\\\\-])';

/** Global scanner for number tokens. */
const NUMBER_G = new RegExp(NUMBER_BEFORE + NUMBER_CORE, 'gu');
/** Sticky number token (second number of a range). */
const NUMBER_Y = new RegExp(NUMBER_BEFORE + NUMBER_CORE, 'uy');
/** A whole string that is one number. */
const NUMBER_WHOLE = new RegExp(`^${NUMBER_CORE}$`, 'u');

const RANGE_SEP_Y = new RegExp(`${SP}*(?:à|et|-|–)${SP}*`, 'uy');
const PERCENT_Y = new RegExp(`${SP}?%|${SP}+pour${SP}+cent${NOT_LETTER}`, 'uy');
const FREQUENCY_Y = new RegExp(
  `${SP}+fois${SP}+par${SP}+(?:an|année|jour|mois|semaine|heure|minute|seconde)${NOT_LETTER}`,
  'uy',
);
const RATIO_Y = new RegExp(
  `${SP}+fois${NOT_LETTER}(?:${SP}+(?:moins|plus|mieux|autant)${NOT_LETTER}` +
    `(?:${SP}+(?!(?:que|qu|de|des|du|d|en|à|a|le|la|les|l|par|pour)${NOT_LETTER})\\p{L}+)?)?`,
  'uy',
);
const SCALE_Y = new RegExp(
  `${SP}+(milliards?|milliers?|millions?|billions?|mille)${NOT_LETTER}` +
    `|${SP}+(Mds?|Mrds?)(?![\\p{L}\\p{N}])` +
    `|${SP}+(M)(?=${SP}?[$€])`,
  'uy',
);
const CURRENCY_WORD = '(dollars?|euros?)';
const CURRENCY_AFTER_SCALE_Y = new RegExp(
  `(?:${SP}+de${SP}+|${SP}+d[’'])${CURRENCY_WORD}${NOT_LETTER}` +
    `|${SP}?([$€])` +
    `|${SP}+(USD|EUR)(?![\\p{L}\\p{N}])` +
    `|${SP}+${CURRENCY_WORD}${NOT_LETTER}`,
  'uy',
);
const CURRENCY_Y = new RegExp(
  `${SP}?([$€])|${SP}+(USD|EUR)(?![\\p{L}\\p{N}])|${SP}+${CURRENCY_WORD}${NOT_LETTER}`,
  'uy',
);
const COUNT_NOUN =
  '(puces|GPUs?|processeurs|serveurs|cartes graphiques|actions|utilisateurs|téléchargements|' +
  'employés|salariés|ingénieurs|chercheurs|paramètres|brevets|abonnés|clients)';
const COUNT_AFTER_SCALE_Y = new RegExp(`(?:${SP}+de${SP}+|${SP}+d[’'])${COUNT_NOUN}${NOT_LETTER}`, 'uy');
const COUNT_Y = new RegExp(`${SP}+${COUNT_NOUN}${NOT_LETTER}`, 'uy');

const QUALIFIER_WORDS = [
  'un peu plus de', 'un peu moins de', 'pas moins de', 'au-delà de', 'de l[’\']ordre de', 'jusqu[’\']à',
  'approximativement', 'autour de', 'environ', 'quelque', 'près de', 'presque', 'quasiment', 'plus de',
  'au moins', 'moins de',
];
const QUALIFIER_BEFORE = new RegExp(
  `(?<!\\p{L})(${QUALIFIER_WORDS.map((q) => q.replace(/ /g, `${SP}+`)).join('|')})${SP}+$`,
  'iu',
);
const MULTIPLIED_BEFORE = new RegExp(`(?<!\\p{L})multipli(?:é|ée|és|ées)${SP}+par${SP}+$`, 'iu');

const QUALIFIERS: Record<string, Exclude<Qualifier, null>> = {
  'près de': 'près de',
  presque: 'près de',
  quasiment: 'près de',
  environ: 'environ',
  quelque: 'environ',
  'autour de': 'environ',
  approximativement: 'environ',
  'de l’ordre de': 'environ',
  'plus de': 'plus de',
  'un peu plus de': 'plus de',
  'au-delà de': 'plus de',
  'au moins': 'au moins',
  'pas moins de': 'au moins',
  'jusqu’à': 'jusqu’à',
  'moins de': 'moins de',
  'un peu moins de': 'moins de',
};

const SCALES: Record<string, number> = {
  mille: 3,
  millier: 3,
  milliers: 3,
  million: 6,
  millions: 6,
  milliard: 9,
  milliards: 9,
  billion: 12,
  billions: 12,
  Md: 9,
  Mds: 9,
  Mrd: 9,
  Mrds: 9,
  M: 6,
};

function assertString(value: unknown, fn: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new UsageError(`${fn} expects a string, got ${value === null ? 'null' : typeof value}`, {
      symbol: fn,
    });
  }
}

/**
 * Exact value of ±mantissa × 10^exponent, rounded once (by `Number` on a decimal literal).
 *
 * @example
 * exactDecimal('56', 5)     // 5600000
 * exactDecimal('56', -1)    // 5.6
 * exactDecimal('590', 9)    // 590000000000
 */
export function exactDecimal(mantissa: string, exponent: number, negative = false): number {
  if (!/^\d+$/.test(mantissa) || !Number.isInteger(exponent)) {
    throw new UsageError(`exactDecimal: bad mantissa "${mantissa}" or exponent ${exponent}`, {
      symbol: 'exactDecimal',
    });
  }
  const value = Number(`${mantissa}e${exponent}`);
  return negative && value !== 0 ? -value : value;
}

interface NumberParts {
  negative: boolean;
  mantissa: string;
  fractionDigits: number;
}

function numberParts(sign: string | undefined, int: string, frac: string | undefined): NumberParts {
  const digits = int.replace(/[^\d]/g, '') + (frac ?? '');
  return {
    negative: sign === '-' || sign === '−',
    mantissa: digits.replace(/^0+(?=\d)/, ''),
    fractionDigits: frac?.length ?? 0,
  };
}

/**
 * Parses one French-formatted number: thousands grouped by a space, a no-break space (U+00A0)
 * or a narrow no-break space (U+202F), a decimal comma, an optional sign. Returns `null` when the
 * (trimmed) string is not exactly one number.
 *
 * @example
 * parseFrenchNumber('1 000')        // 1000
 * parseFrenchNumber('50\u202F000')  // 50000
 * parseFrenchNumber('5,6')          // 5.6
 * parseFrenchNumber('-17')          // -17
 * parseFrenchNumber('2.5')          // null (English decimal point)
 */
export function parseFrenchNumber(text: string): number | null {
  assertString(text, 'parseFrenchNumber');
  const m = NUMBER_WHOLE.exec(text.trim());
  if (!m || m[2] === undefined) return null;
  const p = numberParts(m[1], m[2], m[3]);
  return exactDecimal(p.mantissa, -p.fractionDigits, p.negative);
}

/**
 * Power of ten of a French scale word: mille/millier(s) 3, million(s) 6, milliard(s) 9,
 * billion(s) 12 (long scale), and the abbreviations Md/Mds/Mrd/Mrds 9, M 6. `null` otherwise.
 *
 * @example
 * scaleExponent('milliard')   // 9
 * scaleExponent('Billions')   // 12
 * scaleExponent('trillion')   // null
 */
export function scaleExponent(word: string): number | null {
  assertString(word, 'scaleExponent');
  const w = word.trim();
  return SCALES[w] ?? SCALES[w.toLowerCase()] ?? null;
}

/**
 * Currency named by a French currency expression: "de dollars", "dollars", "d’euros", "d'euros",
 * "euros", "$", "€", "USD", "EUR" (and singular "dollar"/"euro"). `null` otherwise.
 *
 * @example
 * parseCurrency('de dollars')  // 'USD'
 * parseCurrency('d’euros')     // 'EUR'
 * parseCurrency('€')           // 'EUR'
 * parseCurrency('yuans')       // null
 */
export function parseCurrency(text: string): Currency | null {
  assertString(text, 'parseCurrency');
  const t = text.trim().replace(/^(?:de\s+|d[’'])/i, '');
  if (/^(?:dollars?|usd|\$)$/i.test(t)) return 'USD';
  if (/^(?:euros?|eur|€)$/i.test(t)) return 'EUR';
  return null;
}

/**
 * Normalizes a hedge written before a figure ("près de", "d’environ", "quelque", "jusqu'à"...)
 * to the {@link Qualifier} union; `null` for anything else (including the empty string).
 *
 * @example
 * normalizeQualifier('Près de')     // 'près de'
 * normalizeQualifier('d’environ')   // 'environ'
 * normalizeQualifier("jusqu'à")     // 'jusqu’à'
 * normalizeQualifier('pas moins de') // 'au moins'
 */
export function normalizeQualifier(text: string): Qualifier {
  assertString(text, 'normalizeQualifier');
  const t = text
    .trim()
    .toLowerCase()
    .replace(/'/g, '’')
    .replace(/[\u00A0\u202F\t ]+/g, ' ')
    .replace(/^d’(?=environ$)/, '');
  return QUALIFIERS[t] ?? null;
}

interface Tail {
  end: number;
  unit: FigureUnit;
  scaleExponent: number;
  currencyStated: boolean;
  countNoun?: string;
}

function stickyAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Reads the unit after a number ending at `pos`; `null` when the number is a frequency. */
function readTail(text: string, pos: number): Tail | null {
  let m = stickyAt(PERCENT_Y, text, pos);
  if (m) return { end: pos + m[0].length, unit: 'percent', scaleExponent: 0, currencyStated: false };
  if (stickyAt(FREQUENCY_Y, text, pos)) return null;
  m = stickyAt(RATIO_Y, text, pos);
  if (m) return { end: pos + m[0].length, unit: 'ratio', scaleExponent: 0, currencyStated: false };
  m = stickyAt(SCALE_Y, text, pos);
  if (m) {
    const word = m[1] ?? m[2] ?? m[3] ?? '';
    const scale = SCALES[word] ?? 0;
    const afterScale = pos + m[0].length;
    const cur = stickyAt(CURRENCY_AFTER_SCALE_Y, text, afterScale);
    if (cur) {
      const c = parseCurrency(cur[1] ?? cur[2] ?? cur[3] ?? cur[4] ?? '');
      if (c) return { end: afterScale + cur[0].length, unit: c, scaleExponent: scale, currencyStated: true };
    }
    const cnt = stickyAt(COUNT_AFTER_SCALE_Y, text, afterScale);
    if (cnt && cnt[1]) {
      return { end: afterScale + cnt[0].length, unit: 'count', scaleExponent: scale, currencyStated: false, countNoun: cnt[1] };
    }
    return { end: afterScale, unit: null, scaleExponent: scale, currencyStated: false };
  }
  m = stickyAt(CURRENCY_Y, text, pos);
  if (m) {
    const c = parseCurrency(m[1] ?? m[2] ?? m[3] ?? '');
    if (c) return { end: pos + m[0].length, unit: c, scaleExponent: 0, currencyStated: true };
  }
  m = stickyAt(COUNT_Y, text, pos);
  if (m && m[1]) return { end: pos + m[0].length, unit: 'count', scaleExponent: 0, currencyStated: false, countNoun: m[1] };
  return { end: pos, unit: null, scaleExponent: 0, currencyStated: false };
}

/** Start of the current line (figures never span line breaks). */
function lineStart(text: string, pos: number): number {
  const nl = text.lastIndexOf('\n', pos - 1);
  return nl === -1 ? 0 : nl + 1;
}

/**
 * Finds every number written with digits in `text` and reads it with the grammar above: its
 * qualifier, range, scale, currency, percent sign, ratio or counted noun. Numbers with no unit
 * ("au moins 60", "9 octobre 2025", "1957") are returned with `unit: null` and
 * `scaleExponent: 0`, for the caller to interpret or drop; frequencies ("3 fois par an") are
 * dropped. Offsets are UTF-16 offsets into `text`.
 *
 * @example
 * scanFrenchFigures('Nvidia a vu près de 590 milliards de dollars partir en fumée.')
 * // [{ text: 'près de 590 milliards de dollars', value: 590e9, unit: 'USD',
 * //    qualifier: 'près de', currencyStated: true, start: 12, end: 44, ... }]
 */
export function scanFrenchFigures(text: string): FrenchFigure[] {
  assertString(text, 'scanFrenchFigures');
  const out: FrenchFigure[] = [];
  NUMBER_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER_G.exec(text)) !== null) {
    const numberStart = m.index;
    const first = numberParts(m[1], m[2] ?? '', m[3]);
    let afterNumbers = numberStart + m[0].length;
    let second: NumberParts | null = null;

    let tail = readTail(text, afterNumbers);
    if (tail && tail.unit === null && tail.scaleExponent === 0) {
      // Maybe a range: "2 à 3 fois", "10 à 15 %", "5 et 6 milliards de dollars".
      const sep = stickyAt(RANGE_SEP_Y, text, afterNumbers);
      if (sep) {
        const n2 = stickyAt(NUMBER_Y, text, afterNumbers + sep[0].length);
        if (n2) {
          const end2 = afterNumbers + sep[0].length + n2[0].length;
          const tail2 = readTail(text, end2);
          if (tail2 && (tail2.unit !== null || tail2.scaleExponent !== 0)) {
            second = numberParts(n2[1], n2[2] ?? '', n2[3]);
            afterNumbers = end2;
            tail = tail2;
          }
        }
      }
    }
    if (!tail) {
      NUMBER_G.lastIndex = afterNumbers;
      continue;
    }

    const before = text.slice(Math.max(lineStart(text, numberStart), numberStart - 60), numberStart);
    let start = numberStart;
    let unit = tail.unit;
    const multiplied = MULTIPLIED_BEFORE.exec(before);
    if (multiplied && unit === null && tail.scaleExponent === 0) {
      unit = 'ratio';
      start = numberStart - multiplied[0].length;
    }
    const q = QUALIFIER_BEFORE.exec(text.slice(Math.max(lineStart(text, start), start - 60), start));
    let qualifier: Qualifier = null;
    if (q && q[1]) {
      qualifier = normalizeQualifier(q[1]);
      start -= q[0].length;
    }

    const exponent = tail.scaleExponent - first.fractionDigits;
    const figure: FrenchFigure = {
      start,
      end: tail.end,
      text: text.slice(start, tail.end),
      numberStart,
      value: exactDecimal(first.mantissa, exponent, first.negative),
      mantissa: first.mantissa,
      exponent,
      negative: first.negative,
      scaleExponent: tail.scaleExponent,
      unit,
      currencyStated: tail.currencyStated,
      qualifier,
    };
    if (second) {
      figure.valueHigh = exactDecimal(second.mantissa, tail.scaleExponent - second.fractionDigits, second.negative);
    }
    if (tail.countNoun !== undefined) figure.countNoun = tail.countNoun;
    out.push(figure);
    NUMBER_G.lastIndex = tail.end;
  }
  return out;
}

/**
 * Parses a whole string as one French figure (qualifier, number or range, scale, unit). Returns
 * `null` when the trimmed string is not exactly one figure of the grammar (e.g. "abc", "",
 * "GPT-4", or "590 milliards partis en fumée", which has words after the figure).
 *
 * @example
 * parseFrenchAmount('près de 590 milliards de dollars')
 * // { value: 590000000000, unit: 'USD', currencyStated: true, qualifier: 'près de', ... }
 * parseFrenchAmount('5,6 millions')          // { value: 5600000, unit: null, scaleExponent: 6, ... }
 * parseFrenchAmount('385 millions d’euros')  // { value: 385000000, unit: 'EUR', ... }
 * parseFrenchAmount('17 %')                  // { value: 17, unit: 'percent', ... }
 * parseFrenchAmount('27 fois moins cher')    // { value: 27, unit: 'ratio', ... }
 * parseFrenchAmount('environ 2 à 3 fois')    // { value: 2, valueHigh: 3, unit: 'ratio', qualifier: 'environ' }
 * parseFrenchAmount('abc')                   // null
 */
export function parseFrenchAmount(text: string): ParsedFrenchAmount | null {
  assertString(text, 'parseFrenchAmount');
  const t = text.trim();
  const figures = scanFrenchFigures(t);
  const f = figures[0];
  if (figures.length !== 1 || !f || f.start !== 0 || f.end !== t.length) return null;
  const { start: _s, end: _e, numberStart: _n, ...parsed } = f;
  return parsed;
}
