/**
 * The report of a study (and, when given, of the claims): what the HTML page shows and which
 * chart files go beside it. Pure reshaping of results into {@link ReportInput}; rendering is
 * `buildReport` and `renderChart`.
 *
 * @module
 */
import { join } from 'node:path';
import type { ClaimsReport } from '../claims/report.js';
import type { Spec } from '../charts/common.js';
import { checkLang, formatDate, formatNumber, type FormatNumberOptions, type Lang } from '../charts/i18n.js';
import type { EventStudy } from '../study/result.js';
import type { OutputFile } from '../util/atomic.js';
import { claimsCharts, studyCharts } from './figures.js';
import { buildReport, type ReportInput, type ReportSection, type ReportTable } from './html.js';
import { renderCharts } from './render.js';
import { reportText } from './text.js';

/** Options of {@link studyReport} and {@link studyReportFiles}. */
export interface StudyReportOptions {
  /** The claims side; adds the quoted-vs-observed, wire and peers sections. */
  claims?: ClaimsReport;
  /** Language of the page and of its charts. Default `'en'`. */
  lang?: Lang;
}

const PCT: FormatNumberOptions = { style: 'percent', digits: 2 };
const P: FormatNumberOptions = { style: 'pvalue' };
const BN: FormatNumberOptions = { digits: 2 };
const bn = (v: number | null) => (v === null ? null : v / 1e9);
/** A cell that has no number by nature (not an unknown one). */
const NA = '—';

/** Every chart of the report, by file name, in the order the page shows them. */
export function reportCharts(study: EventStudy, opts: StudyReportOptions = {}): Record<string, Spec> {
  const lang = checkLang(opts.lang);
  const s = studyCharts(study, { lang });
  const c = opts.claims ? claimsCharts(opts.claims, { lang }) : undefined;
  const all: Record<string, Spec | undefined> = {
    'price-path': s['price-path'],
    'abnormal-returns': s['abnormal-returns'],
    car: s.car,
    claims: c?.claims,
    peers: c?.peers,
    'estimation-scatter': s['estimation-scatter'],
    residuals: s.residuals,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, Spec] => e[1] !== undefined));
}

/**
 * What the HTML report of a study shows: summary, dollar impact, the model, the event window,
 * the claims (when given), the peers, the estimation window and the data's provenance.
 * Every number in a table is the result's own number (`data-value` in the page), formatted
 * for `lang`.
 *
 * @example
 * const html = await buildReport(studyReport(study, { claims: await claimsReport(), lang: 'fr' }));
 */
export function studyReport(study: EventStudy, opts: StudyReportOptions = {}): ReportInput {
  return reportInput(study, opts, reportCharts(study, opts));
}

/** A figure of the report if the chart exists (some charts need data a study may lack). */
type Figures = (name: string, caption: string) => { name: string; spec: Spec; svg: string | undefined; caption: string }[];

