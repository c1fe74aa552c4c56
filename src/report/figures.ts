/**
 * From results to charts: the glue between an {@link EventStudy} (and a {@link ClaimsReport})
 * and the plain-data chart builders of `src/charts`. Nothing here draws or computes statistics;
 * it only reads figures the study already holds and reshapes them.
 *
 * @module
 */
import type { ClaimsReport } from '../claims/report.js';
import type { Reconciliation } from '../claims/reconcile.js';
import { abnormalReturnsChart } from '../charts/abnormalReturns.js';
import { carChart } from '../charts/car.js';
import { claimsChart } from '../charts/claims.js';
import { type Spec } from '../charts/common.js';
import { distributionChart } from '../charts/distribution.js';
import { estimationScatterChart } from '../charts/estimationScatter.js';
import { checkLang, NBSP, formatDate, labels, type Lang } from '../charts/i18n.js';
import { peersChart } from '../charts/peers.js';
import { pricePathChart } from '../charts/pricePath.js';
import type { ClaimBar, PricePathRow } from '../charts/types.js';
import type { EventStudy } from '../study/result.js';
import { reportText } from './text.js';

/** The charts of one study, by file name. Optional ones are absent when the data cannot give them. */
export interface StudyCharts {
  /** Observed close vs. the counterfactual path; absent when the source has no as-traded close. */
  'price-path'?: Spec;
  'abnormal-returns': Spec;
  car: Spec;
  /** Firm vs. market on the estimation window; absent for the Fama-French model (no single line). */
  'estimation-scatter'?: Spec;
  /** The estimation-window abnormal returns with the event day's abnormal return marked. */
  residuals: Spec;
}

/** The charts of the claims side, by file name. */
export interface ClaimsCharts {
  claims: Spec;
  peers: Spec;
}

/**
 * The model's counterfactual close and its band, for each day of the event window:
 * `C_t = P_{a-1} · Π_{s≤t} (1 + E[R_s])` (or `exp(Σ E[R_s])` for log returns), anchored on the
 * as-traded close before the window; the band is the close a CAR at either end of its
 * confidence interval would give, `C_t · (1 ± h_t)` with `h_t = t_crit · se(CAR_t)`
 * (`C_t · exp(±h_t)` for log returns), a first-order reading of the CAR interval in prices.
 * `null` when a close is missing.
 */
export function pricePathRows(study: EventStudy): PricePathRow[] | null {
  const [a] = study.windowOffsets;
  const anchor = study.loss(a, a).priceBefore;
  if (anchor === null || study.window.some((d) => d.close === null)) return null;
  const log = study.returnKind === 'log';
  let growth = log ? 0 : 1;
  return study.window.map((d) => {
    growth = log ? growth + d.expected : growth * (1 + d.expected);
    const counterfactual = anchor * (log ? Math.exp(growth) : growth);
    const h = d.carHi - d.car;
    return {
      date: d.date,
      offset: d.offset,
      close: d.close as number,
      counterfactual,
      lo: counterfactual * (log ? Math.exp(-h) : 1 - h),
      hi: counterfactual * (log ? Math.exp(h) : 1 + h),
    };
  });
}

/**
 * Every chart of a study, in `lang`.
 *
 * @example
 * const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
 * const charts = studyCharts(study, { lang: 'fr' });
 * await writeFilesAtomic(await renderChart(charts.car, 'out/car'));
 */
