import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COLORS,
  LANGS,
  MINUS,
  NBSP,
  NNBSP,
  VEGA_LITE_SCHEMA,
  abnormalReturnsChart,
  carChart,
  claimsChart,
  distributionChart,
  estimationScatterChart,
  formatDate,
  formatNumber,
  histogram,
  labels,
  peersChart,
  pricePathChart,
  vegaLocale,
  type Lang,
} from '../src/charts/index.js';
import type { Spec } from '../src/charts/common.js';
import { claimsReport, type ClaimsReport } from '../src/claims/report.js';
import { UsageError } from '../src/errors.js';
import { claimBars, claimsCharts, pricePathRows, studyCharts } from '../src/report/figures.js';
import { eventStudy } from '../src/study/load.js';
import type { EventStudy } from '../src/study/index.js';
import { ROOT, expectClose } from './helpers.js';

// Specs are plain JSON; read them through this loose view.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const j = (spec: Spec): Json => spec as unknown as Json;

let study: EventStudy;
let claims: ClaimsReport;
let validateSpec: ValidateFunction;

beforeAll(async () => {
  [study, claims] = await Promise.all([eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' }), claimsReport()]);
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));
  // Formats (uri, color-hex...) are not checked: the specs only carry the $schema URL and hex colours.
  const ajv = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false });
  validateSpec = ajv.compile(schema);
});

/** Asserts that `spec` is valid against the Vega-Lite JSON schema, with ajv's errors as the message. */
function expectValid(spec: unknown, what: string): void {
  const ok = validateSpec(spec);
  // Deepest paths first: the anyOf branches of the schema bury the real error under generic ones.
  const sorted = [...(validateSpec.errors ?? [])].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  const errors = ok ? '' : sorted.slice(0, 12).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
  expect(ok, `${what} is not a valid Vega-Lite spec:\n${errors}`).toBe(true);
}

/** Validates a spec against the schema it declares. */
const expectSchemaValid = (spec: Spec, what: string): void => expectValid(spec, what);

// ---------------------------------------------------------------------------------------------
// Small hand-made inputs for every builder

const AR_ROWS = [
  { date: '2025-01-24', offset: -1, ar: -0.0341, lo: -0.0795, hi: 0.0113 },
  { date: '2025-01-27', offset: 0, ar: -0.1313, lo: -0.1767, hi: -0.0859 },
  { date: '2025-01-28', offset: 1, ar: 0.0644, lo: 0.019, hi: 0.1098 },
];
const CAR_ROWS = [
  { date: '2025-01-28', offset: 1, car: -0.1008, lo: -0.1795, hi: -0.0221 },
  { date: '2025-01-24', offset: -1, car: -0.0341, lo: -0.0795, hi: 0.0113 },
  { date: '2025-01-27', offset: 0, car: -0.1654, lo: -0.2296, hi: -0.1012 },
];
const PRICE_ROWS = [
  { date: '2025-01-24', offset: -1, close: 142.62, counterfactual: 142.62, lo: 142.62, hi: 142.62 },
  { date: '2025-01-27', offset: 0, close: 118.42, counterfactual: 139.95, lo: 132.1, hi: 147.8 },
];
const SCATTER = {
  symbol: 'NVDA',
  market: 'SPY',
  points: [
    { date: '2024-07-24', x: -0.0228, y: -0.0677 },
    { date: '2024-07-25', x: -0.0048, y: -0.0174 },
    { date: '2024-07-26', x: 0.0113, y: 0.0111 },
  ],
  alpha: 0.0000936,
  beta: 2.649,
  event: { date: '2025-01-27', x: -0.01414, y: -0.16968 },
};
const BARS = [
  { label: 'Press: "600 milliards de dollars"', group: 'quoted', measure: 'claim', value: 600, note: 'Le Monde' },
  { label: 'Raw change (142.62 → 118.42)', group: 'observed', measure: 'raw', value: 592.66 },
  { label: 'Abnormal (market model)', group: 'observed', measure: 'abnormal', value: 462.1, lo: 355.2, hi: 569.0 },
] as const;
const PEERS = [
  { symbol: 'MSFT', ret: -0.0214, ar: -0.0068 },
  { symbol: 'META', ret: 0.0191 },
  { symbol: 'AVGO', ret: -0.1734, ar: -0.1391 },
];

/** Every builder on the hand-made inputs, in `lang`. */
const builders = (lang: Lang): [string, () => Spec][] => [
  ['pricePathChart', () => pricePathChart({ symbol: 'NVDA', eventDate: '2025-01-27', rows: PRICE_ROWS, lang })],
  ['abnormalReturnsChart', () => abnormalReturnsChart({ symbol: 'NVDA', rows: AR_ROWS, lang })],
  ['abnormalReturnsChart (no event day)', () => abnormalReturnsChart({ symbol: 'NVDA', rows: [AR_ROWS[0]!], lang })],
  ['carChart', () => carChart({ symbol: 'NVDA', rows: CAR_ROWS, lang })],
  ['claimsChart', () => claimsChart({ bars: BARS, lang })],
  ['claimsChart (losses and gains, no band)', () => claimsChart({ title: 'T', lang, bars: [{ label: 'a', group: 'observed', measure: 'raw', value: -100 }, { label: 'b', group: 'quoted', measure: 'claim', value: 200 }] })],
  ['estimationScatterChart', () => estimationScatterChart({ ...SCATTER, lang })],
  ['peersChart', () => peersChart({ rows: PEERS, lang })],
  ['peersChart (returns only)', () => peersChart({ rows: [{ symbol: 'A', ret: 0.01 }, { symbol: 'B', ret: -0.02 }], lang })],
  ['distributionChart', () => distributionChart({ values: [-0.012, 0.004, 0.021, -0.033, 0.008], observed: -0.1313, label: '27 Jan 2025', lang })],
  ['distributionChart (numbers)', () => distributionChart({ values: [0, 1, 2, 3, 4], observed: 10, label: '', format: 'number', bins: 2, lang })],
];

