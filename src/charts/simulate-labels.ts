/**
 * Words of the simulation charts (the fan of simulated paths, the simulated losses, the power
 * curves), in English and French, kept beside `i18n.ts` whose shared labels (dates, close,
 * observed close, counts) the charts reuse.
 *
 * @module
 */
import { checkLang, NBSP, type Lang } from '../util/format.js';

/** The simulation charts' own words. */
export interface SimulateLabels {
  fanTitle: (symbol: string) => string;
  fanSubtitle: (trials: string, method: string, eventDate: string) => string;
  /** Band of the 5th to 95th percentiles, and of the quartiles. */
  outerBand: string;
  innerBand: string;
  median: string;
  samplePaths: string;
  method: Record<'bootstrap' | 't', string>;
  lossesTitle: (symbol: string) => string;
  lossesSubtitle: (trials: string, date: string) => string;
  fallUsdBn: string;
  quoted: string;
  observedFall: string;
  powerTitle: string;
  powerSubtitle: (trials: string, firms: string, level: string) => string;
  shift: string;
  rejectionRate: string;
  analytic: string;
  nominal: string;
  test: string;
  testNames: Record<string, string>;
  interval: string;
}

const TEST_NAMES_EN: Record<string, string> = {
  bw1980: 'Brown-Warner 1980',
  bw1985: 'Brown-Warner 1985',
  crossSectionalT: 'Cross-sectional t',
  patell: 'Patell',
  bmp: 'BMP',
  kolariPynnonen: 'Kolari-Pynnönen',
  sign: 'Sign',
  generalizedSign: 'Generalized sign',
  corradoRank: 'Corrado rank',
  wilcoxon: 'Wilcoxon',
};

const en: SimulateLabels = {
  fanTitle: (s) => `${s}: simulated no-news price paths and the observed close`,
  fanSubtitle: (trials, method, date) => `${trials} simulated paths (${method}), event on ${date}`,
  outerBand: '5th–95th percentile',
  innerBand: '25th–75th percentile',
  median: 'Median no-news path',
  samplePaths: 'Some simulated paths',
  method: { bootstrap: 'residual bootstrap', t: 'Student t errors' },
  lossesTitle: (s) => `${s}: event-day fall in market value without news, and the quoted figures`,
  lossesSubtitle: (trials, date) => `${trials} simulated no-news falls on ${date} (close to close)`,
  fallUsdBn: 'Fall in market value (USD bn)',
  quoted: 'Quoted',
  observedFall: 'Observed',
  powerTitle: 'Rejection rate of each test by abnormal return on day 0',
  powerSubtitle: (trials, firms, level) => `${trials} samples of ${firms} firm-events, two-sided tests at ${level}`,
  shift: 'Abnormal return added on day 0',
  rejectionRate: 'Rejection rate',
  analytic: 'MacKinlay (analytic)',
  nominal: 'Nominal level',
  test: 'Test',
  testNames: TEST_NAMES_EN,
  interval: 'Clopper-Pearson interval',
};

const fr: SimulateLabels = {
  fanTitle: (s) => `${s}${NBSP}: trajectoires simulées sans nouvelle et clôture observée`,
  fanSubtitle: (trials, method, date) => `${trials} trajectoires simulées (${method}), événement le ${date}`,
  outerBand: '5e–95e centile',
  innerBand: '25e–75e centile',
  median: 'Trajectoire médiane sans nouvelle',
  samplePaths: 'Quelques trajectoires simulées',
  method: { bootstrap: 'bootstrap des résidus', t: 'erreurs de Student' },
  lossesTitle: (s) => `${s}${NBSP}: baisse de la capitalisation le jour de l’événement sans nouvelle, et les chiffres cités`,
  lossesSubtitle: (trials, date) => `${trials} baisses simulées sans nouvelle le ${date} (de clôture à clôture)`,
  fallUsdBn: 'Baisse de la capitalisation (Md USD)',
  quoted: 'Cité',
  observedFall: 'Observé',
  powerTitle: 'Taux de rejet de chaque test selon le rendement anormal du jour 0',
  powerSubtitle: (trials, firms, level) => `${trials} échantillons de ${firms} événements, tests bilatéraux à ${level}`,
  shift: 'Rendement anormal ajouté au jour 0',
  rejectionRate: 'Taux de rejet',
  analytic: 'MacKinlay (analytique)',
  nominal: 'Niveau nominal',
  test: 'Test',
  testNames: {
    ...TEST_NAMES_EN,
    crossSectionalT: 't transversal',
    sign: 'Signe',
    generalizedSign: 'Signe généralisé',
    corradoRank: 'Rangs de Corrado',
  },
  interval: 'Intervalle de Clopper-Pearson',
};

const LABELS: Record<Lang, SimulateLabels> = { en, fr };

/** The simulation charts' labels for `lang`; a UsageError for an unknown language (checkLang's). */
export function simulateLabels(lang: Lang = 'en'): SimulateLabels {
  return LABELS[checkLang(lang)];
}
