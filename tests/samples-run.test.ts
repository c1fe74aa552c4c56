// runSample: the study's stages per firm, wired into the test battery. The battery itself is
// checked elsewhere (samples-*.test.ts); here: the wiring, against runStudy and against the
// independent reference (scripts/reference_samples.py reads the CSVs and fits the models itself).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelError, UsageError, WindowError } from '../src/errors.js';
import { loadPanel } from '../src/panel/load.js';
import type { Panel } from '../src/panel/panel.js';
import { groupMembers, runSample, SAMPLE_TEST_NAMES, type SampleResult } from '../src/samples/index.js';
import { runStudy } from '../src/study/run.js';
import { ROOT, expectClose, tempDir } from './helpers.js';
import { compareTests, readReference } from './samples-helpers.js';

const ALL = ['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'ASML', 'ARM', 'MRVL', 'ORCL', 'SMCI', 'VST', 'CEG', 'MSFT', 'GOOGL', 'META', 'AMZN', 'SPY', 'QQQ'];
let panel: Panel;

beforeAll(async () => {
  panel = await loadPanel({ symbols: ALL });
});

const REL = 1e-9;
/** Absolute slack on a statistic near zero (the prices pass through a CSV and a fit on each side). */
const ABS = 1e-12;

describe('runSample against the independent reference (prices read and models fitted in Python)', () => {
  const ref = readReference();

  it('clustered: eight firms on 27 January 2025, estimation [-120, -11], window [-3, 3]', () => {
    const s = ref.samples.find((x: any) => x.name === 'clustered');
    const r = runSample(panel, {
      firms: s.firms.map((f: any) => f.symbol),
      market: 'SPY',
      event: '2025-01-27',
      estimation: [-120, -11],
      window: [-3, 3],
      carWindows: s.caar.map((c: any) => [c.from, c.to]),
    });
    expect(r.clustered).toBe(true);
    expect(r.eventDate).toBe('2025-01-27');
    expect(r.days.map((d) => d.date)).toEqual(['2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30']);
    // the firms' own inputs: sigma, df, event ARs
    for (const f of s.firms) {
      const row = r.firms.find((x) => x.symbol === f.symbol)!;
      expectClose(row.sigma, f.sigma, REL, 0, `${f.symbol} sigma`);
      expect(row.df).toBe(f.df);
      expectClose(row.ar0, f.event[3], REL, 0, `${f.symbol} ar0`);
    }
    for (let k = 0; k < s.daily.length; k++) {
      expect(r.days[k]!.n).toBe(s.daily[k].n);
      expectClose(r.days[k]!.aar, s.daily[k].aar, REL, 0, `aar ${k}`);
      compareTests(r.days[k]!.tests, s.daily[k].tests, `clustered day ${s.daily[k].offset}`, REL, ABS);
    }
    for (const c of s.caar) {
      const w = r.windows.find((x) => x.from === c.from && x.to === c.to)!;
      expect(w.n).toBe(c.n);
      expectClose(w.value, c.caar, REL, 0, `caar [${c.from}, ${c.to}]`);
      compareTests(w.tests, c.tests, `clustered [${c.from}, ${c.to}]`, REL, ABS);
    }
    const whole = s.caar.find((c: any) => c.from === -3 && c.to === 3);
    expectClose(r.caar.value, whole.caar, REL, 0, 'headline caar');
    compareTests(r.caar.tests, whole.tests, 'headline', REL, ABS);
  });

  it('non-clustered: seven firm-events with their own dates, estimation [-150, -21], window [-2, 2]', () => {
    const s = ref.samples.find((x: any) => x.name === 'non-clustered');
    const r = runSample(panel, {
      firms: s.firms.map((f: any) => ({ firm: f.symbol, event: f.eventDate })),
      estimation: [-150, -21],
      window: [-2, 2],
      carWindows: s.caar.map((c: any) => [c.from, c.to]),
    });
    expect(r.clustered).toBe(false);
    expect(r.eventDate).toBeNull();
    expect(r.days.every((d) => d.date === null)).toBe(true);
    expect(r.firms.map((f) => f.eventDate)).toEqual(s.firms.map((f: any) => f.eventDate));
    for (let k = 0; k < s.daily.length; k++) {
      expect(r.days[k]!.n).toBe(s.daily[k].n);
      expectClose(r.days[k]!.aar, s.daily[k].aar, REL, 0, `aar ${k}`);
      compareTests(r.days[k]!.tests, s.daily[k].tests, `non-clustered day ${s.daily[k].offset}`, REL, ABS);
    }
    for (const c of s.caar) {
      const w = r.windows.find((x) => x.from === c.from && x.to === c.to)!;
      expectClose(w.value, c.caar, REL, 0, `caar [${c.from}, ${c.to}]`);
      compareTests(w.tests, c.tests, `non-clustered [${c.from}, ${c.to}]`, REL, ABS);
    }
  });
});

describe('runSample against the reference: many firm-events', () => {
  it('many-events: 64 firm-events (16 firms on each of four days), estimation [-60, -11], window [-1, 1]', () => {
    const s = readReference().samples.find((x: any) => x.name === 'many-events');
    const r = runSample(panel, {
      firms: s.firms.map((f: any) => ({ firm: f.symbol, event: f.eventDate })),
      estimation: [-60, -11],
      window: [-1, 1],
      carWindows: s.caar.map((c: any) => [c.from, c.to]),
    });
    expect(r.counts.studied).toBe(64);
    expect(r.clustered).toBe(false);
    for (let k = 0; k < s.daily.length; k++) {
      expect(r.days[k]!.n).toBe(s.daily[k].n);
      expectClose(r.days[k]!.aar, s.daily[k].aar, REL, 0, `aar ${k}`);
      compareTests(r.days[k]!.tests, s.daily[k].tests, `many-events day ${s.daily[k].offset}`, REL, ABS);
    }
    for (const c of s.caar) {
      const w = r.windows.find((x) => x.from === c.from && x.to === c.to)!;
      expectClose(w.value, c.caar, REL, 0, `caar [${c.from}, ${c.to}]`);
      compareTests(w.tests, c.tests, `many-events [${c.from}, ${c.to}]`, REL, ABS);
    }
  });
});

describe('runSample: known answers from runStudy', () => {
  it('a sample of one firm: AAR = its AR, CAAR = its CAR, the row = the study', () => {
    const r = runSample(panel, { firms: ['NVDA'] });
    const st = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
    expect(r.days.map((d) => d.offset)).toEqual(st.window.map((d) => d.offset));
    r.days.forEach((d, k) => {
      expect(d.n).toBe(1);
      expect(d.aar).toBe(st.window[k]!.ar);
      expect(d.date).toBe(st.window[k]!.date);
    });
    expectClose(r.caar.value, st.car.value, 1e-12, 1e-15, 'caar');
    expect([r.caar.from, r.caar.to]).toEqual([-5, 5]);
    const row = r.firms[0]!;
    expect(row.ar0).toBe(st.day(0)!.ar);
    expectClose(row.ar0Se, st.day(0)!.se, 1e-12, 0, 'ar0 se');
    expectClose(row.ar0T, st.day(0)!.t, 1e-12, 0, 'ar0 t');
    expectClose(row.ar0P, st.day(0)!.p, 1e-10, 0, 'ar0 p');
    expectClose(row.car, st.car.value, 1e-12, 1e-15, 'car');
    expectClose(row.carSe, st.car.se, 1e-12, 0, 'car se');
    expectClose(row.carP, st.car.p, 1e-10, 0, 'car p');
    expect([row.alpha, row.beta, row.sigma, row.n, row.df]).toEqual([st.estimation.alpha, st.estimation.beta, st.estimation.sigma, st.estimation.n, st.estimation.df]);
    const loss = st.loss(0, 0);
    expect(row.shares).toBe(24_490_000_000);
    expectClose(row.loss0, loss.abnormal, 1e-12, 0, 'loss0');
    expectClose(row.loss0Lo, loss.abnormalLo, 1e-12, 0, 'loss0 lo');
    expectClose(row.loss0Hi, loss.abnormalHi, 1e-12, 0, 'loss0 hi');
    // standard windows inside [-5, 5], each the study's CAR
    expect(r.windows.map((w) => [w.from, w.to])).toEqual([[0, 0], [0, 1], [-1, 1], [0, 5], [-5, 5]]);
    for (const w of r.windows) expectClose(w.value, st.carOver(w.from, w.to).value, 1e-12, 1e-15, `[${w.from}, ${w.to}]`);
    // the running CAAR is the study's running CAR; one firm has no cross-sectional interval
    r.cumulative.forEach((p, k) => {
      expectClose(p.caar, st.window[k]!.car, 1e-12, 1e-15, `path ${p.offset}`);
      expect([p.lo, p.hi]).toEqual([null, null]);
    });
  });

  it('two firms: the AAR is the mean of their ARs, day by day; each row is its own study', () => {
    const r = runSample(panel, { firms: ['NVDA', 'AMD'], market: 'QQQ', model: 'market', returns: 'log' });
    const a = runStudy(panel, { firm: 'NVDA', market: 'QQQ', event: '2025-01-27', returns: 'log' });
    const b = runStudy(panel, { firm: 'AMD', market: 'QQQ', event: '2025-01-27', returns: 'log' });
    r.days.forEach((d, k) => {
      expect(d.n).toBe(2);
      expectClose(d.aar, (a.window[k]!.ar + b.window[k]!.ar) / 2, 1e-14, 1e-17, `aar ${d.offset}`);
    });
    expectClose(r.caar.value, (a.car.value + b.car.value) / 2, 1e-12, 1e-15, 'caar');
    expect(r.firms.map((f) => f.market)).toEqual(['QQQ', 'QQQ']);
    expectClose(r.firms[1]!.ar0, b.day(0)!.ar, 1e-14, 0, 'AMD ar0');
    // the cross-sectional interval of the running CAAR: mean ± t(1) * |a - b| / 2
    const p0 = r.cumulative.find((p) => p.offset === 0)!;
    const half = 12.706204736174707 * Math.abs(a.day(0)!.car - b.day(0)!.car) / 2;
    expectClose(p0.hi! - p0.caar!, half, 1e-9, 0, 'half-width');
  });

  it('ff3 on a panel with the factors: each firm is its ff3 study', async () => {
    const ff = await loadPanel({ symbols: ['NVDA', 'AMD', 'SPY'], factors: true });
    const r = runSample(ff, { firms: ['NVDA', 'AMD'], model: 'ff3' });
    for (const f of r.firms) {
      const st = runStudy(ff, { firm: f.symbol, market: 'SPY', event: '2025-01-27', model: 'ff3' });
      expect(f.ar0).toBe(st.day(0)!.ar);
      expect(f.df).toBe(st.estimation.df);
      expectClose(f.car, st.car.value, 1e-12, 1e-15, `${f.symbol} car`);
    }
    expect(r.design.model).toBe('ff3');
  });

  it('each firm with its own benchmark and event date, and a weekend date that moves', () => {
    const r = runSample(panel, { firms: [{ firm: 'AMD', market: 'QQQ', event: '2025-01-25' }, 'MSFT'] });
    const amd = r.firms[0]!;
    expect([amd.market, amd.requestedEventDate, amd.eventDate, amd.shifted]).toEqual(['QQQ', '2025-01-25', '2025-01-27', true]);
    const st = runStudy(panel, { firm: 'AMD', market: 'QQQ', event: '2025-01-25' });
    expect(amd.ar0).toBe(st.day(0)!.ar);
    expect(r.clustered).toBe(true); // both on 2025-01-27
    expect(r.notes.some((n) => n.includes('2025-01-25 is a Saturday'))).toBe(true);
  });

  it('every standard window of the result equals caarTests on the battery input (and the headline can move)', () => {
    const r = runSample(panel, { firms: groupMembers('big-tech'), carWindow: [-1, 1], window: [-3, 3] });
    expect([r.caar.from, r.caar.to]).toEqual([-1, 1]);
    expect(r.windows.map((w) => [w.from, w.to])).toEqual([[0, 0], [0, 1], [-1, 1]]);
    expect(r.windows[2]).toEqual(r.caar);
    expect(r.firms.every((f) => f.carFrom === -1 && f.carTo === 1)).toBe(true);
  });
});

describe('runSample: gaps, exclusions and the design', () => {
  /** NVDA, AMD, SPY copied into a temp dir, with AMD's row of `date` removed. */
  function withoutRow(date: string): string {
    const dir = tempDir('sputnik-sample-');
    for (const s of ['NVDA', 'AMD', 'SPY']) copyFileSync(join(ROOT, 'fixtures', 'prices', `${s}.csv`), join(dir, `${s}.csv`));
    const file = join(dir, 'AMD.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const kept = lines.filter((l) => !l.startsWith(`${date},`));
    expect(kept.length).toBe(lines.length - 1);
    writeFileSync(file, kept.join('\n'));
    return dir;
  }

  it('a removed row inside the event window is a gap: n one less on that day (and the next, with drop), the others unchanged', async () => {
    const full = runSample(panel, { firms: ['NVDA', 'AMD'] });
    const dir = withoutRow('2025-01-28'); // offset +1
    const gapped = await loadPanel({ symbols: ['NVDA', 'AMD', 'SPY'], dataDir: dir });
    const r = runSample(gapped, { firms: ['NVDA', 'AMD'] });
    expect(r.days.map((d) => d.n)).toEqual([2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2]);
    const amd = r.firms.find((f) => f.symbol === 'AMD')!;
    expect(amd.missing.map((m) => m.offset)).toEqual([1, 2]);
    expect(amd.missing[0]!.reason).toMatch(/AMD has no price on 2025-01-28/);
    expect(amd.missing[1]!.reason).toMatch(/multi-day/);
    expect(amd.car).toBeNull(); // its CAR over [-5, 5] would not cover the same days
    const nvdaAr = (s: SampleResult, k: number) => s.days[k]!.aar;
    for (let k = 0; k < 11; k++) {
      if (k === 6 || k === 7) {
        // only NVDA that day: the AAR is NVDA's AR from the full run
        const st = runStudy(panel, { firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
        expect(nvdaAr(r, k)).toBe(st.window[k]!.ar);
      } else {
        expectClose(r.days[k]!.aar, full.days[k]!.aar, 1e-13, 1e-16, `day ${k - 5}`);
      }
    }
    // CAAR windows containing +1 or +2 leave AMD out and say so; [0, 0] keeps both
    expect(r.caar.n).toBe(1);
    expect(r.caar.excluded).toEqual(['AMD']);
    expect(r.windows.find((w) => w.from === 0 && w.to === 0)!.n).toBe(2);
    expect(r.windows.find((w) => w.from === 0 && w.to === 1)!.excluded).toEqual(['AMD']);
    // the running CAAR loses AMD from +1 on
    expect(r.cumulative.map((p) => p.n)).toEqual([2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    expect(r.notes.some((n) => n.startsWith('AMD: no return on day 1 (2025-01-28'))).toBe(true);
    // no zero stands in for the gap: day +1's n and AAR are NVDA's alone
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('multi-day: the return across the gap counts on the later day, so only the day without a price is missing', async () => {
    const dir = withoutRow('2025-01-28');
    const gapped = await loadPanel({ symbols: ['NVDA', 'AMD', 'SPY'], dataDir: dir });
    const r = runSample(gapped, { firms: ['NVDA', 'AMD'], gaps: 'multi-day' });
    expect(r.design.gaps).toBe('multi-day');
    expect(r.days.map((d) => d.n)).toEqual([2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2]);
    expect(r.firms.find((f) => f.symbol === 'AMD')!.missing.map((m) => m.offset)).toEqual([1]);
    expect(r.notes[0]).toMatch(/gap policy multi-day/);
  });

  it('firms that cannot be studied are left out with the reason; the rest run', () => {
    const r = runSample(panel, {
      firms: ['NVDA', { firm: 'ARM', event: '2023-10-02' }, 'SPY', 'NOPE', 'NVDA', { firm: 'AMD', event: '2031-01-02' }],
    });
    expect(r.counts).toEqual({ requested: 6, studied: 1, excluded: 5 });
    const why = Object.fromEntries(r.excluded.map((e) => [`${e.symbol}@${e.event}`, e.reason]));
    expect(why['ARM@2023-10-02']).toMatch(/estimation window \[-260, -11\] starts .* before the first usable day/);
    expect(why['SPY@2025-01-27']).toMatch(/its own benchmark/);
    expect(why['NOPE@2025-01-27']).toMatch(/no prices for NOPE/);
    expect(why['NVDA@2025-01-27']).toMatch(/listed twice/);
    expect(why['AMD@2031-01-02']).toMatch(/after the last day of the data/);
    expect(r.notes.some((n) => n.startsWith('5 firm(s) left out'))).toBe(true);
    expect(r.days.every((d) => d.n === 1)).toBe(true);
  });

  it('too few estimation days: left out (and an error when no firm is left)', () => {
    const r = runSample(panel, { firms: ['NVDA', { firm: 'ARM', event: '2023-10-02' }], estimation: [-20, -6], minEstimationDays: 12 });
    expect(r.excluded.map((e) => e.symbol)).toEqual(['ARM']);
    expect(() => runSample(panel, { firms: [{ firm: 'ARM', event: '2023-09-20' }] })).toThrow(WindowError);
    expect(() => runSample(panel, { firms: [{ firm: 'ARM', event: '2023-09-20' }] })).toThrow(/no firm of the sample could be studied: ARM: /);
  });

  it('bad designs are usage errors', () => {
    expect(() => runSample(panel, { firms: [] })).toThrow(UsageError);
    expect(() => runSample(panel, { firms: ['NVDA'], model: 'ff3' })).toThrow(ModelError);
    expect(() => runSample(panel, { firms: ['NVDA'], model: 'ff3' })).toThrow(/ff3 model needs the Fama-French factor series/);
    expect(() => runSample(panel, { firms: ['NVDA'], model: 'nope' })).toThrow(/unknown model/);
    expect(() => runSample(panel, { firms: ['NVDA'], event: '2025-02-30' })).toThrow(UsageError);
    expect(() => runSample(panel, { firms: [{ firm: 'NVDA', event: '27/01/2025' }] })).toThrow(/not a valid YYYY-MM-DD/);
    expect(() => runSample(panel, { firms: ['NVDA'], carWindows: [[-6, 0]] })).toThrow(/not inside the event window/);
    expect(() => runSample(panel, { firms: ['NVDA'], carWindow: [0, 9] })).toThrow(/not inside the event window/);
    expect(() => runSample(panel, { firms: ['NVDA'], window: [-5, 5], estimation: [-20, 0] })).toThrow(/overlaps/);
    expect(() => runSample(panel, { firms: ['NVDA'], gaps: 'zero' as never })).toThrow(/gap policy/);
    expect(() => runSample(panel, { firms: ['NVDA'], windows: [[0, 1]] } as never)).toThrow(/unknown sample option "windows"/);
    expect(() => runSample(panel, { firms: ['NVDA', { firm: 'AMD', event: '2024-07-31' }], window: { from: '2025-01-22', to: '2025-01-30' } })).toThrow(
      /one event date for every firm/,
    );
  });

  it('a date window works for a clustered event', () => {
    const r = runSample(panel, { firms: ['NVDA', 'AMD'], window: { from: '2025-01-22', to: '2025-01-30' } });
    expect(r.design.window).toEqual([-3, 3]);
    expect(r.days[0]!.date).toBe('2025-01-22');
  });

  it('the result is plain JSON (no NaN, no undefined, no typed arrays) and every test has the contract keys', () => {
    const r = runSample(panel, { firms: groupMembers('semiconductors') });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    for (const d of [...r.days, r.caar, ...r.windows]) expect(Object.keys(d.tests)).toEqual([...SAMPLE_TEST_NAMES]);
    // the headline over the whole window is the standard window [-5, 5]
    expect(r.caar.caar).toBe(r.caar.value);
    expect(r.windows.at(-1)).toEqual(r.caar);
  });
});
