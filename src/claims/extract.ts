/**
 * Claims extractor: finds every figure an article quotes (money amounts, percentages, ratios and
 * counts of chips/users/...) and says what each one is about.
 *
 * Rules (heuristic, reviewed against the seed articles; see `fixtures/claims.json`):
 *
 * - **What is a figure.** Only numbers written with digits and read by the grammar of
 *   `french.ts`: a money amount (currency written, or a scaled number such as "600 milliards"
 *   in a monetary context), a percentage, a ratio ("27 fois moins cher", "multipliée par 15",
 *   "2 à 3 fois"), or a count of a listed noun ("50 000 puces": unit 'count', kind 'other').
 *   Vague quantities with no digits ("quelques dizaines de millions", "des milliards") are never
 *   recorded: a registry must not invent a number. Dates ("9 octobre 2025", "du 6 au 11
 *   février"), years ("1957", "2023") and model names ("GPT-4", "R1", "Qwen 2.5") have no unit
 *   and are dropped. A scaled number with no currency ("80 milliards d’investissements") is money
 *   only when a monetary cue or a money noun says so; otherwise it is dropped.
 * - **Elliptic figures.** A bare number closing a clause ("…, quand Meta en promet au moins 60.")
 *   after a money figure in the same sentence inherits that figure's scale and currency
 *   (`currencyStated: false`). Year-like integers (1800–2100) are never elliptic.
 * - **Implied currency.** When no currency is written: the currency of the nearest earlier figure
 *   of the same article that stated one and whose subject is in the same currency area (a US
 *   firm for a US subject, a euro-area firm for a euro-area subject); failing that, the home
 *   currency of the subject (USD for US subjects, EUR for euro-area subjects); failing that, the
 *   nearest earlier stated currency of any figure, else USD. `currencyStated` is then `false`.
 * - **Kind.** Cue words are looked for in widening contexts: the clause before the figure, the
 *   clause after it, the text between the neighbouring figures, then the whole sentence. The
 *   first context with a cue decides, in this order: market-value loss (a loss verb, plus a
 *   market word or a listed firm in the sentence), hardware cost (a cost verb, plus chips in
 *   the sentence), funding round, valuation, investment plan, training cost, investment. The
 *   noun right after the figure ("d’investissement") only decides when no context does. An
 *   investment whose subject is a project (Stargate) is an investment plan. Percentages are
 *   price moves when a move verb meets a market word or listed firm; ratios are valuations or
 *   price moves on the same cues, else 'other'; counts are 'other'.
 * - **Per-share prices.** A money amount written without a scale word and below 10 000
 *   ("118,42 dollars", "a perdu 24,20 dollars") in a sentence about shares or the market
 *   ("action", "titre", "cours", "clôturé", "séance", "bourse"…) is kind `share-price`: a price a
 *   share or its change, never a market-value loss (market values are quoted in millions or
 *   milliards). It carries no firms and is not reconciled.
 * - **Subject.** For market moves, the first listed firm named in the sentence. Otherwise: the
 *   firm named right after the figure ("… de Nvidia", "… pour Nvidia"); else the nearest firm
 *   before the figure in its clause; else the first firm of the sentence; else the first firm of
 *   the previous sentence; else the firm the article names most. Firms in a genitive ("les puces
 *   de Nvidia", "o1 d’OpenAI") or in a list of participants ("impliquant OpenAI, SoftBank…") are
 *   skipped by the non-market rules. Names are canonical English ("Nvidia", "Mistral AI",
 *   "Stargate project"); a basket ("NVIDIA et d’autres géants tech") gives
 *   "Nvidia and other tech giants". `subjectFr` is the same subject in French ("projet
 *   Stargate", "Nvidia et d’autres géants de la tech"), for French output.
 * - **Offsets.** `start`/`end`/`sentenceStart`/`sentenceEnd` are UTF-16 code units (JavaScript
 *   string indices); `codePoints` holds the same offsets in Unicode code points (Python indices).
 * - **Firms.** Only market moves carry tickers: the subject's ticker, plus '*' for a basket of
 *   unnamed others; `[]` when the subject is not listed and for every other kind.
 * - **Horizon.** A verbatim phrase in the figure's part of the sentence: "en une (seule) journée"
 *   (one-day), "en une (seule) séance" (one-session), "en quelques heures" (intraday), "cette
 *   année" (year).
 * - **Direction.** Market moves also get `direction: 'down' | 'up'` from the verb.
 *
 * @module
 */

import { UsageError } from '../errors.js';
import { exactDecimal, scanFrenchFigures, type Currency, type FrenchFigure, type Qualifier } from './french.js';

