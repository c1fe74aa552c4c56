/**
 * The words of the HTML report (headings, column names, sentences), in English and French. The
 * chart words live with the charts (`src/charts/i18n.ts`); numbers are formatted there too.
 */
import type { Verdict } from '../claims/reconcile.js';
import { NBSP, NNBSP, type Lang } from '../charts/i18n.js';

/** Everything the report writes that is not a number or a quote. */
export interface ReportText {
  title: (firm: string, date: string) => string;
  subtitle: (market: string, model: string, n: number) => string;
  shifted: (requested: string, date: string) => string;
  summary: string;
  dayZero: (firm: string, ret: string, market: string, mret: string, expected: string, ar: string, t: string, p: string) => string;
  carLine: (from: number, to: number, car: string, lo: string, hi: string, p: string) => string;
  dollars: string;
  dollarsCaption: (shares: string | null) => string;
  figure: string;
  usdBn: string;
  low: string;
  high: string;
  raw: string;
  expected: string;
  abnormal: string;
  eventDay: string;
  wholeWindow: (from: number, to: number) => string;
  model: string;
  parameter: string;
  estimate: string;
  stdErr: string;
  aroundEvent: string;
  windowCaption: string;
  columns: { date: string; offset: string; ret: string; market: string; expected: string; ar: string; t: string; p: string; car: string; close: string };
  priceCaption: string;
  arCaption: string;
  carCaption: string;
  claims: string;
  claimsIntro: (n: number, seeds: number, moves: number) => string;
  claimsCaption: string;
  claimCols: { id: string; source: string; quote: string; subject: string; horizon: string; quoted: string; basis: string; observed: string; gap: string; gapPct: string; verdict: string };
  verdict: Record<Verdict, string>;
  basis: Record<'close-to-close' | 'intraday low' | 'return', string>;
  missingShares: (firms: string) => string;
  rule: string;
  articles: (files: string) => string;
  wire: string;
  wireCols: { outlet: string; quoted: string; priceChange: string; impliedShares: string; filingShares: string };
  wireConclusion: (agree: boolean) => string;
  peers: string;
  peersCaption: string;
  peerCols: { symbol: string; ret: string; ar: string; loss: string };
  estimation: string;
  scatterCaption: string;
  residualsCaption: string;
  data: string;
  dataLines: (firmSource: string, marketSource: string, firmBasis: string, marketBasis: string, days: number) => string[];
  notes: string;
}

