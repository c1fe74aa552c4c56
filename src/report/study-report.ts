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
import { caarChart } from '../charts/caar.js';
import { checkLang, formatDate, formatNumber, labels, levelText, type FormatNumberOptions, type Lang } from '../charts/i18n.js';
import { fanChart, simulatedLossesChart } from '../charts/fan.js';
import type { GroupSample } from '../samples/by-group.js';
import type { CounterfactualResult } from '../simulate/counterfactual.js';
import { fanInput, lossesInput } from './simulate-text.js';
import { caarChartRows, windowOf } from './sample-text.js';
import type { EventStudy } from '../study/result.js';
import type { OutputFile } from '../util/atomic.js';
import { claimsCharts, studyCharts } from './figures.js';
import { buildReport, type ReportInput, type ReportSection, type ReportTable } from './html.js';
import type { ChartThread } from './chart-thread.js';
import { renderCharts } from './render.js';
import { reportText } from './text.js';

/** Options of {@link studyReport} and {@link studyReportFiles}. */
export interface StudyReportOptions {
  /** The claims side; adds the quoted-vs-observed, wire and peers sections. */
  claims?: ClaimsReport;
  /** Samples of firms by group; adds the "how far the shock spread" section and the CAAR chart. */
  samples?: readonly GroupSample[];
  /** The study's counterfactual simulation; adds the "without the news" section, the fan and the simulated losses. */
  counterfactual?: CounterfactualResult;
  /** Language of the page and of its charts. Default `'en'`. */
  lang?: Lang;
  /** The thread that draws the charts (`chartThread()`, see `renderCharts`); by default one is started and closed. */
  thread?: ChartThread;
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
    caar: opts.samples?.length ? samplesChart(opts.samples, lang) : undefined,
    fan: opts.counterfactual ? fanChart(fanInput(opts.counterfactual, lang)) : undefined,
    'simulated-losses': lossesOf(opts.counterfactual, lang),
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
  // Every interval of the report is the study's, at the study's level.
  const level = levelText(study.confidence, lang);

  const summary: string[] = [];
  if (study.event.shifted) summary.push(T.shifted(formatDate(study.event.requested, lang, 'long'), eventDate));
  if (d0) {
    summary.push(
      T.dayZero(study.firm, f(d0.return, PCT), study.market, f(d0.marketReturn, PCT), f(d0.expected, PCT), f(d0.ar, PCT), f(d0.t, { digits: 2 }), pIs(d0.p)),
    );
  }
  const car = study.car;
  summary.push(T.carLine(car.from, car.to, f(car.value, PCT), level, f(car.lo, PCT), f(car.hi, PCT), pIs(car.p)));
  const modelNote = T.modelNote(study.firm, study.market, study.model);

