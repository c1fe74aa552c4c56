/**
 * The words of the HTML report (headings, column names, sentences), in English and French. The
 * chart words live with the charts (`src/charts/i18n.ts`); numbers are formatted there too.
 *
 * Everything the report writes comes from here or from the data, so a French report holds no
 * English word: model names, the subjects of quoted figures (`subjectFr`), the wire services'
 * descriptions ({@link ReportText.outlet}) and parameter names are translated here. The one
 * exception is free text the data carries (a file name, a study note written by the caller).
 */
import type { Reconciliation, Verdict } from '../claims/reconcile.js';
import { labels, NBSP, type Lang } from '../charts/i18n.js';
import type { ModelName } from '../models/types.js';

/** Everything the report writes that is not a number or a quote. */
export interface ReportText {
  title: (firm: string, date: string) => string;
  /** The line under the title: the benchmark, the model and the estimation days (formatted). */
  subtitle: (firm: string, market: string, model: ModelName, n: string) => string;
  /** What the model takes as the market: under ff3 the factor Mkt−RF, the benchmark only trims the calendar. */
  modelNote: (firm: string, market: string, model: ModelName) => string | null;
  shifted: (requested: string, date: string) => string;
  summary: string;
  dayZero: (firm: string, ret: string, market: string, mret: string, expected: string, ar: string, t: string, p: string) => string;
  /** `level` is the confidence level as text ("99 %"). */
  carLine: (from: number, to: number, car: string, level: string, lo: string, hi: string, p: string) => string;
  dollars: string;
  dollarsCaption: (shares: string | null) => string;
  figure: string;
  usdBn: string;
  low: (level: string) => string;
  high: (level: string) => string;
  raw: string;
  expected: string;
  abnormal: string;
  eventDay: string;
  wholeWindow: (from: number, to: number) => string;
  model: string;
  parameter: string;
  /** A model parameter's name as shown ("mean" → "moyenne"); symbols such as alpha, beta, smb are kept. */
  paramName: (name: string) => string;
  estimate: string;
  stdErr: string;
  aroundEvent: string;
  windowCaption: string;
  columns: { date: string; offset: string; ret: string; market: string; expected: string; ar: string; t: string; p: string; car: string; close: string };
  priceCaption: (level: string, model: ModelName) => string;
  arCaption: (level: string) => string;
  carCaption: (level: string) => string;
  claims: string;
  claimsIntro: (n: number, seeds: number, moves: number) => string;
  claimsCaption: string;
  claimCols: { id: string; source: string; quote: string; subject: string; horizon: string; quoted: string; basis: string; observed: string; gap: string; gapPct: string; verdict: string };
  verdict: Record<Verdict, string>;
  basis: Record<'close-to-close' | 'intraday low' | 'return', string>;
  /** The basis of a reconciliation with its basket and bound: "close to close (basket, lower bound)". */
  basisOf: (r: Pick<Reconciliation, 'basis' | 'bound' | 'firms'>) => string;
  /** A claim's subject in this language (the French one when the registry has it). */
  subject: (claim: { subject: string; subjectFr?: string }) => string;
  missingShares: (firms: string) => string;
  missingCloses: (firms: string) => string;
  /** A basket judged against a bound: what the firms with a figure lost. */
  boundNote: (id: string, bound: 'lower' | 'upper', counted: string) => string;
  rule: string;
  articles: (files: string) => string;
  wire: string;
  wireCols: { outlet: string; quoted: string; priceChange: string; impliedShares: string; filingShares: string };
  /** A wire service's description from the facts file, in this language. */
  outlet: (text: string) => string;
  wireConclusion: (agree: boolean) => string;
  peers: string;
  peersCaption: string;
  /** The samples of firms: how far the shock spread. */
  samples: string;
  samplesIntro: (market: string, model: string, level: string) => string;
  samplesCaption: (level: string) => string;
  sampleCols: { group: string; firms: string; aar0: string; n: string; kpP: string; caar: (from: number, to: number) => string };
  groupLabel: (group: { label: string; labelFr: string }) => string;
  /** The counterfactual simulation: the firm without the news. */
  simulation: string;
  simulationIntro: (firm: string, trials: string, method: 'bootstrap' | 't', seed: number) => string;
  fanCaption: string;
  lossesCaption: string;
  simCols: { figure: string; p05: string; p50: string; p95: string; claim: string; quoted: string; needed: string; simulated: string; upper: string; analytic: string };
  simRows: { noNews: string; abnormal: string };
  sqLine: (p: string, carFrom: number, carTo: number, carP: string, lo: string, hi: string) => string;
  peerCols: { symbol: string; ret: string; ar: string; loss: string };
  estimation: string;
  scatterCaption: (model: Exclude<ModelName, 'ff3'>) => string;
  residualsCaption: string;
  data: string;
  /** `days` is already formatted ("1 256"). */
  dataLines: (firmSource: string, marketSource: string, firmBasis: string, marketBasis: string, days: string) => string[];
  notes: string;
  /** ": " in English, " : " (no-break space) in French. */
  colon: string;
  /**
   * A note of the study (`study.notes`, written in English by the study) in this language: the
   * notes the study writes today are translated phrase by phrase ({@link NOTE_FR}); a note of
   * another shape is shown as written.
   */
  note: (text: string) => string;
}