function reportInput(study: EventStudy, opts: StudyReportOptions, charts: Record<string, Spec>, svgs: Record<string, string> = {}): ReportInput {
  const lang = checkLang(opts.lang);
  const T = reportText(lang);
  const f = (v: number, o: FormatNumberOptions) => formatNumber(v, lang, o);
  /** `= 0.0123` or `< 0.0001`, to follow a "p". */
  const pIs = (p: number) => {
    const text = f(p, P);
    return text.startsWith('<') ? text : `= ${text}`;
  };
  const chart: Figures = (name, caption) => (charts[name] ? [{ name, spec: charts[name]!, svg: svgs[name], caption }] : []);
  const e = study.estimation;
  const d0 = study.day(0);
  const [a, b] = study.windowOffsets;
  const eventDate = formatDate(study.event.date, lang, 'long');

  const summary: string[] = [];
  if (study.event.shifted) summary.push(T.shifted(formatDate(study.event.requested, lang, 'long'), eventDate));
  if (d0) {
    summary.push(
      T.dayZero(study.firm, f(d0.return, PCT), study.market, f(d0.marketReturn, PCT), f(d0.expected, PCT), f(d0.ar, PCT), f(d0.t, { digits: 2 }), pIs(d0.p)),
    );
  }
  const car = study.car;
  summary.push(T.carLine(car.from, car.to, f(car.value, PCT), f(car.lo, PCT), f(car.hi, PCT), pIs(car.p)));

  // Observed and expected falls are not estimates: their interval is "not applicable" (—), not unknown.
  const lossRow = (label: string, v: number | null, lo?: number | null, hi?: number | null) =>
    lo === undefined ? [label, bn(v), NA, NA] : [label, bn(v), bn(lo), bn(hi ?? null)];
  const day = study.loss(0, 0);
  const win = study.loss(a, b);
  const dollars: ReportTable = {
    caption: T.dollarsCaption(day.shares === null ? null : f(day.shares, {})),
    columns: [T.figure, T.usdBn, T.low, T.high],
    formats: [undefined, BN, BN, BN],
    rows: [
      lossRow(`${T.raw}, ${T.eventDay}`, day.raw),
      lossRow(`${T.expected}, ${T.eventDay}`, day.expected),
      lossRow(`${T.abnormal}, ${T.eventDay}`, day.abnormal, day.abnormalLo, day.abnormalHi),
      lossRow(`${T.raw}, ${T.wholeWindow(a, b)}`, win.raw),
      lossRow(`${T.expected}, ${T.wholeWindow(a, b)}`, win.expected),
      lossRow(`${T.abnormal}, ${T.wholeWindow(a, b)}`, win.abnormal, win.abnormalLo, win.abnormalHi),
    ],
  };
  const model: ReportTable = {
    caption: `${e.start} – ${e.end}, n = ${e.n}, df = ${e.df}`,
    columns: [T.parameter, T.estimate, T.stdErr, T.columns.t, T.columns.p, T.low, T.high],
    formats: [undefined, { digits: 6 }, { digits: 6 }, { digits: 3 }, P, { digits: 6 }, { digits: 6 }],
    rows: [
      ...e.coefficients.map((c) => [c.name, c.value, c.se, c.t, c.p, c.lo, c.hi]),
      ['sigma', e.sigma, null, null, null, null, null],
      ...(e.r2 !== null ? [['R²', e.r2, null, null, null, null, null]] : []),
    ],
  };
  const C = T.columns;
  const windowTable: ReportTable = {
    caption: T.windowCaption,
    columns: [C.date, C.offset, C.ret, C.market, C.expected, C.ar, C.t, C.p, C.car, C.close],
    formats: [undefined, {}, PCT, PCT, PCT, PCT, { digits: 2 }, P, PCT, { digits: 2 }],
    rows: study.window.map((d) => [d.date, d.offset, d.return, d.marketReturn, d.expected, d.ar, d.t, d.p, d.car, d.close]),
  };

  const sections: ReportSection[] = [
    { heading: T.summary, paragraphs: [...summary, ...study.notes], tables: [dollars] },
    {
      heading: T.aroundEvent,
      charts: [...chart('price-path', T.priceCaption), ...chart('abnormal-returns', T.arCaption), ...chart('car', T.carCaption)],
      tables: [windowTable],
    },
  ];
  if (opts.claims) sections.push(...claimsSections(opts.claims, lang, chart));
  sections.push(
    { heading: T.model, tables: [model], charts: [...chart('estimation-scatter', T.scatterCaption), ...chart('residuals', T.residualsCaption)] },
    {
      heading: T.data,
      paragraphs: T.dataLines(
        study.provenance.firmSource,
        study.provenance.marketSource,
        study.provenance.firmBasis,
        study.provenance.marketBasis,
        study.provenance.commonDays,
      ),
    },
  );
  return {
    title: T.title(study.firm, eventDate),
    subtitle: T.subtitle(study.market, study.model, e.n),
    lang,
    sections,
  };
}