// ---------------------------------------------------------------------------------------------

describe('every spec validates against the Vega-Lite schema', () => {
  for (const lang of LANGS) {
    it(`studyCharts(flagship) and claimsCharts(claims), ${lang}`, () => {
      const charts = { ...studyCharts(study, { lang }), ...claimsCharts(claims, { lang }) };
      expect(Object.keys(charts).sort()).toEqual(['abnormal-returns', 'car', 'claims', 'estimation-scatter', 'peers', 'price-path', 'residuals']);
      for (const [name, spec] of Object.entries(charts)) {
        expect(j(spec).$schema).toBe(VEGA_LITE_SCHEMA);
        expect(j(spec).usermeta).toMatchObject({ generator: 'sputnik-study', lang });
        expectSchemaValid(spec, `${name} (${lang})`);
      }
    });
    it.each(builders(lang))(`%s on a small input, ${lang}`, (name, build) => {
      const spec = build();
      expect(j(spec).usermeta.lang).toBe(lang);
      expectSchemaValid(spec, `${name} (${lang})`);
    });
  }
});

describe('pricePathRows: known answers from the study\'s own window', () => {
  /** As-traded closes of fixtures/prices/NVDA.csv by date, read from the CSV text. */
  function csvCloses(): Map<string, number> {
    const [header, ...lines] = readFileSync(join(ROOT, 'fixtures', 'prices', 'NVDA.csv'), 'utf8').trim().split(/\r?\n/);
    const cols = header!.split(',');
    const iDate = cols.indexOf('date');
    const iClose = cols.indexOf('close');
    expect(iClose).toBeGreaterThan(-1);
    return new Map(lines.map((l) => {
      const f = l.split(',');
      return [f[iDate]!, Number(f[iClose])] as const;
    }));
  }

  it('counterfactual = P_before · Π(1 + E[R]); band = counterfactual · (1 ± (carHi − car)); close as traded', () => {
    const rows = pricePathRows(study)!;
    expect(rows).not.toBeNull();
    expect(rows.map((r) => r.date)).toEqual(study.window.map((d) => d.date));
    expect(rows.map((r) => r.offset)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    const pBefore = study.loss(-5, -5).priceBefore!;
    let growth = 1;
    study.window.forEach((d, i) => {
      growth *= 1 + d.expected;
      const cf = pBefore * growth;
      const h = d.carHi - d.car;
      const r = rows[i]!;
      expectClose(r.counterfactual, cf, 1e-12, 0, `counterfactual ${d.date}`);
      expectClose(r.lo, cf * (1 - h), 1e-12, 0, `lo ${d.date}`);
      expectClose(r.hi, cf * (1 + h), 1e-12, 0, `hi ${d.date}`);
      expect(r.close).toBe(d.close);
      expect(r.lo < r.counterfactual && r.counterfactual < r.hi).toBe(true);
    });
    // The first day: one step from the anchor.
    expectClose(rows[0]!.counterfactual, pBefore * (1 + study.window[0]!.expected), 1e-14);
  });

  it('closes and the anchor are the as-traded closes of fixtures/prices/NVDA.csv', () => {
    const closes = csvCloses();
    const rows = pricePathRows(study)!;
    for (const r of rows) expect(r.close, r.date).toBe(closes.get(r.date));
    const byDate = new Map(rows.map((r) => [r.date, r.close]));
    expect(byDate.get('2025-01-27')).toBeCloseTo(118.42, 2);
    expect(byDate.get('2025-01-24')).toBeCloseTo(142.62, 2);
    // The anchor P_before is the close of the trading day before the window (2025-01-17 is its first day).
    const dates = [...closes.keys()];
    const before = dates[dates.indexOf('2025-01-17') - 1]!;
    expect(before).toBe('2025-01-16');
    expect(study.loss(-5, -5).priceBefore).toBe(closes.get(before));
  });

  it('log returns: counterfactual = P_before · exp(Σ E[R]), band · exp(±h)', async () => {
    const logStudy = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27', returns: 'log' });
    const rows = pricePathRows(logStudy)!;
    const pBefore = logStudy.loss(-5, -5).priceBefore!;
    let sum = 0;
    logStudy.window.forEach((d, i) => {
      sum += d.expected;
      const cf = pBefore * Math.exp(sum);
      const h = d.carHi - d.car;
      expectClose(rows[i]!.counterfactual, cf, 1e-12);
      expectClose(rows[i]!.lo, cf * Math.exp(-h), 1e-12);
      expectClose(rows[i]!.hi, cf * Math.exp(h), 1e-12);
    });
  });

  it('no as-traded close (TSM): no price path, the other charts are there', async () => {
    const tsm = await eventStudy({ firm: 'TSM', market: 'SPY', event: '2025-01-27' });
    expect(pricePathRows(tsm)).toBeNull();
    expect(Object.keys(studyCharts(tsm)).sort()).toEqual(['abnormal-returns', 'car', 'estimation-scatter', 'residuals']);
  });
});

describe('the specs carry the study\'s numbers', () => {
  it('abnormal returns: data values are study.window ar/lo/hi; event day in the event colour', () => {
    const spec = j(studyCharts(study)['abnormal-returns']);
    const values = spec.data.values;
    expect(values.map((v: Json) => ({ date: v.date, offset: v.offset, ar: v.ar, lo: v.lo, hi: v.hi }))).toEqual(
      study.window.map((d) => ({ date: d.date, offset: d.offset, ar: d.ar, lo: d.lo, hi: d.hi })),
    );
    expect(values.filter((v: Json) => v.kind === 'Event day').map((v: Json) => v.date)).toEqual(['2025-01-27']);
    expect(spec.title).toEqual({ text: 'NVDA: daily abnormal returns', subtitle: `Event: 27${NBSP}Jan 2025` });
    const label = spec.layer[3];
    expect(label.mark.type).toBe('text');
    const d0 = study.day(0)!;
    expect(label.data.values).toEqual([{ offset: 0, ar: d0.ar, y: Math.min(d0.ar, d0.lo) }]);
    expect(spec.layer[0].encoding.color.scale.range[0]).toBe(COLORS.event);
  });

  it('CAR: data values are study.window car/carLo/carHi', () => {
    const spec = j(studyCharts(study, { lang: 'fr' }).car);
    expect(spec.data.values).toEqual(study.window.map((d) => ({ date: d.date, offset: d.offset, car: d.car, lo: d.carLo, hi: d.carHi })));
    const last = study.window[study.window.length - 1]!;
    expect(spec.layer.at(-1).data.values).toEqual([{ offset: 5, car: last.car }]);
    expect(spec.title.text).toBe(`NVDA${NBSP}: rendement anormal cumulé`);
  });

  it('price path: data values are pricePathRows(study)', () => {
    const spec = j(studyCharts(study)['price-path']!);
    expect(spec.data.values).toEqual(pricePathRows(study));
    expect(spec.layer[3].data.values).toEqual([{ date: '2025-01-27', label: `Event · 27${NBSP}Jan 2025` }]);
  });

  it('estimation scatter: the 250 estimation days, the fitted line and the event day', () => {
    const spec = j(studyCharts(study)['estimation-scatter']!);
    expect(spec.data.values).toHaveLength(250);
    expect(spec.data.values).toEqual(study.estimationDays.map((d) => ({ date: d.date, x: d.market, y: d.firm })));
    const { alpha, beta } = study.estimation;
    const line = spec.layer[1].data.values;
    const xs = [...study.estimationDays.map((d) => d.market), study.day(0)!.marketReturn];
    expectClose(line[0].x, Math.min(...xs), 1e-11);
    expectClose(line[1].x, Math.max(...xs), 1e-11);
    for (const p of line) expectClose(p.y, alpha + beta * p.x, 1e-10);
    const ev = spec.layer[2].data.values[0];
    expect(ev).toMatchObject({ date: '2025-01-27', x: study.day(0)!.marketReturn, y: study.day(0)!.return });
    expect(ev.label).toMatch(new RegExp(`^27${NBSP}Jan 2025: NVDA ${MINUS}16\\.97%, SPY ${MINUS}1\\.\\d\\d%$`));
  });

  it('residuals: a histogram of the 250 estimation residuals with the event day marked', () => {
    const spec = j(studyCharts(study).residuals);
    const bins = spec.data.values;
    expect(bins.reduce((s: number, b: Json) => s + b.count, 0)).toBe(250);
    expect(bins).toHaveLength(16); // ceil(√250) = 16
    const marker = spec.layer[1].data.values[0];
    expect(marker.observed).toBe(study.day(0)!.ar);
    expect(marker.text).toBe(`27${NBSP}Jan 2025: ${MINUS}13.37%`);
    // The marker extends the range down to it.
    expectClose(bins[0].x0, marker.observed, 1e-11);
  });

  it('claims: 4 quoted USD bars (600, 800, 600, 590 bn), then raw/expected/abnormal of NVDA', () => {
    for (const lang of LANGS) {
      const L = labels(lang);
      const spec = j(claimsCharts(claims, { lang }).claims);
      const bars = spec.data.values;
      expect(bars).toHaveLength(7);
      expect(bars.slice(0, 4).map((b: Json) => b.value)).toEqual([600, 800, 600, 590]);
      expect(bars.slice(0, 4).every((b: Json) => b.group === L.groupLabel.quoted && b.measure === L.measureLabel.claim)).toBe(true);
      const nvda = claims.days.NVDA!;
      expect(bars.slice(4).map((b: Json) => [b.group, b.measure, b.value, b.lo, b.hi])).toEqual([
        [L.groupLabel.observed, L.measureLabel.raw, nvda.raw! / 1e9, null, null],
        [L.groupLabel.observed, L.measureLabel.expected, nvda.expected! / 1e9, null, null],
        [L.groupLabel.observed, L.measureLabel.abnormal, nvda.abnormal! / 1e9, nvda.abnormalLo! / 1e9, nvda.abnormalHi! / 1e9],
      ]);
      expect((nvda.raw! / 1e9).toFixed(1)).toBe('592.7');
      // Bars are drawn in the given order, top to bottom.
      expect(spec.layer[0].encoding.y.sort).toEqual(bars.map((b: Json) => b.label));
      expect(bars.map((b: Json) => b.label)).toEqual(claimBars(claims, lang).map((b) => b.label));
      if (lang === 'fr') expect(bars[0].label.startsWith(`«${NBSP}600 milliards de dollars${NBSP}»`)).toBe(true);
      else expect(bars[0].label.startsWith('“600 milliards de dollars”')).toBe(true);
      expect(bars[4].label).toBe(`${L.measureLabel.raw} (NVDA, ${formatDate('2025-01-27', lang)})`);
    }
  });

  it('peers: every firm with a return, sorted worst first, return and abnormal return side by side', () => {
    const spec = j(claimsCharts(claims).peers);
    const firms = Object.values(claims.days).filter((d) => d.return !== null);
    const worstFirst = [...firms].sort((a, b) => a.return! - b.return!).map((d) => d.symbol);
    expect(worstFirst[0]).toBe('MRVL');
    expect(worstFirst.at(-1)).toBe('META');
    expect(spec.layer[0].encoding.y.sort).toEqual(worstFirst);
    const values = spec.data.values;
    expect([...new Set(values.map((v: Json) => v.symbol))]).toEqual(worstFirst);
    for (const d of firms) {
      const mine = values.filter((v: Json) => v.symbol === d.symbol);
      expect(mine).toEqual([
        { symbol: d.symbol, measure: 'Return', value: d.return },
        ...(d.ar !== null ? [{ symbol: d.symbol, measure: 'Abnormal return', value: d.ar }] : []),
      ]);
    }
  });
});

describe('builders on hand-made inputs', () => {
  it('abnormalReturnsChart: rows, kinds and the event label below a negative bar', () => {
    const spec = j(abnormalReturnsChart({ symbol: 'NVDA', rows: AR_ROWS }));
    expect(spec.data.values.map((v: Json) => v.kind)).toEqual(['Other days', 'Event day', 'Other days']);
    expect(spec.layer).toHaveLength(4);
    expect(spec.layer[3].mark).toMatchObject({ baseline: 'top', dy: 4 });
    expect(spec.layer[3].data.values).toEqual([{ offset: 0, ar: -0.1313, y: -0.1767 }]);
    expect(spec.layer[0].encoding.x.title).toBe(`Trading days relative to the event (0 = 27${NBSP}Jan 2025)`);
  });
  it('abnormalReturnsChart: a positive event bar is labelled above its interval; no event day, no label', () => {
    const up = j(abnormalReturnsChart({ symbol: 'X', rows: [{ date: '2025-01-27', offset: 0, ar: 0.05, lo: 0.01, hi: 0.09 }] }));
    expect(up.layer[3].mark).toMatchObject({ baseline: 'bottom', dy: -4 });
    expect(up.layer[3].data.values[0].y).toBe(0.09);
    const none = j(abnormalReturnsChart({ symbol: 'X', rows: [AR_ROWS[0]!] }));
    expect(none.layer).toHaveLength(3);
    expect(none.title).toEqual({ text: 'X: daily abnormal returns' });
    expect(none.layer[0].encoding.x.title).toBe('Trading days relative to the event');
  });
  it('carChart: rows sorted by offset; the last day is labelled; rule on day 0', () => {
    const spec = j(carChart({ symbol: 'NVDA', rows: CAR_ROWS, lang: 'fr' }));
    expect(spec.data.values.map((v: Json) => v.offset)).toEqual([-1, 0, 1]);
    const layers = spec.layer;
    expect(layers).toHaveLength(5);
    expect(layers[3].data.values).toEqual([{ offset: 0 }]);
    expect(layers[4].data.values).toEqual([{ offset: 1, car: -0.1008 }]);
    expect(layers[4].mark).toMatchObject({ baseline: 'top', dy: 8 });
    expect(spec.title.subtitle).toBe(`Événement${NBSP}: 27${NBSP}janv. 2025`);
  });
  it('pricePathChart: rows as given, event rule and label', () => {
    const spec = j(pricePathChart({ symbol: 'NVDA', eventDate: '2025-01-27', rows: PRICE_ROWS, lang: 'fr' }));
    expect(spec.data.values).toEqual(PRICE_ROWS);
    expect(spec.layer[3].data.values).toEqual([{ date: '2025-01-27', label: `Événement · 27${NBSP}janv. 2025` }]);
    expect(spec.layer[0].encoding.y.title).toBe('Cours de clôture (USD)');
    // The x axis is on trading days: a point scale over the rows' dates in order, labelled with the short date.
    expect(spec.layer[0].encoding.x.type).toBe('ordinal');
    expect(spec.layer[0].encoding.x.scale).toEqual({ type: 'point', domain: ['2025-01-24', '2025-01-27'], padding: 0.5 });
  });
  it('price path, abnormal returns and CAR: the x axis holds the window\'s trading days only, labelled with the short date', () => {
    const charts = studyCharts(study);
    const days = study.window.map((d) => d.date);
    // -5..+5 around Monday 27 January 2025: no weekend and no 20 January (Martin Luther King Jr. Day).
    expect(days).toEqual(['2025-01-17', '2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03']);
    const price = j(charts['price-path']!).layer[0].encoding.x;
    expect(price.scale.domain).toEqual(days);
    expect(price.axis.labelExpr).toContain('"2025-01-27":"27 Jan"');
    for (const name of ['abnormal-returns', 'car'] as const) {
      const x = j(charts[name]!).layer[0].encoding.x;
      expect([x.field, x.type, x.scale.domain], name).toEqual(['offset', 'ordinal', [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]]);
      expect(x.axis.labelExpr, name).toContain(`"0":["0","27 Jan"]`);
      expect(x.axis.labelExpr, name).toContain(`"-1":["${MINUS}1","24 Jan"]`);
    }
    const fr = j(studyCharts(study, { lang: 'fr' })['price-path']!).layer[0].encoding.x;
    expect(fr.axis.labelExpr).toContain('"2025-01-27":"27 janv."');
  });
  it('claimsChart: order, colours by measure, band layer, value domain with 12 % room', () => {
    const spec = j(claimsChart({ bars: BARS }));
    expect(spec.data.values.map((b: Json) => b.label)).toEqual(BARS.map((b) => b.label));
    expect(spec.data.values[0]).toMatchObject({ group: 'Quoted', measure: 'Quoted figure', value: 600, lo: null, hi: null, labelX: 600, note: 'Le Monde' });
    expect(spec.data.values[2]).toMatchObject({ lo: 355.2, hi: 569, labelX: 569 });
    // ends: 600, 592.66, 462.1, 569 (labelX), 355.2, 0 -> max 600, min 0, span 600 -> [0, 600 + 72]
    const domain = spec.layer[0].encoding.x.scale.domain;
    expect(domain[0]).toBe(0);
    expectClose(domain[1], 672, 1e-12);
    expect(spec.layer[2].data.values).toEqual([{ label: 'Abnormal (market model)', lo: 355.2, hi: 569 }]);
    expect(spec.height).toBe(120); // 3 bars × 34 px < 120 px minimum
    expect(spec.layer[0].encoding.color.scale.range).toEqual([COLORS.claim, COLORS.raw, COLORS.expected, COLORS.abnormal]);
  });
  it('claimsChart: negative values get room on the left and right-aligned labels', () => {
    const spec = j(claimsChart({ bars: [{ label: 'a', group: 'observed', measure: 'raw', value: -100 }, { label: 'b', group: 'quoted', measure: 'claim', value: 200 }] }));
    // ends -100..200, span 300 -> [-100 - 36, 200 + 36]
    const [lo, hi] = spec.layer[0].encoding.x.scale.domain;
    expectClose(lo, -136, 1e-12);
    expectClose(hi, 236, 1e-12);
    const texts = spec.layer.filter((l: Json) => l.mark.type === 'text');
    expect(texts.map((l: Json) => [l.mark.align, l.data.values.map((v: Json) => v.label)])).toEqual([['left', ['b']], ['right', ['a']]]);
    expect(spec.layer.some((l: Json) => l.mark.type === 'errorbar')).toBe(false);
  });
  it('peersChart: worst first, ties by symbol, two bars per peer when an ar is given', () => {
    const spec = j(peersChart({ rows: [...PEERS, { symbol: 'AAA', ret: 0.0191 }] }));
    expect(spec.layer[0].encoding.y.sort).toEqual(['AVGO', 'MSFT', 'AAA', 'META']);
    expect(spec.data.values.slice(0, 2)).toEqual([
      { symbol: 'AVGO', measure: 'Return', value: -0.1734 },
      { symbol: 'AVGO', measure: 'Abnormal return', value: -0.1391 },
    ]);
    expect(spec.layer[0].encoding.yOffset).toBeDefined();
    const only = j(peersChart({ rows: [{ symbol: 'A', ret: 0.01 }, { symbol: 'B', ret: -0.02 }] }));
    expect(only.layer[0].encoding.y.sort).toEqual(['B', 'A']);
    expect(only.layer[0].encoding.color.legend).toBeNull();
    expect(only.layer[0].encoding.yOffset).toBeUndefined();
  });
  it('estimationScatterChart: line over the x range including the event, label and subtitle', () => {
    for (const lang of LANGS) {
      const spec = j(estimationScatterChart({ ...SCATTER, lang }));
      // x range: min(-0.0228, -0.01414) .. max(0.0113) ; y = alpha + beta x
      expect(spec.layer[1].data.values).toEqual([
        { x: -0.0228, y: Number((0.0000936 + 2.649 * -0.0228).toPrecision(12)) },
        { x: 0.0113, y: Number((0.0000936 + 2.649 * 0.0113).toPrecision(12)) },
      ]);
      const ev = spec.layer[2].data.values[0];
      if (lang === 'en') {
        expect(ev.label).toBe(`27${NBSP}Jan 2025: NVDA ${MINUS}16.97%, SPY ${MINUS}1.41%`);
        expect(spec.title.subtitle).toBe('Fitted line y = α + βx with α = 0.009%, β = 2.649 (3 days)');
      } else {
        expect(ev.label).toBe(`27${NBSP}janv. 2025${NBSP}: NVDA ${MINUS}16,97${NNBSP}%, SPY ${MINUS}1,41${NNBSP}%`);
        expect(spec.title.subtitle).toBe(`Droite ajustée y = α + βx avec α = 0,009${NNBSP}%, β = 2,649 (3 jours)`);
      }
    }
  });
  it('distributionChart: binned values, marker and its side', () => {
    const spec = j(distributionChart({ values: [0, 1, 2, 3, 4], observed: 10, label: '', format: 'number', bins: 2 }));
    // range [0, 10] (the observed value is included), width 5
    expect(spec.data.values).toEqual([
      { x0: 0, x1: 5, count: 5 },
      { x0: 5, x1: 10, count: 0 },
    ]);
    const marker = spec.layer[1];
    expect(marker.data.values).toEqual([{ observed: 10, y: 5, text: '10.00' }]);
    expect(marker.layer[1].mark).toMatchObject({ align: 'right', dx: -6 });
    expect(spec.title).toEqual({ text: 'Distribution of simulated values', subtitle: '5 simulated values' });
    const pct = j(distributionChart({ values: [-0.012, 0.004, 0.021, -0.033, 0.008], observed: -0.1313, label: '27 janv. 2025', lang: 'fr' }));
    expect(pct.data.values).toHaveLength(10); // √5 clamped to at least 10 bins
    expect(pct.layer[1].data.values[0].text).toBe(`27 janv. 2025${NBSP}: ${MINUS}13,13${NNBSP}%`);
    expect(pct.layer[1].layer[1].mark).toMatchObject({ align: 'left', dx: 6 });
    expect(pct.layer[0].encoding.x.axis).toEqual({ format: '%' });
  });
});

describe('histogram: known answers', () => {
  it('[0, 1, 2, 3, 4] in 2 bins: [0, 2) holds 0 and 1, [2, 4] holds 2, 3 and 4', () => {
    expect(histogram([0, 1, 2, 3, 4], 2)).toEqual([
      { x0: 0, x1: 2, count: 2 },
      { x0: 2, x1: 4, count: 3 },
    ]);
  });
  it('the maximum falls in the last bin (its right edge is closed)', () => {
    expect(histogram([0, 1, 2, 3, 4], 4).map((b) => b.count)).toEqual([1, 1, 1, 2]);
    expect(histogram([4, 0], 1)).toEqual([{ x0: 0, x1: 4, count: 2 }]);
  });
  it('negative values and quarter edges', () => {
    expect(histogram([-1, -0.5, 0.25, 1], 4)).toEqual([
      { x0: -1, x1: -0.5, count: 1 },
      { x0: -0.5, x1: 0, count: 1 },
      { x0: 0, x1: 0.5, count: 1 },
      { x0: 0.5, x1: 1, count: 1 },
    ]);
  });
  it('an include value extends the range but is not counted', () => {
    expect(histogram([1, 2], 2, [5])).toEqual([
      { x0: 1, x1: 3, count: 2 },
      { x0: 3, x1: 5, count: 0 },
    ]);
    expect(histogram([1, 2], 1, [-1])).toEqual([{ x0: -1, x1: 2, count: 2 }]);
  });
  it('all values equal: the range is padded (±1 %, or ±0.5 around zero)', () => {
    expect(histogram([3, 3, 3], 2)).toEqual([
      { x0: 2.97, x1: 3, count: 0 },
      { x0: 3, x1: 3.03, count: 3 },
    ]);
    expect(histogram([0, 0], 1)).toEqual([{ x0: -0.5, x1: 0.5, count: 2 }]);
  });
  it('counts add up to the number of values', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * (i % 7));
    const bins = histogram(values, 37);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(1000);
    bins.slice(1).forEach((b, i) => expect(b.x0).toBe(bins[i]!.x1));
  });
  it.each([0, 1.5, 1001, Number.NaN])('bins %s is a usage error', (bins) => {
    expect(() => histogram([1, 2], bins)).toThrow(UsageError);
    expect(() => histogram([1, 2], bins)).toThrow(/bins must be an integer from 1 to 1000/);
  });
  it('no finite value is a usage error', () => {
    expect(() => histogram([], 3)).toThrow(/histogram: no finite value/);
    expect(() => histogram([1, Infinity], 3)).toThrow(UsageError);
    expect(() => histogram([1, NaN, 2], 3)).toThrow(/histogram: a value is NaN/);
  });
  it('values on a decimal edge x0 are counted in [x0, x1), not in the bin below', () => {
    const values = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    const bins = histogram(values, 10);
    bins.forEach((b, i) => expect(b.count, `[${b.x0}, ${b.x1})`).toBe(i === 9 ? 2 : 1));
  });
  // Same cause: rounding the first and last edges can leave the extreme values outside the bins
  // (the flagship residuals chart has x0 = -0.133733894992 above the event day's -0.1337338949921562).
  it('the smallest value is not below the first bin\'s x0', () => {
    const min = -0.1337338949921562;
    const bins = histogram([min, 0.01, 0.02], 3);
    expect(bins[0]!.count).toBe(1);
    expect(bins[0]!.x0).toBeLessThanOrEqual(min);
  });
});