  // Observed and expected falls are not estimates: their interval is "not applicable" (—), not unknown.
  const lossRow = (label: string, v: number | null, lo?: number | null, hi?: number | null) =>
    lo === undefined ? [label, bn(v), NA, NA] : [label, bn(v), bn(lo), bn(hi ?? null)];
  const day = study.loss(0, 0);
  const win = study.loss(a, b);
  const dollars: ReportTable = {
    caption: T.dollarsCaption(day.shares === null ? null : f(day.shares, {})),
    columns: [T.figure, T.usdBn, T.low(level), T.high(level)],
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
    caption: `${e.start} – ${e.end}, n = ${f(e.n, {})}, df = ${f(e.df, {})}`,
    columns: [T.parameter, T.estimate, T.stdErr, T.columns.t, T.columns.p, T.low(level), T.high(level)],
    formats: [undefined, { digits: 6 }, { digits: 6 }, { digits: 3 }, P, { digits: 6 }, { digits: 6 }],
    rows: [
      ...e.coefficients.map((c) => [T.paramName(c.name), c.value, c.se, c.t, c.p, c.lo, c.hi]),
      // sigma and R² are statistics of the fit, not estimated coefficients: no test or interval applies.
      ['sigma', e.sigma, NA, NA, NA, NA, NA],
      ...(e.r2 !== null ? [['R²', e.r2, NA, NA, NA, NA, NA]] : []),
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
    { heading: T.summary, paragraphs: [...summary, ...study.notes.map(T.note)], tables: [dollars] },
    {
      heading: T.aroundEvent,
      charts: [...chart('price-path', T.priceCaption(level, study.model)), ...chart('abnormal-returns', T.arCaption(level)), ...chart('car', T.carCaption(level))],
      tables: [windowTable],
    },
  ];
  if (opts.claims) sections.push(...claimsSections(opts.claims, lang, chart));
  if (opts.samples?.length) sections.push(samplesSection(opts.samples, lang, chart));
  if (opts.counterfactual) sections.push(simulationSection(opts.counterfactual, lang, chart));
  sections.push(
    {
      heading: T.model,
      ...(modelNote ? { paragraphs: [modelNote] } : {}),
      tables: [model],
      charts: [...(study.model !== 'ff3' ? chart('estimation-scatter', T.scatterCaption(study.model)) : []), ...chart('residuals', T.residualsCaption)],
    },
    {
      heading: T.data,
      paragraphs: T.dataLines(
        study.provenance.firmSource,
        study.provenance.marketSource,
        study.provenance.firmBasis,
        study.provenance.marketBasis,
        f(study.provenance.commonDays, {}),
      ),
    },
  );
  return {
    title: T.title(study.firm, eventDate),
    subtitle: T.subtitle(study.firm, study.market, study.model, f(e.n, {})),
    lang,
    sections,
  };
}

/** The CAAR of each group through the event window, at the samples' level. */
function samplesChart(samples: readonly GroupSample[], lang: Lang): Spec {
  const T = reportText(lang);
  const named = samples.map((g) => ({ name: T.groupLabel(g.group), result: g.result }));
  return caarChart({ rows: caarChartRows(named), lang, level: samples[0]!.result.design.confidence });
}

/** Which groups moved abnormally: AAR of the event day and CAAR over [-1, 1] and the window, with n and the KP p. */
function samplesSection(samples: readonly GroupSample[], lang: Lang, chart: Figures): ReportSection {
  const T = reportText(lang);
  const K = T.sampleCols;
  const first = samples[0]!.result.design;
  const level = levelText(first.confidence, lang);
  const [a, b] = first.window;
  const table: ReportTable = {
    columns: [K.group, K.firms, K.aar0, K.n, K.kpP, K.caar(-1, 1), K.n, K.kpP, K.caar(a, b), K.n, K.kpP],
    formats: [undefined, {}, PCT, {}, P, PCT, {}, P, PCT, {}, P],
    rows: samples.map(({ group, result: r }) => {
      const d0 = r.days.find((d) => d.offset === 0);
      const near = windowOf(r, -1, 1);
      const whole = windowOf(r, a, b);
      return [
        T.groupLabel(group),
        r.counts.studied,
        d0?.aar ?? null,
        d0?.n ?? null,
        d0?.tests.kolariPynnonen?.p ?? null,
        near?.value ?? null,
        near?.n ?? null,
        near?.tests.kolariPynnonen?.p ?? null,
        whole?.value ?? null,
        whole?.n ?? null,
        whole?.tests.kolariPynnonen?.p ?? null,
      ];
    }),
  };
  const model = labels(lang).modelName[first.model];
  return {
    heading: T.samples,
    paragraphs: [T.samplesIntro(first.market, model, level)],
    charts: chart('caar', T.samplesCaption(level)),
    tables: [table],
  };
}

/** The simulated-losses chart of a counterfactual, when it has event-day dollar figures. */
function lossesOf(r: CounterfactualResult | undefined, lang: Lang): Spec | undefined {
  const input = r ? lossesInput(r, lang) : null;
  return input ? simulatedLossesChart(input) : undefined;
}

/** The firm without the news: the spread of the no-news and abnormal losses, the chance of each quoted fall, the SQ test. */
function simulationSection(r: CounterfactualResult, lang: Lang, chart: Figures): ReportSection {
  const T = reportText(lang);
  const K = T.simCols;
  const f = (v: number, o: FormatNumberOptions) => formatNumber(v, lang, o);
  const spread = (label: string, s: { p05: number; p50: number; p95: number }) => [label, bn(s.p05), bn(s.p50), bn(s.p95)];
  const tables: ReportTable[] = [];
  if (r.loss) {
    tables.push({
      columns: [K.figure, K.p05, K.p50, K.p95],
      formats: [undefined, BN, BN, BN],
      rows: [spread(T.simRows.noNews, r.loss.noNews), spread(T.simRows.abnormal, r.loss.abnormal)],
    });
  }
  if (r.claims.length) {
    tables.push({
      columns: [K.claim, K.quoted, K.needed, K.simulated, K.upper, K.analytic],
      formats: [undefined, BN, PCT, { digits: 5 }, P, P],
      rows: r.claims.map((c) => [c.id, bn(c.usd), c.returnNeeded, c.probability, c.upper95, c.analytic]),
    });
  }
  const pOf = (p: number) => f(p, P);
  const b = r.bootstrapCar;
  return {
    heading: T.simulation,
    paragraphs: [
      T.simulationIntro(r.firm, f(r.trials, {}), r.method, r.seed),
      T.sqLine(r.sq.day0 ? pOf(r.sq.day0.p) : '—', r.sq.car.from, r.sq.car.to, pOf(r.sq.car.p), f(b.lo, PCT), f(b.hi, PCT)),
    ],
    charts: [...chart('fan', T.fanCaption), ...chart('simulated-losses', T.lossesCaption)],
    tables,
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
      T.subject(r.claim),
      r.claim.horizon ?? '',
      inUnit(r.claim.value, r.claim.unit),
      T.basisOf(r),
      inUnit(r.observed, r.claim.unit),
      inUnit(r.gap, r.claim.unit),
      r.gapPct,
      T.verdict[r.verdict],
    ]),
  };
  const missing = report.reconciliations.flatMap((r) => [
    ...(r.bound ? [T.boundNote(r.claim.id, r.bound, r.counted.join(', '))] : []),
    ...(r.missingShares.length ? [`${r.claim.id}${T.colon}${T.missingShares(r.missingShares.join(', '))}`] : []),
    ...(r.missingCloses.length ? [`${r.claim.id}${T.colon}${T.missingCloses(r.missingCloses.join(', '))}`] : []),
  ]);
  const articles = [...new Set(report.claims.map((c) => c.seed))].sort();
  const seeds = articles.length;
  const W = T.wireCols;
  const wireTable: ReportTable = {
    columns: [W.outlet, W.quoted, W.priceChange, W.impliedShares, W.filingShares],
    formats: [undefined, { digits: 1 }, { digits: 2 }, { digits: 3 }, { digits: 3 }],
    rows: report.wire.checks.map((c) => [T.outlet(c.outlet), bn(c.value), c.priceChange, bn(c.impliedShares), bn(c.filingShares)]),
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
  const rendered = await renderCharts(charts, join(dir, 'charts'), { thread: opts.thread });
  const html = await buildReport(reportInput(study, opts, charts, rendered.svgs));
  return [{ path: join(dir, 'report.html'), data: html }, ...rendered.files];
}