export function studyCharts(study: EventStudy, opts: { lang?: Lang } = {}): StudyCharts {
  const lang = checkLang(opts.lang);
  const L = labels(lang);
  const symbol = study.firm;
  const day0 = study.day(0);
  // Every interval drawn is the study's, at the study's level.
  const level = study.confidence;
  const charts: StudyCharts = {
    'abnormal-returns': abnormalReturnsChart({
      symbol,
      lang,
      level,
      rows: study.window.map((d) => ({ date: d.date, offset: d.offset, ar: d.ar, lo: d.lo, hi: d.hi })),
    }),
    car: carChart({
      symbol,
      lang,
      level,
      rows: study.window.map((d) => ({ date: d.date, offset: d.offset, car: d.car, lo: d.carLo, hi: d.carHi })),
    }),
    residuals: distributionChart({
      lang,
      title: L.residualsTitle(symbol),
      values: study.fitted.residuals,
      observed: day0?.ar ?? study.window[0]!.ar,
      label: formatDate(day0?.date ?? study.window[0]!.date, lang),
      xTitle: L.abnormalReturn,
      subtitle: L.residualsSubtitle(study.fitted.residuals.length),
    }),
  };
  const rows = pricePathRows(study);
  if (rows) charts['price-path'] = pricePathChart({ symbol, eventDate: study.event.date, rows, lang, level, model: study.model });
  const model = study.model;
  if (model !== 'ff3' && day0) {
    charts['estimation-scatter'] = estimationScatterChart({
      symbol,
      market: study.market,
      lang,
      model,
      points: study.estimationDays.map((d) => ({ date: d.date, x: d.market, y: d.firm })),
      alpha: study.estimation.alpha,
      beta: study.estimation.beta,
      event: { date: day0.date, x: day0.marketReturn, y: day0.return },
    });
  }
  return charts;
}

const BN = 1e9;

/**
 * The tooltip note of a quoted bar, in `lang`: the verdict and what the quote was compared with
 * (a bound, the firms without a figure), never the English reason.
 */
export function claimNote(r: Reconciliation, lang: Lang = 'en'): string {
  const T = reportText(lang);
  const parts = [`${T.verdict[r.verdict]}, ${T.basisOf(r)}.`];
  if (r.missingShares.length) parts.push(T.missingShares(r.missingShares.join(', ')));
  if (r.missingCloses.length) parts.push(T.missingCloses(r.missingCloses.join(', ')));
  return parts.join(' ');
}

/** A quote in the typography of `lang`: “…” in English, « … » in French. */
const quote = (text: string, lang: Lang) => (lang === 'fr' ? `«${NBSP}${text}${NBSP}»` : `“${text}”`);

/** The bars of the claims chart: every quoted USD loss, then the observed figures of its firm. */
export function claimBars(report: ClaimsReport, lang: Lang = 'en'): ClaimBar[] {
  const L = labels(lang);
  const money = report.reconciliations.filter((r) => r.claim.unit === 'USD');
  const bars: ClaimBar[] = money.map((r: Reconciliation) => ({
    label: `${quote(r.claim.text, lang)} (${r.claim.seed.slice(0, 3)}${r.firms.length > 1 ? `, ${r.firms[0]!.symbol} + ${r.firms.length - 1}` : ''})`,
    group: 'quoted',
    measure: 'claim',
    value: r.claim.value / BN,
    note: claimNote(r, lang),
  }));
  const firm = report.days.NVDA;
  if (firm && firm.raw !== null && firm.expected !== null && firm.abnormal !== null) {
    const on = `NVDA, ${formatDate(report.eventDate, lang)}`;
    bars.push(
      { label: `${L.measureLabel.raw} (${on})`, group: 'observed', measure: 'raw', value: firm.raw / BN },
      { label: `${L.measureLabel.expected} (${on})`, group: 'observed', measure: 'expected', value: firm.expected / BN },
      {
        label: `${L.measureLabel.abnormal} (${on})`,
        group: 'observed',
        measure: 'abnormal',
        value: firm.abnormal / BN,
        ...(firm.abnormalLo !== null && firm.abnormalHi !== null ? { lo: firm.abnormalLo / BN, hi: firm.abnormalHi / BN } : {}),
      },
    );
  }
  return bars;
}

/**
 * The claims charts: quoted vs. observed losses, and the event-day returns of the basket's firms.
 *
 * @example
 * const charts = claimsCharts(await claimsReport(), { lang: 'fr' });
 */
export function claimsCharts(report: ClaimsReport, opts: { lang?: Lang } = {}): ClaimsCharts {
  const lang = checkLang(opts.lang);
  const peers = Object.values(report.days)
    .filter((d) => d.return !== null)
    .map((d) => ({ symbol: d.symbol, ret: d.return as number, ...(d.ar !== null ? { ar: d.ar } : {}) }));
  return { claims: claimsChart({ bars: claimBars(report, lang), lang }), peers: peersChart({ rows: peers, lang }) };
}