describe('formatNumber, formatDate, vegaLocale, labels', () => {
  it.each([
    [-0.169686, 'fr', { style: 'percent' }, `${MINUS}16,97${NNBSP}%`],
    [-0.169686, 'en', { style: 'percent' }, `${MINUS}16.97%`],
    [24490000000, 'fr', {}, `24${NNBSP}490${NNBSP}000${NNBSP}000`],
    [24490000000, 'en', {}, '24,490,000,000'],
    [592.66, 'en', { digits: 1 }, '592.7'],
    [592.66, 'fr', {}, '592,66'],
    [3e-12, 'en', { style: 'pvalue' }, '< 0.0001'],
    [3e-12, 'fr', { style: 'pvalue' }, '< 0,0001'],
    [0.0123, 'fr', { style: 'pvalue' }, '0,0123'],
    [0.0001, 'en', { style: 'pvalue' }, '0.0001'],
    [0, 'en', { style: 'pvalue' }, '0.0000'],
    [-0, 'en', {}, '0'],
    [-0, 'fr', { style: 'percent', digits: 1 }, `0,0${NNBSP}%`],
    [-0.004, 'en', {}, '0.00'],
    [-0.004, 'en', { sign: 'always' }, '0.00'],
    [-0.00001, 'en', { style: 'percent' }, '0.00%'],
    [-0.00001, 'fr', { style: 'percent' }, `0,00${NNBSP}%`],
    [0.05, 'en', { style: 'percent', sign: 'always' }, '+5%'],
    [-1234.5, 'fr', { unit: 'Md$' }, `${MINUS}1${NNBSP}234,50${NBSP}Md$`],
    [1234567.891, 'en', { digits: 2 }, '1,234,567.89'],
    [999.999, 'en', { digits: 2 }, '1,000.00'],
    [Number.NaN, 'en', {}, 'NaN'],
    [Infinity, 'en', {}, '∞'],
    [-Infinity, 'fr', {}, `${MINUS}∞`],
  ] as const)('formatNumber(%s, %s, %o) = %s', (value, lang, opts, expected) => {
    expect(formatNumber(value, lang, opts)).toBe(expected);
  });
  it('bad digits are a usage error', () => {
    expect(() => formatNumber(1, 'en', { digits: -1 })).toThrow(/digits must be an integer from 0 to 20/);
    expect(() => formatNumber(1, 'en', { digits: 1.5 })).toThrow(UsageError);
  });

  it.each([
    ['2025-01-27', 'en', 'short', `27${NBSP}Jan 2025`],
    ['2025-01-27', 'fr', 'short', `27${NBSP}janv. 2025`],
    ['2025-01-27', 'en', 'long', `27${NBSP}January 2025`],
    ['2025-02-01', 'fr', 'long', `1er${NBSP}février 2025`],
    ['2025-02-01', 'fr', 'short', `1er${NBSP}févr. 2025`],
    ['2025-02-01', 'en', 'short', `1${NBSP}Feb 2025`],
    ['2024-12-31', 'fr', 'long', `31${NBSP}décembre 2024`],
    ['2025-08-05', 'fr', 'short', `5${NBSP}août 2025`],
    ['27/01/2025', 'fr', 'short', '27/01/2025'],
    ['2025-13-01', 'en', 'short', '2025-13-01'],
    ['2025-01-00', 'en', 'short', '2025-01-00'],
  ] as const)('formatDate(%s, %s, %s) = %s', (iso, lang, style, expected) => {
    expect(formatDate(iso, lang, style)).toBe(expected);
  });

  it('vegaLocale: French separators and U+2212 minus; a fresh copy each call', () => {
    const fr = vegaLocale('fr');
    expect(fr.number).toMatchObject({ decimal: ',', thousands: NNBSP, percent: `${NNBSP}%`, minus: MINUS, grouping: [3] });
    expect(vegaLocale('en').number).toMatchObject({ decimal: '.', thousands: ',', percent: '%', minus: MINUS });
    expect(vegaLocale().number?.decimal).toBe('.');
    (fr.number as { decimal: string }).decimal = 'X';
    expect(vegaLocale('fr').number?.decimal).toBe(',');
    expect(formatDate('2025-01-27', 'fr')).toBe(`27${NBSP}janv. 2025`);
  });

  it('labels: both languages have every key; French closing price', () => {
    expect(LANGS).toEqual(['en', 'fr']);
    expect(Object.keys(labels('fr')).sort()).toEqual(Object.keys(labels('en')).sort());
    expect(labels('fr').closeUsd).toBe('Cours de clôture (USD)');
    expect(labels('en').abnormalReturnsTitle('NVDA')).toBe('NVDA: daily abnormal returns');
    expect(labels('fr').simulations(2500)).toBe(`2${NNBSP}500 valeurs simulées`);
    expect(() => labels('de' as Lang)).toThrow(/unknown language "de"/);
  });
});