const en: ReportText = {
  title: (f, d) => `${f} on ${d}: what was abnormal, and what it was worth`,
  subtitle: (m, model, n) => `Event study against ${m}, ${model} model fitted on ${n} trading days`,
  shifted: (r, d) => `The requested date ${r} was not a trading day; the event is ${d}.`,
  summary: 'Summary',
  dayZero: (f, r, m, mr, e, ar, t, p) =>
    `On the event day ${f} returned ${r} while ${m} returned ${mr}. The model expected ${e}, so the abnormal return is ${ar} (t = ${t}, p ${p}).`,
  carLine: (a, b, car, lo, hi, p) => `Cumulative abnormal return over trading days [${a}, ${b}]: ${car} (95% interval ${lo} to ${hi}, p ${p}).`,
  dollars: 'Dollar impact (fall in market value; positive = loss)',
  dollarsCaption: (s) => (s ? `Shares outstanding: ${s}; as-traded closes.` : 'Share count unknown: dollar figures cannot be computed.'),
  figure: 'Figure',
  usdBn: 'USD bn',
  low: '95% low',
  high: '95% high',
  raw: 'Observed (close to close)',
  expected: 'Expected by the model',
  abnormal: 'Abnormal',
  eventDay: 'event day',
  wholeWindow: (a, b) => `window [${a}, ${b}]`,
  model: 'The fitted model',
  parameter: 'Parameter',
  estimate: 'Estimate',
  stdErr: 'Std. error',
  aroundEvent: 'Around the event',
  windowCaption: 'Every day of the event window',
  columns: { date: 'Date', offset: 'Offset', ret: 'Return', market: 'Market', expected: 'Expected', ar: 'Abnormal', t: 't', p: 'p', car: 'CAR', close: 'Close (USD)' },
  priceCaption: 'Observed close and the close the model expected from the day before the window; the band is a CAR at either end of its 95% interval.',
  arCaption: 'Daily abnormal returns with their 95% confidence intervals.',
  carCaption: 'Cumulative abnormal return from the first day of the window, with its 95% interval.',
  claims: 'Quoted and observed',
  claimsIntro: (n, s, m) => `${n} figures were quoted in ${s} articles; ${m} describe a market move and are set beside the prices here.`,
  claimsCaption: 'Each market-move claim beside what the prices show (losses positive)',
  claimCols: { id: 'Claim', source: 'Article', quote: 'Quote', subject: 'About', horizon: 'Horizon', quoted: 'Quoted', basis: 'Compared with', observed: 'Observed', gap: 'Gap', gapPct: 'Gap %', verdict: 'Verdict' },
  verdict: { 'within rounding': 'within rounding', overstated: 'overstated', understated: 'understated', consistent: 'consistent', 'not comparable': 'not comparable' },
  basis: { 'close-to-close': 'close to close', 'intraday low': 'intraday low', return: 'return' },
  missingShares: (f) => `Share counts missing for ${f}: not estimated.`,
  rule: 'Rule: a quote is read as rounded to its last significant digit (tolerance: half that unit); within rounding if the gap is no larger than the tolerance, else overstated or understated; "plus de" and "au moins" are consistent when the observed figure is at least the quote; not comparable when the prices cannot give the quoted quantity. Amounts in USD bn, percentages in percent.',
  articles: (f) => `Articles (by their number in the tables): ${f}.`,
  wire: 'The wire figures',
  wireCols: { outlet: 'Outlet', quoted: 'Quoted (USD bn)', priceChange: 'Fall a share (USD)', impliedShares: 'Implied shares (bn)', filingShares: '10-Q shares (bn)' },
  wireConclusion: (a) =>
    a
      ? 'Every vendor recorded the same closes, so the wire figures differ only by the share count each one multiplied by.'
      : 'The vendors disagree on the closes; the gap cannot be put on the share count alone.',
  peers: 'The other firms that day',
  peersCaption: 'Event-day return and abnormal return (market model, same design) of each firm of the basket.',
  peerCols: { symbol: 'Symbol', ret: 'Return', ar: 'Abnormal', loss: 'Loss (USD bn)' },
  estimation: 'The estimation window',
  scatterCaption: 'Daily returns of the estimation window with the fitted line; the diamond is the event day.',
  residualsCaption: 'How unusual the event day is beside the abnormal returns of the estimation window.',
  data: 'Data',
  dataLines: (fs, ms, fb, mb, d) => [`Firm prices: ${fs} (returns on ${fb}).`, `Market prices: ${ms} (returns on ${mb}).`, `${d} trading days common to both series.`],
  notes: 'Notes',
};