const enModel = labels('en').modelName;
const frModel = labels('fr').modelName;

const en: ReportText = {
  title: (f, d) => `${f} on ${d}: what was abnormal, and what it was worth`,
  subtitle: (f, m, model, n) =>
    model === 'ff3'
      ? `Event study of ${f}, ${enModel.ff3} (market factor Mkt-RF; ${m} only sets the trading days) fitted on ${n} trading days`
      : model === 'market'
        ? `Event study against ${m}, ${enModel.market} fitted on ${n} trading days`
        : `Event study against ${m}, ${enModel[model]} with its variance estimated on ${n} trading days`,
  modelNote: (f, m, model) =>
    model === 'ff3'
      ? `Fama-French 3-factor model: the market is the factor Mkt-RF of the factor file (with SMB and HML, on excess returns); ${m} is not in the model, it only trims the calendar to the trading days common to ${f} and ${m}.`
      : null,
  shifted: (r, d) => `The requested date ${r} was not a trading day; the event is ${d}.`,
  summary: 'Summary',
  dayZero: (f, r, m, mr, e, ar, t, p) =>
    `On the event day ${f} returned ${r} while ${m} returned ${mr}. The model expected ${e}, so the abnormal return is ${ar} (t = ${t}, p ${p}).`,
  carLine: (a, b, car, lv, lo, hi, p) => `Cumulative abnormal return over trading days [${a}, ${b}]: ${car} (${lv} interval ${lo} to ${hi}, p ${p}).`,
  dollars: 'Dollar impact (fall in market value; positive = loss)',
  dollarsCaption: (s) => (s ? `Shares outstanding: ${s}; as-traded closes.` : 'Share count unknown: dollar figures cannot be computed.'),
  figure: 'Figure',
  usdBn: 'USD bn',
  low: (lv) => `${lv} low`,
  high: (lv) => `${lv} high`,
  raw: 'Observed (close to close)',
  expected: 'Expected by the model',
  abnormal: 'Abnormal',
  eventDay: 'event day',
  wholeWindow: (a, b) => `window [${a}, ${b}]`,
  model: 'The fitted model',
  parameter: 'Parameter',
  paramName: (n) => n,
  estimate: 'Estimate',
  stdErr: 'Std. error',
  aroundEvent: 'Around the event',
  windowCaption: 'Every day of the event window',
  columns: { date: 'Date', offset: 'Offset', ret: 'Return', market: 'Market', expected: 'Expected', ar: 'Abnormal', t: 't', p: 'p', car: 'CAR', close: 'Close (USD)' },
  priceCaption: (lv, model) =>
    `Observed close and the close the ${enModel[model]} expected from the day before the window; the band is a CAR at either end of its ${lv} interval.`,
  arCaption: (lv) => `Daily abnormal returns with their ${lv} confidence intervals.`,
  carCaption: (lv) => `Cumulative abnormal return from the first day of the window, with its ${lv} interval.`,
  claims: 'Quoted and observed',
  claimsIntro: (n, s, m) => `${n} figures were quoted in ${s} articles; ${m} describe a market move and are set beside the prices here.`,
  claimsCaption: 'Each market-move claim beside what the prices show (losses positive)',
  claimCols: { id: 'Claim', source: 'Article', quote: 'Quote', subject: 'About', horizon: 'Horizon', quoted: 'Quoted', basis: 'Compared with', observed: 'Observed', gap: 'Gap', gapPct: 'Gap %', verdict: 'Verdict' },
  verdict: { 'within rounding': 'within rounding', overstated: 'overstated', understated: 'understated', consistent: 'consistent', 'not comparable': 'not comparable' },
  basis: { 'close-to-close': 'close to close', 'intraday low': 'intraday low', return: 'return' },
  basisOf: (r) => {
    const tags = [r.firms.length > 1 ? 'basket' : '', r.bound === 'lower' ? 'lower bound' : r.bound === 'upper' ? 'upper bound' : ''].filter(Boolean);
    return en.basis[r.basis] + (tags.length ? ` (${tags.join(', ')})` : '');
  },
  subject: (c) => c.subject,
  missingShares: (f) => `Share counts missing for ${f}: not estimated.`,
  missingCloses: (f) => `No as-traded close for ${f}: no dollar figure.`,
  boundNote: (id, b, c) =>
    `${id}: the observed figure is what ${c} lost close to close; the firms without a figure all ${b === 'lower' ? 'fell' : 'rose'} that day, so the basket lost ${b === 'lower' ? 'at least' : 'at most'} that.`,
  rule: 'Rule: a quote is read as rounded to its last significant digit (tolerance: half that unit); within rounding if the gap is no larger than the tolerance, else overstated or understated; "plus de" and "au moins" are consistent when the observed figure is at least the quote. A basket is judged against its close-to-close fall: the sum of intraday lows is only an upper bound (the lows were not simultaneous). When some firms of a basket have no share count or no as-traded close and all of them fell (rose) that day, the others give a lower (upper) bound: understated (overstated) if the quote is beyond it by more than the tolerance, else consistent. Not comparable when the prices cannot give the quoted quantity. Amounts in USD bn, percentages in percent.',
  articles: (f) => `Articles (by their number in the tables): ${f}.`,
  wire: 'The wire figures',
  wireCols: { outlet: 'Outlet', quoted: 'Quoted (USD bn)', priceChange: 'Fall a share (USD)', impliedShares: 'Implied shares (bn)', filingShares: '10-Q shares (bn)' },
  outlet: (o) => o,
  wireConclusion: (a) =>
    a
      ? 'Every vendor recorded the same closes, so the wire figures differ only by the share count each one multiplied by.'
      : 'The vendors disagree on the closes; the gap cannot be put on the share count alone.',
  peers: 'The other firms that day',
  peersCaption: 'Event-day return and abnormal return (market model, same design) of each firm of the basket.',
  samples: 'How far the shock spread',
  samplesIntro: (m, model, lv) =>
    `Each group of firms studied as a sample against ${m} (${model}, same windows): the average abnormal return (AAR) of the event day and the cumulative average (CAAR) over two windows, each with the number of firms behind it and the Kolari-Pynnönen p-value (the standardized cross-sectional test corrected for the correlation of firms sharing an event day). Bands and intervals: ${lv}. The ten tests of each figure are in samples.json.`,
  samplesCaption: (lv) => `Cumulative average abnormal return of each group through the event window, with its ${lv} interval (cross-sectional t).`,
  sampleCols: { group: 'Group', firms: 'Firms', aar0: 'AAR, event day', n: 'n', kpP: 'KP p', caar: (a, b) => `CAAR [${a}, ${b}]` },
  groupLabel: (g) => g.label,
  simulation: 'Without the news: simulated paths',
  simulationIntro: (f, n, m, seed) =>
    `${n} paths of ${f}'s price over the event window without the news: the model's expected returns given the market's actual path, plus forecast errors drawn ${m === 'bootstrap' ? 'from the estimation-window residuals (bootstrap)' : 'from a Student t fitted to the residuals'}, with the parameters re-estimated on each path (seed ${seed}; the same seed gives the same figures). A quoted fall is judged by how often a no-news day 0 falls as far.`,
  fanCaption: 'The observed close against the simulated no-news closes (percentile bands and some paths).',
  lossesCaption: 'Simulated no-news falls in market value on the event day, with the observed fall and the quoted figures marked.',
  simCols: { figure: 'Figure (USD bn)', p05: 'p05', p50: 'p50', p95: 'p95', claim: 'Claim', quoted: 'Quoted (USD bn)', needed: 'Return needed', simulated: 'Share of paths', upper: '95% upper bound', analytic: 'Analytic (t)' },
  simRows: { noNews: 'Fall without news, event day', abnormal: 'Abnormal loss, event day' },
  sqLine: (p, a, b, cp, lo, hi) =>
    `Without assuming normal returns: the empirical-quantile (SQ) test of Gelbach, Helland & Klick (2013) gives p ${p} for day 0 and p ${cp} for the CAR over [${a}, ${b}]; its bootstrap percentile interval is ${lo} to ${hi}.`,
  peerCols: { symbol: 'Symbol', ret: 'Return', ar: 'Abnormal', loss: 'Loss (USD bn)' },
  estimation: 'The estimation window',
  scatterCaption: (model) =>
    model === 'market'
      ? 'Daily returns of the estimation window with the fitted line; the diamond is the event day.'
      : model === 'market-adjusted'
        ? "Daily returns of the estimation window with the 45° line y = x (the market-adjusted model expects the market's return); the diamond is the event day."
        : 'Daily returns of the estimation window with the constant mean (the constant-mean model expects it every day); the diamond is the event day.',
  residualsCaption: 'How unusual the event day is beside the abnormal returns of the estimation window.',
  data: 'Data',
  dataLines: (fs, ms, fb, mb, d) => [`Firm prices: ${fs} (returns on ${fb}).`, `Market prices: ${ms} (returns on ${mb}).`, `${d} trading days common to both series.`],
  notes: 'Notes',
  colon: ': ',
  note: (t) => t,
};

