// Impossible input throws a UsageError whose message names the firm.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { caarTests, dailyTests, prepareSample } from '../src/samples/index.js';
import { handFirm } from './samples-helpers.js';

const ok = () => handFirm('OK', [0.01, -0.01, 0.02], [0.01, 0.02, 0.03]);
const win = [-1, 1] as const;

function throwsUsage(fn: () => unknown, pattern: RegExp) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UsageError);
  expect((err as Error).message).toMatch(pattern);
}

describe('samples: bad input', () => {
  it('an empty sample', () => {
    throwsUsage(() => dailyTests({ window: win, firms: [] }), /empty sample/);
  });

  it('a window that is not two integers in order', () => {
    throwsUsage(() => dailyTests({ window: [1, -1], firms: [ok()] }), /window \[1, -1\]/);
    throwsUsage(() => dailyTests({ window: [0, 1.5] as unknown as [number, number], firms: [ok()] }), /integer/);
  });

  it('an event window of the wrong length names the symbol', () => {
    const bad = handFirm('NVDA', [0.01, -0.01, 0.02], [0.01, 0.02]);
    throwsUsage(() => dailyTests({ window: win, firms: [ok(), bad] }), /^NVDA: 2 event-window abnormal returns, but the window \[-1, 1\] has 3 days/);
  });

  it('estimation returns and dates that disagree', () => {
    const bad = { ...handFirm('AMD', [0.01, -0.01, 0.02], [0.01, 0.02, 0.03]), estimationDates: ['2024-01-01', '2024-01-02'] };
    throwsUsage(() => prepareSample({ window: win, firms: [bad] }), /^AMD: 3 estimation abnormal returns but 2 estimation dates/);
  });

  it('an eventCov of the wrong size', () => {
    const bad = { ...ok(), symbol: 'AVGO', eventCov: new Float64Array(4) };
    throwsUsage(() => prepareSample({ window: win, firms: [bad] }), /^AVGO: eventCov has 4 entries/);
  });

  it('sigma, df and variances that cannot be', () => {
    throwsUsage(() => prepareSample({ window: win, firms: [{ ...ok(), symbol: 'S0', sigma: 0 }] }), /^S0: sigma 0/);
    throwsUsage(() => prepareSample({ window: win, firms: [{ ...ok(), symbol: 'D0', df: NaN }] }), /^D0: df NaN/);
    const small = handFirm('COV', [0.01, -0.01, 0.02], [0.01, 0.02, 0.03], { sigma: 0.02, cov: [1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4] });
    throwsUsage(() => prepareSample({ window: win, firms: [small] }), /^COV: eventCov diagonal at offset -1 .* is below sigma\^2/);
  });

  it('no estimation-window return, unsorted dates, infinite returns', () => {
    throwsUsage(() => prepareSample({ window: win, firms: [handFirm('EMPTY', [NaN, NaN], [0.01, 0.02, 0.03])] }), /^EMPTY: no estimation-window abnormal returns/);
    const unsorted = handFirm('UNS', [0.01, -0.01], [0.01, 0.02, 0.03], { dates: ['2024-01-02', '2024-01-01'] });
    throwsUsage(() => prepareSample({ window: win, firms: [unsorted] }), /^UNS: estimation dates are not strictly ascending/);
    throwsUsage(() => prepareSample({ window: win, firms: [handFirm('INF', [0.01, -0.01], [Infinity, 0.02, 0.03])] }), /^INF: event abnormal return at offset -1 is Infinity/);
    throwsUsage(() => prepareSample({ window: win, firms: [{ ...ok(), symbol: 'DATE', eventDate: '27/01/2025' }] }), /^DATE: event date/);
  });

  it('dates shaped like YYYY-MM-DD that are not calendar days', () => {
    throwsUsage(() => prepareSample({ window: win, firms: [{ ...ok(), symbol: 'FEB', eventDate: '2025-02-30' }] }), /^FEB: event date "2025-02-30" is not YYYY-MM-DD/);
    const month13 = handFirm('M13', [0.01, -0.01], [0.01, 0.02, 0.03], { dates: ['2024-12-31', '2024-13-01'] });
    throwsUsage(() => prepareSample({ window: win, firms: [month13] }), /^M13: estimation date "2024-13-01" is not YYYY-MM-DD/);
  });

  it('a CAR window outside the event window', () => {
    throwsUsage(() => caarTests({ window: win, firms: [ok()] }, -2, 1), /CAR window \[-2, 1\]/);
    throwsUsage(() => caarTests({ window: win, firms: [ok()] }, 1, 0), /CAR window \[1, 0\]/);
  });
});