const fr: ReportText = {
  title: (f, d) => `${f} le ${d}${NBSP}: ce qui fut anormal, et ce que cela valait`,
  subtitle: (m, model, n) => `Étude d’événement contre ${m}, modèle ${model} estimé sur ${n} séances`,
  shifted: (r, d) => `La date demandée, ${r}, n’était pas une séance de bourse${NBSP}; l’événement est le ${d}.`,
  summary: 'Résumé',
  dayZero: (f, r, m, mr, e, ar, t, p) =>
    `Le jour de l’événement, ${f} a rendu ${r} et ${m} ${mr}. Le modèle attendait ${e}${NBSP}: le rendement anormal est de ${ar} (t = ${t}, p ${p}).`,
  carLine: (a, b, car, lo, hi, p) => `Rendement anormal cumulé sur les séances [${a}, ${b}]${NBSP}: ${car} (intervalle à 95${NNBSP}% de ${lo} à ${hi}, p ${p}).`,
  dollars: `En dollars (baisse de la capitalisation${NBSP}; positif = perte)`,
  dollarsCaption: (s) => (s ? `Actions en circulation${NBSP}: ${s}${NBSP}; cours de clôture tels que cotés.` : `Nombre d’actions inconnu${NBSP}: pas de chiffre en dollars.`),
  figure: 'Chiffre',
  usdBn: 'Mds USD',
  low: `Borne basse 95${NNBSP}%`,
  high: `Borne haute 95${NNBSP}%`,
  raw: 'Observé (clôture à clôture)',
  expected: 'Attendu par le modèle',
  abnormal: 'Anormal',
  eventDay: 'jour de l’événement',
  wholeWindow: (a, b) => `fenêtre [${a}, ${b}]`,
  model: 'Le modèle estimé',
  parameter: 'Paramètre',
  estimate: 'Estimation',
  stdErr: 'Écart-type',
  aroundEvent: 'Autour de l’événement',
  windowCaption: 'Chaque séance de la fenêtre d’événement',
  columns: { date: 'Date', offset: 'Séance', ret: 'Rendement', market: 'Marché', expected: 'Attendu', ar: 'Anormal', t: 't', p: 'p', car: 'RAC', close: 'Clôture (USD)' },
  priceCaption: `Cours observé et cours attendu par le modèle depuis la veille de la fenêtre${NBSP}; la bande correspond à un RAC aux bornes de son intervalle à 95${NNBSP}%.`,
  arCaption: `Rendements anormaux quotidiens et leurs intervalles de confiance à 95${NNBSP}%.`,
  carCaption: `Rendement anormal cumulé depuis la première séance de la fenêtre, avec son intervalle à 95${NNBSP}%.`,
  claims: 'Chiffres cités et chiffres observés',
  claimsIntro: (n, s, m) => `${n} chiffres sont cités dans ${s} articles${NBSP}; ${m} décrivent un mouvement de marché et sont confrontés ici aux cours.`,
  claimsCaption: 'Chaque chiffre de marché cité, face aux cours (pertes positives)',
  claimCols: { id: 'Chiffre', source: 'Article', quote: 'Citation', subject: 'Sujet', horizon: 'Horizon', quoted: 'Cité', basis: 'Comparé à', observed: 'Observé', gap: 'Écart', gapPct: 'Écart %', verdict: 'Verdict' },
  verdict: { 'within rounding': 'dans l’arrondi', overstated: 'surestimé', understated: 'sous-estimé', consistent: 'cohérent', 'not comparable': 'non comparable' },
  basis: { 'close-to-close': 'clôture à clôture', 'intraday low': 'plus bas de séance', return: 'rendement' },
  missingShares: (f) => `Nombre d’actions manquant pour ${f}${NBSP}: non estimé.`,
  rule: `Règle${NBSP}: un chiffre cité est lu comme arrondi à son dernier chiffre significatif (tolérance${NBSP}: la moitié de cette unité)${NBSP}; dans l’arrondi si l’écart ne dépasse pas la tolérance, sinon surestimé ou sous-estimé${NBSP}; «${NBSP}plus de${NBSP}» et «${NBSP}au moins${NBSP}» sont cohérents si l’observé atteint le chiffre cité${NBSP}; non comparable si les cours ne peuvent pas donner la grandeur citée. Montants en milliards de dollars, pourcentages en pour cent.`,
  articles: (f) => `Articles (numérotés comme dans les tableaux)${NBSP}: ${f}.`,
  wire: 'Les chiffres des agences',
  wireCols: { outlet: 'Agence', quoted: 'Cité (Mds USD)', priceChange: 'Baisse par action (USD)', impliedShares: 'Actions implicites (Mds)', filingShares: 'Actions du 10-Q (Mds)' },
  wireConclusion: (a) =>
    a
      ? `Tous les fournisseurs ont enregistré les mêmes cours de clôture${NBSP}: les chiffres des agences ne diffèrent que par le nombre d’actions utilisé.`
      : `Les fournisseurs ne s’accordent pas sur les cours${NBSP}: l’écart ne tient pas qu’au nombre d’actions.`,
  peers: 'Les autres entreprises ce jour-là',
  peersCaption: 'Rendement et rendement anormal (modèle de marché, même protocole) de chaque entreprise du panier le jour de l’événement.',
  peerCols: { symbol: 'Symbole', ret: 'Rendement', ar: 'Anormal', loss: 'Perte (Mds USD)' },
  estimation: 'La fenêtre d’estimation',
  scatterCaption: `Rendements quotidiens de la fenêtre d’estimation et droite ajustée${NBSP}; le losange est le jour de l’événement.`,
  residualsCaption: 'Le jour de l’événement comparé aux rendements anormaux de la fenêtre d’estimation.',
  data: 'Données',
  dataLines: (fs, ms, fb, mb, d) => [`Cours de l’entreprise${NBSP}: ${fs} (rendements sur ${fb}).`, `Cours du marché${NBSP}: ${ms} (rendements sur ${mb}).`, `${d} séances communes aux deux séries.`],
  notes: 'Remarques',
};

/** The report's words in `lang`. */
export function reportText(lang: Lang): ReportText {
  return lang === 'fr' ? fr : en;
}