/** English phrases of the facts file's wire-service descriptions, in French (longest first). */
const OUTLET_FR: readonly [RegExp, string][] = [
  [/\(as relayed by ([^,()]+?) and others, /g, '(relayé par $1 et d’autres, '],
  [/\bas relayed by\b/g, 'relayé par'],
  [/, using (\S+) data\b/g, ', d’après les données $1'],
  [/\busing (\S+) data\b/g, 'd’après les données $1'],
  [/\bwire copy citing\b/g, 'dépêche citant'],
  [/\band others\b/g, 'et d’autres'],
];

const ISO_D = '(\\d{4}-\\d{2}-\\d{2})';
const re = (source: string) => new RegExp(`^${source}$`, 's');
const DAY_FR: Record<string, string> = { Saturday: 'samedi', Sunday: 'dimanche' };
const MOVES = `; the event moves to the next trading day, ${ISO_D}\\.`;
const movesFr = (d: string) => `${NBSP}; l’événement passe à la séance suivante, le ${d}.`;

/** Why an estimation day has no return (the study's English phrases), in French. */
function whyFr(text: string): string {
  return text
    .replace(/(\S+(?: and \S+)?) (?:has|have) no price on (\S+), a trading day of the other series/g, (_m, who: string, d: string) => `${who.replace(' and ', ' et ')} sans cours le ${d}, séance de l’autre série`)
    .replace(
      /(\S+(?: and \S+)?) (?:has|have) no price on the day before \((\S+)\), so the return would span two days \(use the multi-day gap policy to keep it\)/g,
      (_m, who: string, d: string) => `${who.replace(' and ', ' et ')} sans cours la veille (${d})${NBSP}: le rendement couvrirait deux séances (la règle des écarts de plusieurs séances permet de le garder)`,
    )
    .replace(/(\S+) is the first day of the data \(a return needs the day before\)/g, (_m, d: string) => `${d} est le premier jour des données (un rendement demande la veille)`)
    .replace(/, and (\d+) more$/, ', et $1 autres');
}

/**
 * The study's notes in French, by their English shape (see `src/study/run.ts`). The study writes
 * them in English for the terminal and the JSON; the French report shows them translated. A note
 * of another shape is shown as written.
 */
export const NOTE_FR: readonly [RegExp, (...groups: string[]) => string][] = [
  [re(`${ISO_D} is a (Saturday|Sunday)${MOVES}`), (_m, d, day, to) => `Le ${d} est un ${DAY_FR[day!] ?? day}${movesFr(to!)}`],
  // The kinds of closed weekday (src/data/calendar.ts); "le NYSE est fermé" says either.
  [re(`${ISO_D} is an NYSE (holiday|special closure) \\((.+)\\)${MOVES}`), (_m, d, _k, name, to) => `Le ${d}, le NYSE est fermé (${name})${movesFr(to!)}`],
  [re(`${ISO_D}: neither (\\S+) nor (\\S+) has a price that day${MOVES}`), (_m, d, a, b, to) => `Le ${d}, ni ${a} ni ${b} n’a de cours${movesFr(to!)}`],
  [re(`(.+)${MOVES}`), (_m, why, to) => `${why}${movesFr(to!)}`],
  [
    re('(\\d+) estimation day\\(s\\) have no return and are left out, never counted as zero: (.*)\\.'),
    (_m, n, list) => `${n} séance(s) de la fenêtre d’estimation sans rendement, laissée(s) de côté et jamais comptée(s) comme nulle(s)${NBSP}: ${whyFr(list!)}.`,
  ],
  [re('No share count for (\\S+): dollar figures are unknown \\(give one with --shares\\)\\.'), (_m, f) => `Pas de nombre d’actions pour ${f}${NBSP}: chiffres en dollars inconnus (en donner un avec --shares).`],
  [re("(\\S+)'s source recorded no as-traded close: dollar figures are unknown\\."), (_m, f) => `La source de ${f} n’a pas de cours de clôture tel que coté${NBSP}: chiffres en dollars inconnus.`],
  [re('Log returns: dollar intervals use the delta method\\.'), () => `Rendements logarithmiques${NBSP}: les intervalles en dollars suivent la méthode delta.`],
  [
    re(`(\\S+)'s share count \\(as of ${ISO_D}(?:, filed ${ISO_D})?\\) was published after the event \\(${ISO_D}\\); it is used as the count of that day\\.`),
    (_m, f, asOf, filed, ev) => `Le nombre d’actions de ${f} (au ${asOf}${filed ? `, publié le ${filed}` : ''}) a été publié après l’événement (${ev})${NBSP}; il est pris comme celui de ce jour-là.`,
  ],
  [
    re(`(\\S+)'s share count was published after the event \\(${ISO_D}\\); it is used as the count of that day\\.`),
    (_m, f, ev) => `Le nombre d’actions de ${f} a été publié après l’événement (${ev})${NBSP}; il est pris comme celui de ce jour-là.`,
  ],
];

const frBasis = { 'close-to-close': 'clôture à clôture', 'intraday low': 'plus bas de séance', return: 'rendement' } as const;

const fr: ReportText = {
  title: (f, d) => `${f} le ${d}${NBSP}: ce qui fut anormal, et ce que cela valait`,
  subtitle: (f, m, model, n) =>
    model === 'ff3'
      ? `Étude d’événement de ${f}, ${frModel.ff3} (facteur de marché Mkt-RF${NBSP}; ${m} ne fixe que les séances) estimé sur ${n} séances`
      : model === 'market'
        ? `Étude d’événement contre ${m}, ${frModel.market} estimé sur ${n} séances`
        : `Étude d’événement contre ${m}, ${frModel[model]}, variance estimée sur ${n} séances`,
  modelNote: (f, m, model) =>
    model === 'ff3'
      ? `Modèle Fama-French à 3 facteurs${NBSP}: le marché est le facteur Mkt-RF du fichier de facteurs (avec SMB et HML, sur les rendements excédentaires)${NBSP}; ${m} n’entre pas dans le modèle, il ne fait que limiter le calendrier aux séances communes à ${f} et ${m}.`
      : null,
  shifted: (r, d) => `La date demandée, ${r}, n’était pas une séance de bourse${NBSP}; l’événement est le ${d}.`,
  summary: 'Résumé',
  dayZero: (f, r, m, mr, e, ar, t, p) =>
    `Le jour de l’événement, ${f} a rendu ${r} et ${m} ${mr}. Le modèle attendait ${e}${NBSP}: le rendement anormal est de ${ar} (t = ${t}, p ${p}).`,
  carLine: (a, b, car, lv, lo, hi, p) => `Rendement anormal cumulé sur les séances [${a}, ${b}]${NBSP}: ${car} (intervalle à ${lv} de ${lo} à ${hi}, p ${p}).`,
  dollars: `En dollars (baisse de la capitalisation${NBSP}; positif = perte)`,
  dollarsCaption: (s) => (s ? `Actions en circulation${NBSP}: ${s}${NBSP}; cours de clôture tels que cotés.` : `Nombre d’actions inconnu${NBSP}: pas de chiffre en dollars.`),
  figure: 'Chiffre',
  usdBn: 'Mds USD',
  low: (lv) => `Borne basse ${lv}`,
  high: (lv) => `Borne haute ${lv}`,
  raw: 'Observé (clôture à clôture)',
  expected: 'Attendu par le modèle',
  abnormal: 'Anormal',
  eventDay: 'jour de l’événement',
  wholeWindow: (a, b) => `fenêtre [${a}, ${b}]`,
  model: 'Le modèle estimé',
  parameter: 'Paramètre',
  paramName: (n) => ({ mean: 'moyenne', intercept: 'constante' })[n] ?? n,
  estimate: 'Estimation',
  stdErr: 'Erreur type',
  aroundEvent: 'Autour de l’événement',
  windowCaption: 'Chaque séance de la fenêtre d’événement',
  columns: { date: 'Date', offset: 'Séance', ret: 'Rendement', market: 'Marché', expected: 'Attendu', ar: 'Anormal', t: 't', p: 'p', car: 'RAC', close: 'Clôture (USD)' },
  priceCaption: (lv, model) =>
    `Cours observé et cours attendu par le ${frModel[model]} depuis la veille de la fenêtre${NBSP}; la bande correspond à un RAC aux bornes de son intervalle à ${lv}.`,
  arCaption: (lv) => `Rendements anormaux quotidiens et leurs intervalles de confiance à ${lv}.`,
  carCaption: (lv) => `Rendement anormal cumulé depuis la première séance de la fenêtre, avec son intervalle à ${lv}.`,
  claims: 'Chiffres cités et chiffres observés',
  claimsIntro: (n, s, m) => `${n} chiffres sont cités dans ${s} articles${NBSP}; ${m} décrivent un mouvement de marché et sont confrontés ici aux cours.`,
  claimsCaption: 'Chaque chiffre de marché cité, face aux cours (pertes positives)',
  claimCols: { id: 'Chiffre', source: 'Article', quote: 'Citation', subject: 'Sujet', horizon: 'Horizon', quoted: 'Cité', basis: 'Comparé à', observed: 'Observé', gap: 'Écart', gapPct: 'Écart %', verdict: 'Verdict' },
  verdict: { 'within rounding': 'dans l’arrondi', overstated: 'surestimé', understated: 'sous-estimé', consistent: 'cohérent', 'not comparable': 'non comparable' },
  basis: frBasis,
  basisOf: (r) => {
    const tags = [r.firms.length > 1 ? 'panier' : '', r.bound === 'lower' ? 'borne basse' : r.bound === 'upper' ? 'borne haute' : ''].filter(Boolean);
    return frBasis[r.basis] + (tags.length ? ` (${tags.join(', ')})` : '');
  },
  subject: (c) => c.subjectFr ?? c.subject,
  missingShares: (f) => `Nombre d’actions manquant pour ${f}${NBSP}: non estimé.`,
  missingCloses: (f) => `Pas de cours de clôture tel que coté pour ${f}${NBSP}: pas de chiffre en dollars.`,
  boundNote: (id, b, c) =>
    `${id}${NBSP}: le chiffre observé est ce que ${c} ont perdu de clôture à clôture${NBSP}; les entreprises sans chiffre ont toutes ${b === 'lower' ? 'baissé' : 'monté'} ce jour-là, donc le panier a perdu ${b === 'lower' ? 'au moins' : 'au plus'} cela.`,
  rule: `Règle${NBSP}: un chiffre cité est lu comme arrondi à son dernier chiffre significatif (tolérance${NBSP}: la moitié de cette unité)${NBSP}; dans l’arrondi si l’écart ne dépasse pas la tolérance, sinon surestimé ou sous-estimé${NBSP}; «${NBSP}plus de${NBSP}» et «${NBSP}au moins${NBSP}» sont cohérents si l’observé atteint le chiffre cité. Un panier est jugé sur sa baisse de clôture à clôture${NBSP}: la somme des plus bas de séance n’en est qu’une borne haute (les plus bas ne sont pas simultanés). Quand des entreprises d’un panier n’ont pas de nombre d’actions ou de cours tel que coté et qu’elles ont toutes baissé (monté) ce jour-là, les autres donnent une borne basse (haute)${NBSP}: sous-estimé (surestimé) si le chiffre cité la dépasse de plus que la tolérance, sinon cohérent. Non comparable si les cours ne peuvent pas donner la grandeur citée. Montants en milliards de dollars, pourcentages en pour cent.`,
  articles: (f) => `Articles (numérotés comme dans les tableaux)${NBSP}: ${f}.`,
  wire: 'Les chiffres des agences',
  wireCols: { outlet: 'Agence', quoted: 'Cité (Mds USD)', priceChange: 'Baisse par action (USD)', impliedShares: 'Actions implicites (Mds)', filingShares: 'Actions du 10-Q (Mds)' },
  outlet: (o) => OUTLET_FR.reduce((t, [re, to]) => t.replace(re, to), o),
  wireConclusion: (a) =>
    a
      ? `Tous les fournisseurs ont enregistré les mêmes cours de clôture${NBSP}: les chiffres des agences ne diffèrent que par le nombre d’actions utilisé.`
      : `Les fournisseurs ne s’accordent pas sur les cours${NBSP}: l’écart ne tient pas qu’au nombre d’actions.`,
  peers: 'Les autres entreprises ce jour-là',
  peersCaption: 'Rendement et rendement anormal (modèle de marché, même protocole) de chaque entreprise du panier le jour de l’événement.',
  samples: 'Jusqu’où le choc s’est propagé',
  samplesIntro: (m, model, lv) =>
    `Chaque groupe d’entreprises étudié comme un échantillon face à ${m} (${model}, mêmes fenêtres)${NBSP}: le rendement anormal moyen (AAR) du jour de l’événement et le cumul (CAAR) sur deux fenêtres, chacun avec le nombre d’entreprises sur lequel il repose et la p-valeur de Kolari-Pynnönen (le test transversal standardisé corrigé de la corrélation des entreprises qui partagent le jour de l’événement). Bandes et intervalles${NBSP}: ${lv}. Les dix tests de chaque chiffre sont dans samples.json.`,
  samplesCaption: (lv) => `Rendement anormal moyen cumulé de chaque groupe sur la fenêtre de l’événement, avec son intervalle ${lv} (t transversal).`,
  sampleCols: { group: 'Groupe', firms: 'Entreprises', aar0: 'AAR, jour de l’événement', n: 'n', kpP: 'p KP', caar: (a, b) => `CAAR [${a}, ${b}]` },
  groupLabel: (g) => g.labelFr,
  simulation: `Sans la nouvelle${NBSP}: trajectoires simulées`,
  simulationIntro: (f, n, m, seed) =>
    `${n} trajectoires du cours de ${f} sur la fenêtre de l’événement sans la nouvelle${NBSP}: les rendements attendus par le modèle compte tenu du marché réel, plus des erreurs de prévision tirées ${m === 'bootstrap' ? 'des résidus de la fenêtre d’estimation (bootstrap)' : 'd’une loi de Student ajustée aux résidus'}, les paramètres étant réestimés à chaque trajectoire (graine ${seed}${NBSP}; la même graine donne les mêmes chiffres). Un chiffre cité se juge à la fréquence à laquelle un jour 0 sans nouvelle baisse autant.`,
  fanCaption: 'Le cours de clôture observé face aux clôtures simulées sans la nouvelle (bandes de centiles et quelques trajectoires).',
  lossesCaption: 'Baisses simulées de la valeur de marché le jour de l’événement sans la nouvelle, avec la baisse observée et les chiffres cités.',
  simCols: { figure: 'Chiffre (Mds USD)', p05: 'p05', p50: 'p50', p95: 'p95', claim: 'Chiffre cité', quoted: 'Cité (Mds USD)', needed: 'Rendement nécessaire', simulated: 'Part des trajectoires', upper: `Borne haute à 95${NBSP}%`, analytic: 'Analytique (t)' },
  simRows: { noNews: 'Baisse sans la nouvelle, jour de l’événement', abnormal: 'Perte anormale, jour de l’événement' },
  sqLine: (p, a, b, cp, lo, hi) =>
    `Sans supposer des rendements normaux${NBSP}: le test des quantiles empiriques (SQ) de Gelbach, Helland et Klick (2013) donne p ${p} pour le jour 0 et p ${cp} pour le rendement anormal cumulé sur [${a}, ${b}]${NBSP}; son intervalle bootstrap par centiles va de ${lo} à ${hi}.`,
  peerCols: { symbol: 'Symbole', ret: 'Rendement', ar: 'Anormal', loss: 'Perte (Mds USD)' },
  estimation: 'La fenêtre d’estimation',
  scatterCaption: (model) =>
    model === 'market'
      ? `Rendements quotidiens de la fenêtre d’estimation et droite ajustée${NBSP}; le losange est le jour de l’événement.`
      : model === 'market-adjusted'
        ? `Rendements quotidiens de la fenêtre d’estimation et droite à 45° y = x (le modèle ajusté du marché attend le rendement du marché)${NBSP}; le losange est le jour de l’événement.`
        : `Rendements quotidiens de la fenêtre d’estimation et moyenne constante (le modèle l’attend chaque jour)${NBSP}; le losange est le jour de l’événement.`,
  residualsCaption: 'Le jour de l’événement comparé aux rendements anormaux de la fenêtre d’estimation.',
  data: 'Données',
  dataLines: (fs, ms, fb, mb, d) => [`Cours de l’entreprise${NBSP}: ${fs} (rendements sur ${fb}).`, `Cours du marché${NBSP}: ${ms} (rendements sur ${mb}).`, `${d} séances communes aux deux séries.`],
  notes: 'Remarques',
  colon: `${NBSP}: `,
  note: (t) => {
    for (const [pattern, to] of NOTE_FR) {
      const m = pattern.exec(t);
      if (m) return to(...(m as unknown as string[]));
    }
    return t;
  },
};

/** The report's words in `lang`. */
export function reportText(lang: Lang): ReportText {
  return lang === 'fr' ? fr : en;
}

