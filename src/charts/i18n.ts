/**
 * Labels for the charts and the HTML report, in English and French, and the Vega locale that
 * makes chart axes format numbers and dates as `src/util/format.ts` does in tables (one set of
 * conventions: see that module).
 *
 * Everything here is a pure function of its arguments: no `Intl`, no system locale, no clock,
 * so output does not depend on the ICU version or the machine's settings.
 */
import type { Locale } from 'vega';
import { UsageError } from '../errors.js';
import { MODEL_NAMES, type ModelName } from '../models/types.js';
import { checkLang, formatNumber, MINUS, MONTHS, NBSP, NNBSP, type Lang } from '../util/format.js';

export { checkLang, formatDate, formatNumber, LANGS, MINUS, NBSP, NNBSP, type FormatNumberOptions, type Lang } from '../util/format.js';

/** The return models a chart can be about: the study's models. */
export type ChartModel = ModelName;

/** Every model, in a stable order (that of {@link MODEL_NAMES}). */
export const CHART_MODELS: readonly ChartModel[] = Object.keys(MODEL_NAMES) as ChartModel[];

/**
 * A confidence level as `lang` writes it: `0.95` → `95%` / `95 %` (U+202F), `0.975` → `97.5%` /
 * `97,5 %`. Throws a UsageError unless `0 < level < 1`.
 *
 * @example
 * levelText(0.99, 'fr'); // '99 %'
 */
export function levelText(level: number, lang: Lang = 'en'): string {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new UsageError(`a confidence level must be a number between 0 and 1, got ${String(level)}`, { field: 'level' });
  }
  const pct = Number((level * 100).toFixed(6));
  const digits = Number.isInteger(pct) ? 0 : String(pct).split('.')[1]!.length;
  return formatNumber(level, lang, { style: 'percent', digits });
}

/** `model` if it is a known model (default `market`), else a UsageError naming it. */
export function checkModel(model: unknown): ChartModel {
  if (model === undefined) return 'market';
  if (CHART_MODELS.includes(model as ChartModel)) return model as ChartModel;
  throw new UsageError(`unknown model "${String(model)}" (expected ${CHART_MODELS.join(', ')})`, { field: 'model' });
}

/** The words every chart and the report need, in one language. */
export interface Labels {
  /** Each model's name as a noun phrase: "market model" / "modèle de marché". */
  modelName: Record<ChartModel, string>;
  /** `level` is {@link levelText}'s text: "99%" / "99 %". */
  band: (level: string) => string;
  interval: (level: string) => string;
  /** Tooltip titles of an interval's two ends: "99% interval, lower bound". */
  lowerBound: (interval: string) => string;
  upperBound: (interval: string) => string;
  /** The trading-day offset to the event (tooltips). */
  offset: string;
  /** Price path title and counterfactual legend entry, by model. */
  pricePathTitleFor: (symbol: string, model: ChartModel) => string;
  counterfactualOf: (model: ChartModel) => string;
  /** The line of the estimation scatter, by model (ff3 has none), and the subtitle that states it. */
  scatterLine: Record<Exclude<ChartModel, 'ff3'>, string>;
  scatterSubtitle: (model: Exclude<ChartModel, 'ff3'>, alpha: string, beta: string, n: number) => string;
  /** A cell with no number by nature (not an unknown one): "—". */
  notApplicable: string;
  // price path
  observedClose: string;
  closeUsd: string;
  date: string;
  event: string;
  eventOn: (date: string) => string;
  // abnormal returns
  abnormalReturnsTitle: (symbol: string) => string;
  abnormalReturn: string;
  eventDay: string;
  otherDays: string;
  tradingDayRel: (eventDate: string | undefined) => string;
  // CAR
  carTitle: (symbol: string) => string;
  car: string;
  // claims
  claimsTitle: string;
  lossUsdBn: string;
  measure: string;
  measureLabel: Record<'claim' | 'raw' | 'expected' | 'abnormal', string>;
  groupLabel: Record<'quoted' | 'observed', string>;
  figure: string;
  note: string;
  // estimation scatter
  scatterTitle: (symbol: string, market: string) => string;
  dailyReturnOf: (symbol: string) => string;
  estimationDays: string;
  // peers
  peersTitle: string;
  eventDayReturn: string;
  rawReturn: string;
  symbol: string;
  // distribution
  distributionTitle: string;
  value: string;
  count: string;
  observed: string;
  simulations: (n: number) => string;
  residualsTitle: (symbol: string) => string;
  residualsSubtitle: (n: number) => string;
  // report
  unknown: string;
  specDetails: string;
  generatedBy: string;
}