describe('bad input: typed usage errors naming what was wrong', () => {
  /** Runs `f`, expects a UsageError matching `message`, and returns it. */
  function usageError(f: () => unknown, message: RegExp): UsageError {
    let caught: unknown;
    try {
      f();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    return caught as UsageError;
  }

  it.each([
    ['pricePathChart', () => pricePathChart({ symbol: 'NVDA', eventDate: '2025-01-27', rows: PRICE_ROWS, lang: 'de' as Lang })],
    ['abnormalReturnsChart', () => abnormalReturnsChart({ symbol: 'NVDA', rows: AR_ROWS, lang: 'de' as Lang })],
    ['carChart', () => carChart({ symbol: 'NVDA', rows: CAR_ROWS, lang: 'de' as Lang })],
    ['claimsChart', () => claimsChart({ bars: BARS, lang: 'de' as Lang })],
    ['estimationScatterChart', () => estimationScatterChart({ ...SCATTER, lang: 'de' as Lang })],
    ['peersChart', () => peersChart({ rows: PEERS, lang: 'de' as Lang })],
    ['distributionChart', () => distributionChart({ values: [1, 2], observed: 1, label: '', lang: 'de' as Lang })],
  ])('unknown lang "de": %s', (_name, build) => {
    const err = usageError(build, /unknown language "de" \(expected "en" or "fr"\)/);
    expect(err.where.field).toBe('lang');
    expect(err.code).toBe('USAGE');
  });

  it.each([
    ['pricePathChart', () => pricePathChart({ symbol: 'NVDA', eventDate: '2025-01-27', rows: [] }), /^NVDA: pricePathChart: no rows to draw$/],
    ['abnormalReturnsChart', () => abnormalReturnsChart({ symbol: 'NVDA', rows: [] }), /^NVDA: abnormalReturnsChart: no rows to draw$/],
    ['carChart', () => carChart({ symbol: 'NVDA', rows: undefined as never }), /^NVDA: carChart: no rows to draw$/],
    ['claimsChart', () => claimsChart({ bars: [] }), /^claimsChart: no rows to draw$/],
    ['estimationScatterChart', () => estimationScatterChart({ ...SCATTER, points: [] }), /^NVDA: estimationScatterChart: no rows to draw$/],
    ['peersChart', () => peersChart({ rows: [] }), /^peersChart: no rows to draw$/],
    ['distributionChart', () => distributionChart({ values: [], observed: 0, label: '' }), /^distributionChart: no rows to draw$/],
  ])('empty rows: %s', (_name, build, message) => {
    usageError(build, message);
  });

  it.each([
    ['abnormalReturnsChart ar', () => abnormalReturnsChart({ symbol: 'NVDA', rows: [{ ...AR_ROWS[1]!, ar: Number.NaN }] }), /^NVDA, 2025-01-27: ar must be a finite number, got NaN$/, 'ar'],
    ['carChart hi', () => carChart({ symbol: 'NVDA', rows: [{ ...CAR_ROWS[0]!, hi: Infinity }] }), /^NVDA, 2025-01-28: hi must be a finite number, got Infinity$/, 'hi'],
    ['pricePathChart close', () => pricePathChart({ symbol: 'NVDA', eventDate: '2025-01-27', rows: [{ ...PRICE_ROWS[0]!, close: Number.NaN }] }), /^NVDA, 2025-01-24: close must be a finite number, got NaN$/, 'close'],
    ['claimsChart value', () => claimsChart({ bars: [BARS[0], { ...BARS[1], value: Number.NaN }] }), /^bars\[1\]\.value must be a finite number, got NaN$/, 'bars[1].value'],
    ['peersChart ret', () => peersChart({ rows: [{ symbol: 'AVGO', ret: Number.NaN }] }), /^AVGO: ret must be a finite number, got NaN$/, 'ret'],
    ['estimationScatterChart beta', () => estimationScatterChart({ ...SCATTER, beta: Number.NaN }), /^NVDA: beta must be a finite number, got NaN$/, 'beta'],
    ['estimationScatterChart event.y', () => estimationScatterChart({ ...SCATTER, event: { ...SCATTER.event, y: Number.NaN } }), /^NVDA, 2025-01-27: event\.y must be a finite number, got NaN$/, 'event.y'],
    ['distributionChart values[2]', () => distributionChart({ values: [1, 2, Number.NaN], observed: 1, label: '' }), /^values\[2\] must be a finite number, got NaN$/, 'values[2]'],
    ['distributionChart observed', () => distributionChart({ values: [1, 2], observed: Number.NaN, label: '' }), /^observed must be a finite number, got NaN$/, 'observed'],
  ])('NaN / infinite value: %s', (_name, build, message, field) => {
    expect(usageError(build, message).where.field).toBe(field);
  });

  it.each([
    ['abnormalReturnsChart date', () => abnormalReturnsChart({ symbol: 'NVDA', rows: [{ ...AR_ROWS[0]!, date: '27/01/2025' }] }), /^NVDA: date must be an ISO date YYYY-MM-DD, got 27\/01\/2025$/],
    ['carChart date', () => carChart({ symbol: 'NVDA', rows: [{ ...CAR_ROWS[0]!, date: '2025-1-27' }] }), /^NVDA: date must be an ISO date YYYY-MM-DD, got 2025-1-27$/],
    ['pricePathChart eventDate', () => pricePathChart({ symbol: 'NVDA', eventDate: 'Jan 27', rows: PRICE_ROWS }), /^NVDA: eventDate must be an ISO date YYYY-MM-DD, got Jan 27$/],
    ['estimationScatterChart points', () => estimationScatterChart({ ...SCATTER, points: [{ date: '20240724', x: 0, y: 0 }] }), /^NVDA: date must be an ISO date YYYY-MM-DD, got 20240724$/],
    ['estimationScatterChart event.date', () => estimationScatterChart({ ...SCATTER, event: { ...SCATTER.event, date: '2025/01/27' } }), /^NVDA: event\.date must be an ISO date YYYY-MM-DD, got 2025\/01\/27$/],
  ])('bad ISO date: %s', (_name, build, message) => {
    usageError(build, message);
  });

  it('an impossible calendar date (2025-02-30) is a usage error', () => {
    usageError(() => carChart({ symbol: 'NVDA', rows: [{ ...CAR_ROWS[0]!, date: '2025-02-30' }] }), /got 2025-02-30/);
  });

  it('duplicate claim label, unknown measure or group', () => {
    const dup = usageError(() => claimsChart({ bars: [BARS[0], BARS[1], { ...BARS[2], label: BARS[0].label }] }), /^claimsChart: two bars have the label "Press: "600 milliards de dollars""$/);
    expect(dup.where.field).toBe('label');
    usageError(() => claimsChart({ bars: [{ ...BARS[0], measure: 'loss' as never }] }), /unknown measure "loss" \(expected claim, raw, expected, abnormal\)/);
    usageError(() => claimsChart({ bars: [{ ...BARS[0], group: 'press' as never }] }), /unknown group "press" \(expected quoted, observed\)/);
    usageError(() => claimsChart({ bars: [{ ...BARS[0], label: 3 as never }] }), /bars\[0\]\.label must be a string, got number/);
  });

  it('duplicate peer symbol', () => {
    const err = usageError(() => peersChart({ rows: [...PEERS, { symbol: 'AVGO', ret: 0.01 }] }), /^AVGO: peersChart: AVGO appears twice$/);
    expect(err.where.symbol).toBe('AVGO');
  });

  it('missing scatter event, unknown distribution format, bad bin count', () => {
    usageError(() => estimationScatterChart({ ...SCATTER, event: undefined as never }), /^NVDA: estimationScatterChart: event is required$/);
    usageError(() => distributionChart({ values: [1], observed: 1, label: '', format: 'log' as never }), /unknown format "log"/);
    usageError(() => distributionChart({ values: [1], observed: 1, label: '', bins: 0 }), /bins must be an integer from 1 to 1000, got 0/);
    usageError(() => pricePathChart({ symbol: 42 as never, eventDate: '2025-01-27', rows: PRICE_ROWS }), /^symbol must be a string, got number$/);
  });

  it('studyCharts with an unknown language is a UsageError', () => {
    usageError(() => studyCharts(study, { lang: 'de' as Lang }), /unknown language "de"/);
  });
  it('claimsCharts with an unknown language is a UsageError', () => {
    usageError(() => claimsCharts(claims, { lang: 'de' as Lang }), /unknown language "de"/);
  });
});