/** The claims, wire and peers sections. */
function claimsSections(report: ClaimsReport, lang: Lang, chart: Figures): ReportSection[] {
  const T = reportText(lang);
  const K = T.claimCols;
  // Amounts in USD bn, percentages in percent points, as the claim was quoted.
  const inUnit = (v: number | null, unit: string) => (unit === 'USD' ? bn(v) : v);
  const claimsTable: ReportTable = {
    caption: T.claimsCaption,
    columns: [K.id, K.source, K.quote, K.subject, K.horizon, K.quoted, K.basis, K.observed, K.gap, K.gapPct, K.verdict],
    formats: [undefined, undefined, undefined, undefined, undefined, BN, undefined, BN, { digits: 2, sign: 'always' }, { digits: 1, sign: 'always' }],
    rows: report.reconciliations.map((r) => [
      r.claim.id,
      r.claim.seed.slice(0, 3),
      r.claim.text,
      r.claim.subject,
      r.claim.horizon ?? '',
      inUnit(r.claim.value, r.claim.unit),
      T.basis[r.basis],
      inUnit(r.observed, r.claim.unit),
      inUnit(r.gap, r.claim.unit),
      r.gapPct,
      T.verdict[r.verdict],
    ]),
  };
  const missing = report.reconciliations
    .filter((r) => r.missingShares.length > 0)
    .map((r) => `${r.claim.id}: ${T.missingShares(r.missingShares.join(', '))}`);
  const articles = [...new Set(report.claims.map((c) => c.seed))].sort();
  const seeds = articles.length;
  const W = T.wireCols;
  const wireTable: ReportTable = {
    columns: [W.outlet, W.quoted, W.priceChange, W.impliedShares, W.filingShares],
    formats: [undefined, { digits: 1 }, { digits: 2 }, { digits: 3 }, { digits: 3 }],
    rows: report.wire.checks.map((c) => [c.outlet, bn(c.value), c.priceChange, bn(c.impliedShares), bn(c.filingShares)]),
  };
  const P = T.peerCols;
  const peers = Object.values(report.days).sort((x, y) => (x.return ?? 0) - (y.return ?? 0) || (x.symbol < y.symbol ? -1 : 1));
  const peersTable: ReportTable = {
    columns: [P.symbol, P.ret, P.ar, P.loss],
    formats: [undefined, PCT, PCT, BN],
    rows: peers.map((d) => [d.symbol, d.return, d.ar, bn(d.raw)]),
  };
  return [
    {
      heading: T.claims,
      paragraphs: [T.claimsIntro(report.claims.length, seeds, report.reconciliations.length), T.rule, T.articles(articles.map((a) => `seeds/${a}`).join(', '))],
      charts: chart('claims', T.claimsCaption),
      tables: [claimsTable],
      notes: missing,
    },
    { heading: T.wire, paragraphs: [T.wireConclusion(report.wire.pricesAgree)], tables: [wireTable] },
    { heading: T.peers, charts: chart('peers', T.peersCaption), tables: [peersTable] },
  ];
}

/**
 * The report page and every chart as files under `dir`: `report.html` and
 * `charts/<name>.vl.json|.svg|.png`, ready for `writeFilesAtomic`.
 *
 * @example
 * await writeFilesAtomic(await studyReportFiles(study, 'out', { claims, lang: 'fr' }));
 */
export async function studyReportFiles(study: EventStudy, dir: string, opts: StudyReportOptions = {}): Promise<OutputFile[]> {
  const charts = reportCharts(study, opts);
  // Each chart is rendered once: its files, and the same SVG inline in the page.
  const rendered = await renderCharts(charts, join(dir, 'charts'));
  const html = await buildReport(reportInput(study, opts, charts, rendered.svgs));
  return [{ path: join(dir, 'report.html'), data: html }, ...rendered.files];
}