const EN_MODELS: Record<ChartModel, string> = {
  market: 'market model',
  'market-adjusted': 'market-adjusted model',
  'constant-mean': 'constant-mean model',
  ff3: 'Fama-French 3-factor model',
};
const EN_CF: Record<ChartModel, string> = {
  market: 'market-model',
  'market-adjusted': 'market-adjusted',
  'constant-mean': 'constant-mean',
  ff3: 'Fama-French 3-factor',
};

const en: Labels = {
  modelName: EN_MODELS,
  band: (l) => `${l} band`,
  interval: (l) => `${l} interval`,
  lowerBound: (i) => `${i}, lower bound`,
  upperBound: (i) => `${i}, upper bound`,
  offset: 'Trading day (offset)',
  pricePathTitleFor: (s, m) => `${s}: observed close vs. ${EN_CF[m]} counterfactual`,
  counterfactualOf: (m) => `Counterfactual (${EN_MODELS[m]})`,
  scatterLine: { market: 'Fitted line', 'market-adjusted': '45° line y = x', 'constant-mean': 'Constant mean' },
  scatterSubtitle: (m, a, b, n) =>
    m === 'market'
      ? `Fitted line y = α + βx with α = ${a}, β = ${b} (${formatNumber(n, 'en')} days)`
      : m === 'market-adjusted'
        ? `45° line y = x: the market-adjusted model expects the market's return (${formatNumber(n, 'en')} days)`
        : `Constant mean y = μ with μ = ${a}: the constant-mean model expects the estimation-window mean (${formatNumber(n, 'en')} days)`,
  notApplicable: '—',
  observedClose: 'Observed close',
  closeUsd: 'Close (USD)',
  date: 'Date',
  event: 'Event',
  eventOn: (d) => `Event: ${d}`,
  abnormalReturnsTitle: (s) => `${s}: daily abnormal returns`,
  abnormalReturn: 'Abnormal return',
  eventDay: 'Event day',
  otherDays: 'Other days',
  tradingDayRel: (d) =>
    d ? `Trading days relative to the event (0 = ${d})` : 'Trading days relative to the event',
  carTitle: (s) => `${s}: cumulative abnormal return`,
  car: 'Cumulative abnormal return',
  claimsTitle: 'Quoted vs. observed losses',
  lossUsdBn: 'Loss (USD billions)',
  measure: 'Figure',
  measureLabel: {
    claim: 'Quoted figure',
    raw: 'Observed: raw change',
    expected: 'Observed: expected (model)',
    abnormal: 'Observed: abnormal',
  },
  groupLabel: { quoted: 'Quoted', observed: 'Observed' },
  figure: 'Figure',
  note: 'Note',
  scatterTitle: (s, m) => `${s} vs. ${m}: estimation window`,
  dailyReturnOf: (s) => `${s} daily return`,
  estimationDays: 'Estimation days',
  peersTitle: 'Event-day returns of peers',
  eventDayReturn: 'Event-day return',
  rawReturn: 'Return',
  symbol: 'Symbol',
  distributionTitle: 'Distribution of simulated values',
  value: 'Value',
  count: 'Count',
  observed: 'Observed',
  simulations: (n) => `${formatNumber(n, 'en')} simulated values`,
  residualsTitle: (s) => `${s}: estimation-window abnormal returns and the event day`,
  residualsSubtitle: (n) => `${formatNumber(n, 'en')} estimation days; the rule marks the event day`,
  unknown: 'unknown',
  specDetails: 'Vega-Lite specification',
  generatedBy: 'Generated by sputnik-study',
};

const FR_MODELS: Record<ChartModel, string> = {
  market: 'modèle de marché',
  'market-adjusted': 'modèle ajusté du marché',
  'constant-mean': 'modèle à moyenne constante',
  ff3: 'modèle Fama-French à 3 facteurs',
};