export type { Qualifier } from './french.js';

/** What a quoted figure is about. */
export type ClaimKind =
  | 'market-value-loss'
  | 'price-move'
  | 'training-cost'
  | 'investment-plan'
  | 'funding-round'
  | 'valuation'
  | 'investment'
  | 'hardware-cost'
  | 'share-price'
  | 'other';

/** How long the quoted move took. */
export type HorizonKind = 'one-day' | 'one-session' | 'intraday' | 'year';

/** Unit of a claim's value. */
export type ClaimUnit = Currency | 'percent' | 'ratio' | 'count';

/** One figure quoted by an article. */
export interface QuotedClaim {
  /** Stable id: seed prefix (file name up to "_") and 1-based index in the article, "004-03". */
  id: string;
  /** Seed file name, e.g. "004_71293b6954c078df.txt". */
  seed: string;
  /**
   * Offsets of `text` in the file content (read as UTF-8), in **UTF-16 code units**: JavaScript
   * string indices, `content.slice(start, end) === text`. Python, Rust and most other languages
   * index strings by code point instead: use {@link QuotedClaim.codePoints} there (emoji and other
   * characters beyond U+FFFF take two UTF-16 units but one code point).
   */
  start: number;
  end: number;
  /** Verbatim figure, qualifier included: "près de 590 milliards de dollars". */
  text: string;
  /** Verbatim sentence containing the figure (`content.slice(sentenceStart, sentenceEnd)`, UTF-16 code units). */
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  /**
   * The same four offsets in **Unicode code points**: in Python,
   * `content[c["codePoints"]["start"]:c["codePoints"]["end"]] == c["text"]`.
   */
  codePoints: { start: number; end: number; sentenceStart: number; sentenceEnd: number };
  /** Value in `unit`: 590e9 for USD, 17 for percent, 27 for a ratio. As written (a loss is positive). */
  value: number;
  /** Upper bound of a range ("2 à 3 fois"). */
  valueHigh?: number;
  unit: ClaimUnit;
  /** True when the currency is written next to the figure; false for implied currencies and non-money units. */
  currencyStated: boolean;
  qualifier: Qualifier;
  /** Who the figure is about, in English: "Nvidia", "Nvidia and other tech giants", "Stargate project". */
  subject: string;
  /** The same in French: "Nvidia", "Nvidia et d’autres géants de la tech", "projet Stargate" (absent in registries written before it existed). */
  subjectFr?: string;
  /** Tickers, for market moves only: ['NVDA'], ['NVDA', '*'] for a basket; [] otherwise. */
  firms: string[];
  /** Verbatim horizon phrase: "en une journée", "en une seule séance", "En quelques heures", "cette année". */
  horizon: string | null;
  horizonKind: HorizonKind | null;
  kind: ClaimKind;
  /** For market moves: the direction of the move, when a verb says it. */
  direction?: 'down' | 'up';
}