const fr: Labels = {
  modelName: FR_MODELS,
  band: (l) => `Bande à ${l}`,
  interval: (l) => `Intervalle à ${l}`,
  lowerBound: (i) => `${i}, borne basse`,
  upperBound: (i) => `${i}, borne haute`,
  offset: 'Séance (écart à l’événement)',
  pricePathTitleFor: (s, m) => `${s}${NBSP}: cours observé et trajectoire contrefactuelle (${FR_MODELS[m]})`,
  counterfactualOf: (m) => `Contrefactuel (${FR_MODELS[m]})`,
  scatterLine: { market: 'Droite ajustée', 'market-adjusted': 'Droite à 45° y = x', 'constant-mean': 'Moyenne constante' },
  scatterSubtitle: (m, a, b, n) =>
    m === 'market'
      ? `Droite ajustée y = α + βx avec α = ${a}, β = ${b} (${formatNumber(n, 'fr')} jours)`
      : m === 'market-adjusted'
        ? `Droite à 45° y = x${NBSP}: le modèle ajusté du marché attend le rendement du marché (${formatNumber(n, 'fr')} jours)`
        : `Moyenne constante y = μ avec μ = ${a}${NBSP}: le modèle attend la moyenne de la fenêtre d’estimation (${formatNumber(n, 'fr')} jours)`,
  notApplicable: '—',
  observedClose: 'Cours de clôture observé',
  closeUsd: 'Cours de clôture (USD)',
  date: 'Date',
  event: 'Événement',
  eventOn: (d) => `Événement${NBSP}: ${d}`,
  abnormalReturnsTitle: (s) => `${s}${NBSP}: rendements anormaux quotidiens`,
  abnormalReturn: 'Rendement anormal',
  eventDay: "Jour de l’événement",
  otherDays: 'Autres jours',
  tradingDayRel: (d) =>
    d
      ? `Séances par rapport à l’événement (0 = ${d})`
      : "Séances par rapport à l’événement",
  carTitle: (s) => `${s}${NBSP}: rendement anormal cumulé`,
  car: 'Rendement anormal cumulé',
  claimsTitle: 'Pertes citées et pertes observées',
  lossUsdBn: 'Perte (milliards de dollars)',
  measure: 'Chiffre',
  measureLabel: {
    claim: 'Chiffre cité',
    raw: `Observé${NBSP}: variation brute`,
    expected: `Observé${NBSP}: attendu (modèle)`,
    abnormal: `Observé${NBSP}: anormal`,
  },
  groupLabel: { quoted: 'Cité', observed: 'Observé' },
  figure: 'Chiffre',
  note: 'Note',
  scatterTitle: (s, m) => `${s} et ${m}${NBSP}: fenêtre d’estimation`,
  dailyReturnOf: (s) => `Rendement quotidien de ${s}`,
  estimationDays: "Jours d’estimation",
  peersTitle: "Rendements des pairs le jour de l’événement",
  eventDayReturn: "Rendement le jour de l’événement",
  rawReturn: 'Rendement',
  symbol: 'Symbole',
  distributionTitle: 'Distribution des valeurs simulées',
  value: 'Valeur',
  count: 'Effectif',
  observed: 'Observé',
  simulations: (n) => `${formatNumber(n, 'fr')} valeurs simulées`,
  residualsTitle: (s) => `${s}${NBSP}: rendements anormaux de la fenêtre d’estimation et jour de l’événement`,
  residualsSubtitle: (n) => `${formatNumber(n, 'fr')} jours d’estimation${NBSP}; le trait marque le jour de l’événement`,
  unknown: 'inconnu',
  specDetails: 'Spécification Vega-Lite',
  generatedBy: 'Produit par sputnik-study',
};

const LABELS: Record<Lang, Labels> = { en, fr };

/** Labels for `lang`; throws on an unknown language so a typo never yields silent English. */
export function labels(lang: Lang = 'en'): Labels {
  const l = LABELS[lang];
  if (!l) throw new UsageError(`unknown language "${String(lang)}" (expected "en" or "fr")`, { field: 'lang' });
  return l;
}

// ---------------------------------------------------------------------------------------------
// Vega locale (d3-format / d3-time-format definitions)

type Months = NonNullable<Locale['time']>['months'];

const EN_LOCALE: Locale = {
  number: {
    decimal: '.',
    thousands: ',',
    grouping: [3],
    currency: ['$', ''],
    minus: MINUS,
    percent: '%',
  },
  time: {
    dateTime: '%x, %X',
    date: '%-m/%-d/%Y',
    time: '%-I:%M:%S %p',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: [...MONTHS.en.long] as Months,
    shortMonths: [...MONTHS.en.short] as Months,
  },
};

const FR_LOCALE: Locale = {
  number: {
    decimal: ',',
    thousands: NNBSP,
    grouping: [3],
    currency: ['', `${NBSP}$`],
    minus: MINUS,
    percent: `${NNBSP}%`,
  },
  time: {
    dateTime: '%A %e %B %Y à %X',
    date: '%d/%m/%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    shortDays: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    months: [...MONTHS.fr.long] as Months,
    shortMonths: [...MONTHS.fr.short] as Months,
  },
};

/**
 * The Vega locale (d3 number and time format definitions) for `lang`, for a Vega-Lite
 * `config.locale`. A fresh deep copy each call, so a caller may edit it freely.
 *
 * @example
 * const spec = { ...chart, config: { ...chart.config, locale: vegaLocale('fr') } };
 */
export function vegaLocale(lang: Lang = 'en'): Locale {
  return structuredClone(checkLang(lang) === 'fr' ? FR_LOCALE : EN_LOCALE);
}