/** One article: its file name and its full text. */
export interface Seed {
  name: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Firms and projects

interface Entity {
  name: string;
  /** The name in French when it differs ("projet Stargate"). */
  nameFr?: string;
  pattern: RegExp;
  country: string;
  ticker?: string;
  project?: true;
  index?: true;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const ent = (name: string, alias: string, country: string, ticker?: string, type?: 'project' | 'index'): Entity => {
  const e: Entity = { name, pattern: new RegExp(`${B}(?:${alias})${E}`, 'gu'), country };
  if (ticker) e.ticker = ticker;
  if (type === 'project') e.project = true;
  if (type === 'index') e.index = true;
  return e;
};

/**
 * Firms and projects the extractor knows; tickers are US listings (primary or ADR). Their
 * patterns are compiled on first use: importing the library should not pay for ~40 Unicode
 * regular expressions that only the extractor needs.
 */
let entities: readonly Entity[] | undefined;
const ENTITIES = (): readonly Entity[] => (entities ??= [
  ent('Nvidia', 'Nvidia|NVIDIA|nVidia', 'US', 'NVDA'),
  ent('DeepSeek', 'DeepSeek|Deepseek', 'CN'),
  ent('OpenAI', 'OpenAI', 'US'),
  ent('Anthropic', 'Anthropic', 'US'),
  ent('Microsoft', 'Microsoft', 'US', 'MSFT'),
  ent('Meta', 'Meta', 'US', 'META'),
  ent('Google', 'Google(?: DeepMind)?|DeepMind|Alphabet', 'US', 'GOOGL'),
  ent('Amazon', 'Amazon', 'US', 'AMZN'),
  ent('Apple', 'Apple', 'US', 'AAPL'),
  ent('Oracle', 'Oracle', 'US', 'ORCL'),
  ent('Broadcom', 'Broadcom', 'US', 'AVGO'),
  ent('AMD', 'AMD', 'US', 'AMD'),
  ent('Micron', 'Micron', 'US', 'MU'),
  ent('Tesla', 'Tesla', 'US', 'TSLA'),
  ent('Salesforce', 'Salesforce', 'US', 'CRM'),
  ent('TSMC', 'TSMC', 'TW', 'TSM'),
  ent('ASML', 'ASML', 'NL', 'ASML'),
  ent('Alibaba', 'Alibaba', 'CN', 'BABA'),
  ent('Baidu', 'Baidu', 'CN', 'BIDU'),
  ent('Tencent', 'Tencent', 'CN'),
  ent('ByteDance', 'ByteDance', 'CN'),
  ent('Huawei', 'Huawei', 'CN'),
  ent('High-Flyer', 'High-Flyer', 'CN'),
  ent('SoftBank', 'SoftBank|Softbank', 'JP'),
  ent('xAI', 'xAI', 'US'),
  ent('Reflection AI', 'Reflection AI', 'US'),
  ent('Sequoia Capital', 'Sequoia(?: Capital)?', 'US'),
  ent('Lightspeed Venture Partners', 'Lightspeed(?: Venture Partners)?', 'US'),
  ent('MGX', 'MGX', 'AE'),
  ent('Mistral AI', 'Mistral(?: AI| IA)?', 'FR'),
  ent('Aleph Alpha', 'Aleph Alpha', 'DE'),
  ent('BNP Paribas', 'BNP Paribas', 'FR'),
  ent('CMA CGM', 'CMA CGM', 'FR'),
  { ...ent('Stargate project', '[Ss]tar[Gg]ate|STARGATE', 'US', undefined, 'project'), nameFr: 'projet Stargate' },
  ent('Nasdaq', 'Nasdaq(?: Composite| 100)?|NASDAQ', 'US', undefined, 'index'),
  ent('S&P 500', 'S&P 500|S&P', 'US', undefined, 'index'),
  ent('Dow Jones', 'Dow Jones', 'US', undefined, 'index'),
  ent('CAC 40', 'CAC 40|CAC', 'FR', undefined, 'index'),
  ent('SOX', 'SOX|indice des semi-conducteurs de Philadelphie', 'US', undefined, 'index'),
]);

const EURO_AREA = new Set(['FR', 'DE', 'NL', 'IT', 'ES', 'BE', 'AT', 'IE', 'FI', 'PT', 'LU', 'GR']);

interface Mention {
  entity: Entity;
  start: number;
  end: number;
  genitive: boolean;
  participant: boolean;
}

const GENITIVE_BEFORE = /(?:^|[\s(«“"])(?:de|du|des)[ \u00A0\u202F]+$|(?:^|[\s(«“"])d[’']$/iu;
const PARTICIPANT_KEYWORD =
  /(?:^|[\s,(])(?:impliquant|incluant|avec|dont|comme|tels? que|telles? que|parmi|notamment|y compris)[ \u00A0\u202F]*$/iu;
const LIST_GAP = /^[ \u00A0\u202F]*(?:,|et|ou|,[ \u00A0\u202F]*et)[ \u00A0\u202F]*$/u;

/** Entity mentions in `text`, in order, with no overlaps (longest first at a position). */
function findMentions(text: string): Mention[] {
  const raw: { entity: Entity; start: number; end: number }[] = [];
  for (const entity of ENTITIES()) {
    entity.pattern.lastIndex = 0;
    for (const m of text.matchAll(entity.pattern)) {
      raw.push({ entity, start: m.index, end: m.index + m[0].length });
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention[] = [];
  let lastEnd = -1;
  for (const r of raw) {
    if (r.start < lastEnd) continue;
    const before = text.slice(Math.max(0, r.start - 20), r.start);
    mentions.push({ ...r, genitive: GENITIVE_BEFORE.test(before), participant: false });
    lastEnd = r.end;
  }
  return mentions;
}

/** Marks mentions that belong to a list of participants ("impliquant OpenAI, SoftBank et MGX"). */
function markParticipants(text: string, mentions: Mention[], sentenceStart: number): void {
  let previous: Mention | null = null;
  for (const m of mentions) {
    const gapStart: number = previous ? previous.end : sentenceStart;
    const gap = text.slice(Math.max(gapStart, m.start - 40), m.start);
    if (PARTICIPANT_KEYWORD.test(gap)) m.participant = true;
    else if (previous?.participant && LIST_GAP.test(text.slice(previous.end, m.start))) m.participant = true;
    previous = m;
  }
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** A sentence span in the article. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const LEADING_JUNK = /^(?:[\s\u00A0\u202F\uFE0F\u200D\u20E3•·*>]|\p{Extended_Pictographic}|\p{Regional_Indicator}|[-–—](?=\s))+/u;
const TRAILING_SPACE = /[\s\u00A0\u202F]+$/u;
const SENTENCE_END = /[.!?…]+[»"”’)]*(?=[ \u00A0\u202F\t]+(?!\p{Ll}))/gu;

/**
 * Splits an article into sentences: at line breaks, and after ".", "!", "?" or "…" (with any
 * closing quotes) followed by a space and a character that is not a lower-case letter. Leading
 * bullets, emoji and spaces and trailing spaces are left out of each span; empty spans are
 * dropped. Offsets are UTF-16 offsets into `text`.
 *
 * @example
 * splitSentences('➡️ Nvidia perd 17 %. Wall Street chute.\nFin')
 * // [{ start: 3, end: 20 }, { start: 21, end: 39 }, { start: 40, end: 43 }]
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const push = (start: number, end: number): void => {
    const piece = text.slice(start, end);
    const lead = LEADING_JUNK.exec(piece)?.[0].length ?? 0;
    const trail = TRAILING_SPACE.exec(piece)?.[0].length ?? 0;
    if (lead + trail < piece.length) spans.push({ start: start + lead, end: end - trail });
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    let pieceStart = 0;
    SENTENCE_END.lastIndex = 0;
    for (const m of line.matchAll(SENTENCE_END)) {
      const cut = m.index + m[0].length;
      push(lineStart + pieceStart, lineStart + cut);
      pieceStart = cut;
    }
    push(lineStart + pieceStart, lineEnd);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Cues

const w = (alternatives: string): RegExp => new RegExp(`(?<!\\p{L})(?:${alternatives})(?!\\p{L})`, 'iu');

const CUES = {
  loss: w(
    'pertes?|perd|perdu|perdent|perdait|perdre|fumée|effacée?s?|effacé|évaporée?s?|évaporé|' +
      'chute|chuté|chuter|plonge|plongé|plonger|plongeon|dégringolade|dégringolé|recul|reculé|' +
      'baisse|dévissé|décroché|s[’\']est effondrée?|effondrement',
  ),
  gain: w('hausse|gagné|gagne|bondi|bond|grimpé|progressé|envolée de|s[’\']est envolée?'),
  market: w(
    'bourse|boursière|boursier|actions?|titres?|séance|Wall Street|Nasdaq|capitalisation|cours|marchés?',
  ),
  cost: w('coût|coûts|coûte|coûté|coûtent|coûtant|acheté|achetées|achat|dépensé|dépenses'),
  hardware: w(
    'puces?|GPUs?|processeurs?|Hopper|H100|H800|H20|Blackwell|serveurs?|centres? de données|datacenters?|data centers?',
  ),
  funding: w(
    'lève|lèvent|levé|levée|levées|levés|lever|levait|levant|levées de fonds|tour de table|tour de financement|financement|série [A-F]',
  ),
  valuation: w('valorisation|valorisée?s?|valorisé|valeur de|vaut|valant'),
  plan: w('projet|prévoit|prévoient|prévu|prévue|promet|promettent|promis|plan|programme|investira|investiront|compte investir|va investir'),
  training: w('entraîné|entraînée|entraînés|entraîner|entraînement|coût|coûts|coûté|coûte|budget|moyens|modèles?'),
  investment: w('investissements?|investi|investit|investissent|contribution|apport|injecté|injecte|participation'),
};

const MONEY_NOUN = w(
  'investissements?|financements?|capitalisation|valorisation|dépenses?|budgets?|revenus?|' +
    'chiffre|bénéfices?|pertes?|dettes?|fonds|subventions?|crédits?|commandes?',
);

const HORIZONS: readonly { re: RegExp; kind: HorizonKind }[] = [
  { re: w('en une (?:seule )?journée|en un (?:seul )?jour|en 24 heures|sur la journée'), kind: 'one-day' },
  { re: w('en une (?:seule )?séance|sur une (?:seule )?séance|lors de la séance|en séance'), kind: 'one-session' },
  { re: w('en quelques (?:heures|minutes)|en une heure|en quelques instants|dans la matinée'), kind: 'intraday' },
  { re: w('cette année|sur l[’\']année|en un an|sur un an'), kind: 'year' },
];

const BASKET_AFTER = /^[ \u00A0\u202F]+et[ \u00A0\u202F]+(?:d[’']|les[ \u00A0\u202F]+)autres[ \u00A0\u202F]+([^,.;:!?\n]{0,40})/u;
/** What "et d’autres …" names: the English and the French subject of the basket. */
const BASKET_NAMES: readonly [RegExp, string, string][] = [
  [/géants? (?:de la )?tech|géants? technologiques?|valeurs? technologiques?|valeurs? tech/iu, 'other tech giants', 'd’autres géants de la tech'],
  [/fabricants? de puces|valeurs? des semi-conducteurs|semi-conducteurs/iu, 'other chipmakers', 'd’autres fabricants de puces'],
  [/valeurs?|titres?|actions?/iu, 'other stocks', 'd’autres valeurs'],
];

const CLAUSE_BOUNDARY = /[,;:(«–—]/u;
const LAST_CLAUSE = /[,;:(«–—](?=[^,;:(«–—]*$)/u;

/** The clause of `before` that ends at the figure (text after its last clause boundary). */
function lastClause(before: string): string {
  const m = LAST_CLAUSE.exec(before);
  return m ? before.slice(m.index + 1) : before;
}

/** The clause of `after` that starts at the figure (text before its first clause boundary). */
function firstClause(after: string): string {
  const m = CLAUSE_BOUNDARY.exec(after);
  return m ? after.slice(0, m.index) : after;
}

// ---------------------------------------------------------------------------------------------
// Extraction

interface Candidate {
  fig: FrenchFigure;
  sentenceIndex: number;
  unit: ClaimUnit | null;
  value: number;
  valueHigh?: number;
  scaleExponent: number;
  currencyStated: boolean;
  monetary: boolean;
  descriptorEnd: number;
  descriptor: string | null;
  /** For an elliptic figure: the money figure whose scale and currency it inherits. */
  antecedent?: Candidate;
}

interface Context {
  levels: string[];
  sentence: string;
  segment: string;
  descriptor: string | null;
  listedInSentence: boolean;
}

const YEAR_LIKE = /^(1[89]\d\d|20\d\d|2100)$/;
/** The common noun right after a figure: "… d’investissement", "… de financement" (not "de Nvidia"). */
const DESCRIPTOR_AFTER =
  /^[ \u00A0\u202F]+(?:de[ \u00A0\u202F]+|d[’'])(?!(?:la|le|les|l|un|une|ce|cette|ces|son|sa|ses|leur|leurs)(?!\p{L}))(\p{Ll}[\p{L}-]*)/u;
const CLAUSE_END_AFTER = /^[ \u00A0\u202F]*(?:[.;,!?…)]|$)/u;

/**
 * A function from a UTF-16 offset of `text` to the same position in code points: each surrogate
 * pair before the offset counts once, so the result is `[...text.slice(0, offset)].length`.
 *
 * @example
 * codePointIndex('📋 17 %')(3); // 2: the emoji is two UTF-16 units, one code point
 */
export function codePointIndex(text: string): (utf16: number) => number {
  // pairsBefore[i]: surrogate pairs that end before offset i (so `[...text.slice(0, i)].length === i - pairsBefore[i]`).
  const pairsBefore = new Int32Array(text.length + 1);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    pairsBefore[i] = pairs;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const h = text.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) pairs++;
    }
  }
  pairsBefore[text.length] = pairs;
  return (utf16) => utf16 - pairsBefore[Math.max(0, Math.min(utf16, text.length))]!;
}

function seedPrefix(name: string): string {
  const base = name.replace(/\.[^.]*$/, '');
  const us = base.indexOf('_');
  return us > 0 ? base.slice(0, us) : base;
}

/** The sentence without the noun that follows the figure ("d’investissement"). */
function maskDescriptor(text: string, s: SentenceSpan, c: Candidate): string {
  if (c.descriptorEnd === c.fig.end) return text.slice(s.start, s.end);
  return text.slice(s.start, c.fig.end) + ' ' + text.slice(c.descriptorEnd, s.end);
}

function moneyKind(ctx: Context): ClaimKind | null {
  for (const level of ctx.levels) {
    if (CUES.loss.test(level) && (CUES.market.test(ctx.sentence) || ctx.listedInSentence)) return 'market-value-loss';
    if (CUES.cost.test(level) && CUES.hardware.test(ctx.sentence)) return 'hardware-cost';
    if (CUES.funding.test(level)) return 'funding-round';
    if (CUES.valuation.test(level)) return 'valuation';
    if (CUES.plan.test(level)) return 'investment-plan';
    if (CUES.training.test(level)) return 'training-cost';
    if (CUES.investment.test(level)) return 'investment';
  }
  const d = ctx.descriptor;
  if (d !== null) {
    if (CUES.funding.test(d)) return 'funding-round';
    if (CUES.valuation.test(d)) return 'valuation';
    if (CUES.investment.test(d)) return 'investment';
  }
  return null;
}

function moveKind(ctx: Context, unit: 'percent' | 'ratio'): ClaimKind {
  for (const level of ctx.levels) {
    const move = CUES.loss.test(level) || CUES.gain.test(level);
    const market = CUES.market.test(ctx.sentence) || ctx.listedInSentence;
    if (unit === 'percent' && move && market) return 'price-move';
    if (CUES.valuation.test(level)) return 'valuation';
    if (unit === 'ratio' && move && CUES.market.test(ctx.sentence)) return 'price-move';
  }
  return 'other';
}

/** Words that put a small unscaled amount on one share: "l’action", "le titre", "cours", "clôturé à", "par action". */
const PER_SHARE_CUE = w('actions?|titres?|cours|cotée?s?|coté|cotation|clôtur\\p{L}*|séance|bourse|boursière?|Wall Street|Nasdaq|NYSE');
/** Amounts at or above this, or with a scale word, are never read as a price a share. */
const PER_SHARE_MAX = 10_000;

/**
 * A per-share price or per-share price change: a money amount written without a scale word
 * ("118,42 dollars", not "118 milliards"), below {@link PER_SHARE_MAX}, in a sentence that speaks
 * of shares or the stock market. Market values are never quoted that way.
 */
function isPerShare(c: Candidate, ctx: Context): boolean {
  return c.monetary && c.scaleExponent === 0 && Math.abs(c.value) < PER_SHARE_MAX && PER_SHARE_CUE.test(ctx.sentence);
}

function isMarket(kind: ClaimKind): boolean {
  return kind === 'market-value-loss' || kind === 'price-move';
}

/**
 * Extracts every quoted figure of one article. Returns `[]` for an empty text. Throws a
 * `UsageError` when `seedName` or `text` is not a string.
 *
 * @example
 * extractClaims('004_x.txt', 'Nvidia a vu près de 590 milliards de dollars partir en fumée en une seule séance.')
 * // [{ id: '004-01', text: 'près de 590 milliards de dollars', value: 590e9, unit: 'USD',
 * //    qualifier: 'près de', kind: 'market-value-loss', subject: 'Nvidia', firms: ['NVDA'],
 * //    horizon: 'en une seule séance', horizonKind: 'one-session', direction: 'down', ... }]
 */
export function extractClaims(seedName: string, text: string): QuotedClaim[] {
  if (typeof seedName !== 'string' || typeof text !== 'string') {
    throw new UsageError('extractClaims expects (seedName: string, text: string)', { symbol: 'extractClaims' });
  }
  if (text.length === 0) return [];
  const sentences = splitSentences(text);
  const mentions = findMentions(text);
  for (const s of sentences) {
    markParticipants(
      text,
      mentions.filter((m) => m.start >= s.start && m.end <= s.end),
      s.start,
    );
  }
  const mentionCount = new Map<Entity, number>();
  for (const m of mentions) mentionCount.set(m.entity, (mentionCount.get(m.entity) ?? 0) + 1);
  const dominant = [...mentionCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

  const cp = codePointIndex(text);
  const sentenceOf = (pos: number): number => sentences.findIndex((s) => pos >= s.start && pos < s.end);
  const inSentence = (i: number): Mention[] => {
    const s = sentences[i];
    return s ? mentions.filter((m) => m.start >= s.start && m.end <= s.end) : [];
  };

  // 1. Figures with a unit, and elliptic / contextual money.
  const candidates: Candidate[] = [];
  for (const fig of scanFrenchFigures(text)) {
    const sentenceIndex = sentenceOf(fig.numberStart);
    if (sentenceIndex === -1) continue;
    // Digits inside a name ("S&P 500", "CAC 40") are not figures.
    if (mentions.some((m) => fig.numberStart >= m.start && fig.numberStart < m.end)) continue;
    const d = DESCRIPTOR_AFTER.exec(text.slice(fig.end, fig.end + 60));
    const c: Candidate = {
      fig,
      sentenceIndex,
      unit: fig.unit,
      value: fig.value,
      scaleExponent: fig.scaleExponent,
      currencyStated: fig.currencyStated,
      monetary: fig.unit === 'USD' || fig.unit === 'EUR',
      descriptor: d ? d[1] ?? null : null,
      descriptorEnd: d ? fig.end + d[0].length : fig.end,
    };
    if (fig.valueHigh !== undefined) c.valueHigh = fig.valueHigh;
    if (fig.unit === null && fig.scaleExponent === 0) {
      // Elliptic: "…, quand Meta en promet au moins 60."
      const antecedent = [...candidates]
        .reverse()
        .find((p) => p.sentenceIndex === sentenceIndex && (p.monetary || (p.unit === null && p.scaleExponent > 0)));
      const plain = !fig.text.includes(',') && !/[\s\u00A0\u202F]\d/.test(fig.text.slice(fig.numberStart - fig.start));
      if (!antecedent || !CLAUSE_END_AFTER.test(text.slice(fig.end, fig.end + 5))) continue;
      if (plain && YEAR_LIKE.test(fig.mantissa) && fig.exponent === 0) continue;
      c.scaleExponent = antecedent.scaleExponent;
      c.value = exactDecimal(fig.mantissa, fig.exponent + antecedent.scaleExponent, fig.negative);
      c.unit = antecedent.unit;
      c.monetary = antecedent.monetary || antecedent.unit === null;
      c.descriptor = null;
      c.antecedent = antecedent;
    }
    candidates.push(c);
  }

  // 2. Context, kind, subject, currency, horizon.
  const claims: QuotedClaim[] = [];
  const resolved: { claim: QuotedClaim; entity: Entity | null }[] = [];
  const claimOf = new Map<Candidate, QuotedClaim>();
  candidates.forEach((c, idx) => {
    const s = sentences[c.sentenceIndex];
    if (!s) return;
    const prev = candidates[idx - 1];
    const next = candidates[idx + 1];
    const segStart = prev && prev.sentenceIndex === c.sentenceIndex ? prev.descriptorEnd : s.start;
    const segEnd = next && next.sentenceIndex === c.sentenceIndex ? next.fig.start : s.end;
    const beforeText = text.slice(segStart, c.fig.start);
    const afterText = text.slice(c.descriptorEnd, segEnd);
    const clauseBefore = lastClause(beforeText);
    const clauseAfter = firstClause(afterText);
    const sentence = text.slice(s.start, s.end);
    const sentMentions = inSentence(c.sentenceIndex);
    const ctx: Context = {
      levels: [clauseBefore, clauseAfter, beforeText + ' ' + afterText, maskDescriptor(text, s, c)],
      sentence,
      segment: text.slice(segStart, segEnd),
      descriptor: c.descriptor,
      listedInSentence: sentMentions.some((m) => m.entity.ticker !== undefined),
    };

    let kind: ClaimKind;
    if (c.unit === 'percent' || c.unit === 'ratio') kind = moveKind(ctx, c.unit);
    else if (c.unit === 'count') kind = 'other';
    else {
      const mk = moneyKind(ctx);
      const moneyNoun = c.descriptor !== null && MONEY_NOUN.test(c.descriptor);
      if (c.unit === null) {
        // A scaled number with no currency: money only when the context or a money noun says so.
        if (c.descriptor !== null && !moneyNoun) return;
        if (mk === null && !moneyNoun) return;
        c.monetary = true;
      }
      kind = mk ?? 'other';
      // "L’action a clôturé à 118,42 dollars": a price a share, not a sum of money moved.
      if (isPerShare(c, ctx)) kind = 'share-price';
    }

    // Subject.
    let subject: Mention | null = null;
    const after = mentions.find((m) => m.start >= c.fig.end && m.start <= c.descriptorEnd + 12);
    const afterGap = after ? text.slice(c.descriptorEnd, after.start) : '';
    if (after && /^[ \u00A0\u202F]+(?:de|pour|chez)[ \u00A0\u202F]+$|^[ \u00A0\u202F]+d[’']$/u.test(afterGap)) {
      subject = after;
    }
    if (!subject && isMarket(kind)) {
      // The market that moved: the nearest name before the figure in its part of the sentence,
      // genitives included ("les actions de NVIDIA"); else the first listed firm of the sentence.
      subject =
        [...sentMentions].reverse().find((m) => m.start >= segStart && m.end <= c.fig.start) ??
        sentMentions.find((m) => m.entity.ticker !== undefined) ??
        null;
    }
    const usable = (m: Mention): boolean => isMarket(kind) || (!m.genitive && !m.participant);
    if (!subject) {
      const clauseStart = c.fig.start - clauseBefore.length;
      subject = [...sentMentions].reverse().find((m) => m.start >= clauseStart && m.end <= c.fig.start && usable(m)) ?? null;
    }
    if (!subject) subject = sentMentions.find(usable) ?? null;
    if (!subject && c.sentenceIndex > 0) subject = inSentence(c.sentenceIndex - 1).find(usable) ?? null;
    const entity = subject?.entity ?? dominant;
    if (kind === 'investment' && entity?.project) kind = 'investment-plan';

    let subjectName = entity?.name ?? 'unknown';
    let subjectFr = entity ? (entity.nameFr ?? entity.name) : 'inconnu';
    const firms: string[] = [];
    if (isMarket(kind) && subject) {
      if (subject.entity.ticker) firms.push(subject.entity.ticker);
      const basket = BASKET_AFTER.exec(text.slice(subject.end, s.end));
      if (basket) {
        const found = BASKET_NAMES.find(([re]) => re.test(basket[1] ?? ''));
        subjectName = `${subject.entity.name} and ${found ? found[1] : 'others'}`;
        subjectFr = `${subject.entity.nameFr ?? subject.entity.name} et ${found ? found[2] : 'd’autres'}`;
        firms.push('*');
      }
    }

    let horizon: string | null = null;
    let horizonKind: HorizonKind | null = null;
    for (const h of HORIZONS) {
      const m = h.re.exec(ctx.segment);
      if (m) {
        horizon = m[0];
        horizonKind = h.kind;
        break;
      }
    }

    const unit: ClaimUnit = c.unit ?? 'USD'; // placeholder for implied currencies, set below
    const claim: QuotedClaim = {
      id: '',
      seed: seedName,
      start: c.fig.start,
      end: c.fig.end,
      text: c.fig.text,
      sentence,
      sentenceStart: s.start,
      sentenceEnd: s.end,
      codePoints: { start: cp(c.fig.start), end: cp(c.fig.end), sentenceStart: cp(s.start), sentenceEnd: cp(s.end) },
      value: c.value,
      unit,
      currencyStated: c.currencyStated,
      qualifier: c.fig.qualifier,
      subject: subjectName,
      subjectFr,
      firms,
      horizon,
      horizonKind,
      kind,
    };
    if (c.valueHigh !== undefined) claim.valueHigh = c.valueHigh;
    if (isMarket(kind)) {
      for (const level of ctx.levels) {
        if (CUES.loss.test(level)) {
          claim.direction = 'down';
          break;
        }
        if (CUES.gain.test(level)) {
          claim.direction = 'up';
          break;
        }
      }
    }
    // Elliptic figures take the (possibly implied) currency of their antecedent.
    const antecedentClaim = c.antecedent ? claimOf.get(c.antecedent) : undefined;
    if (antecedentClaim) claim.unit = antecedentClaim.unit;
    else if (c.unit === null) claim.unit = impliedCurrency(entity, resolved);
    claims.push(claim);
    claimOf.set(c, claim);
    resolved.push({ claim, entity });
  });

  const prefix = seedPrefix(seedName);
  claims.forEach((claim, i) => {
    claim.id = `${prefix}-${String(i + 1).padStart(2, '0')}`;
  });
  return claims;
}

function currencyArea(country: string | undefined): 'US' | 'EUR' | null {
  if (country === 'US') return 'US';
  if (country !== undefined && EURO_AREA.has(country)) return 'EUR';
  return null;
}

/** The implied-currency rule documented in the module header. */
function impliedCurrency(entity: Entity | null, earlier: readonly { claim: QuotedClaim; entity: Entity | null }[]): Currency {
  const area = currencyArea(entity?.country);
  const stated = earlier.filter((e) => e.claim.currencyStated && (e.claim.unit === 'USD' || e.claim.unit === 'EUR')).reverse();
  if (area !== null) {
    const same = stated.find((e) => currencyArea(e.entity?.country) === area);
    if (same) return same.claim.unit as Currency;
    return area === 'US' ? 'USD' : 'EUR';
  }
  const any = stated[0];
  return any ? (any.claim.unit as Currency) : 'USD';
}

/**
 * Extracts the claims of several articles, in the order given, each with its own ids.
 *
 * @example
 * extractAll([{ name: '003_a.txt', text: 'Nvidia a perdu 17 % en bourse.' }])
 * // [{ id: '003-01', text: '17 %', value: 17, unit: 'percent', kind: 'price-move', firms: ['NVDA'], ... }]
 */
export function extractAll(seeds: readonly Seed[]): QuotedClaim[] {
  if (!Array.isArray(seeds)) throw new UsageError('extractAll expects an array of {name, text}', { symbol: 'extractAll' });
  return seeds.flatMap((s) => extractClaims(s.name, s.text));
}
