/**
 * Power curves of the calibration: each test's rejection rate against the abnormal return added
 * on day 0 (0 = the size), with its binomial interval, beside MacKinlay's analytic power and the
 * nominal level.
 *
 * @module
 */
import { UsageError } from '../errors.js';
import { CHART_HEIGHT, CHART_WIDTH, COLORS, requireFinite, requireString, topLevel, type Spec } from './common.js';
import { checkLang, formatNumber, levelText, type Lang } from './i18n.js';
import { simulateLabels } from './simulate-labels.js';

/** Input of {@link powerChart}: what `simulateCalibration` returns (or the same shapes). */
export interface PowerInput {
  /** Abnormal returns added on day 0 (fractions). */
  shifts: readonly number[];
  /** Rejection rate of each test at each shift (keys: the battery's test names, or any label). */
  rejection: Readonly<Record<string, readonly number[]>>;
  /** Interval of each rate (same keys), drawn as error bars. */
  intervals?: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  /** MacKinlay's analytic power at each shift. */
  analytic?: readonly number[];
  /** Level of the tests (the nominal rate, drawn as a rule). Default 0.05. */
  alpha?: number;
  trials: number;
  firms: number;
  lang?: Lang;
  title?: string;
}

/** Colour-blind-safe colours for up to ten tests (Okabe-Ito first). */
const TEST_COLORS = ['#0072b2', '#56b4e9', '#009e73', '#e69f00', '#d55e00', '#cc79a7', '#f0e442', '#7a8a99', '#882255', '#44aa99'];

/**
 * Power curves: one line with points per test (rate against the day-0 abnormal return, percent
 * axes), Clopper-Pearson intervals as error bars, the analytic power as a dashed black line, and
 * the nominal level as a dotted rule.
 *
 * @example
 * const spec = powerChart({ shifts: [0, 0.005, 0.01, 0.02], rejection: { bmp: [0.05, 0.45, 0.92, 1] },
 *   analytic: [0.05, 0.33, 0.87, 1], trials: 1000, firms: 50 });
 */
export function powerChart(input: PowerInput): Spec {
  const lang = checkLang(input.lang);
  const S = simulateLabels(lang);
  const shifts = (input.shifts ?? []).map((s, i) => requireFinite(s, `shifts[${i}]`));
  if (shifts.length === 0) throw new UsageError('powerChart: no shifts to draw');
  const alpha = input.alpha ?? 0.05;
  const names = Object.keys(input.rejection ?? {});
  if (names.length === 0) throw new UsageError('powerChart: no test to draw');
  const label = (name: string) => S.testNames[name] ?? name;
  const rows: { test: string; shift: number; rate: number; lo: number | null; hi: number | null }[] = [];
  for (const name of names) {
    const rates = input.rejection[name]!;
    if (!Array.isArray(rates) || rates.length !== shifts.length) throw new UsageError(`powerChart: ${name} has ${rates?.length} rates for ${shifts.length} shifts`, { field: name });
    rates.forEach((rate, i) => {
      if (rate === null || Number.isNaN(rate)) return; // never computed: nothing to draw
      const iv = input.intervals?.[name]?.[i];
      rows.push({
        test: label(name),
        shift: shifts[i]!,
        rate: requireFinite(rate, `${name}[${i}]`),
        lo: iv ? requireFinite(iv[0], `${name} interval`) : null,
        hi: iv ? requireFinite(iv[1], `${name} interval`) : null,
      });
    });
  }
  const analytic = (input.analytic ?? []).map((v, i) => ({ test: S.analytic, shift: shifts[i]!, rate: requireFinite(v, `analytic[${i}]`) }));
  const tests = names.map(label);
  const domain = [...tests, ...(analytic.length ? [S.analytic] : [])];
  const range = [...tests.map((_, i) => TEST_COLORS[i % TEST_COLORS.length]!), ...(analytic.length ? [COLORS.observed] : [])];
  const title = input.title === undefined ? S.powerTitle : requireString(input.title, 'title');
  const level = levelText(alpha, lang);
  const subtitle = S.powerSubtitle(formatNumber(requireFinite(input.trials, 'trials'), lang), formatNumber(requireFinite(input.firms, 'firms'), lang), level);
  const x = { field: 'shift', type: 'quantitative' as const, title: S.shift, axis: { format: '.1%', values: shifts }, scale: { nice: false } };
  const y = { field: 'rate', type: 'quantitative' as const, title: S.rejectionRate, axis: { format: '%' }, scale: { domain: [0, 1] } };
  const color = { field: 'test', type: 'nominal' as const, title: S.test, sort: domain, scale: { domain, range }, legend: { columns: 4, symbolType: 'stroke', symbolStrokeWidth: 3 } };
  return {
    ...topLevel('power', lang, `${title}. ${subtitle}`),
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    layer: [
      {
        data: { values: [{ rate: alpha, label: S.nominal }] },
        mark: { type: 'rule', color: '#666666', strokeDash: [2, 3], strokeWidth: 1 },
        encoding: { y: { field: 'rate', type: 'quantitative' } },
      },
      ...(rows.some((r) => r.lo !== null)
        ? [
            {
              transform: [{ filter: 'datum.lo !== null' }],
              mark: { type: 'rule', strokeWidth: 1, opacity: 0.7 },
              encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color },
            },
          ]
        : []),
      {
        mark: { type: 'line', strokeWidth: 1.8, point: { size: 28 } },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: 'test', type: 'nominal', title: S.test },
            { field: 'shift', type: 'quantitative', title: S.shift, format: '.1%' },
            { field: 'rate', type: 'quantitative', title: S.rejectionRate, format: '.1%' },
            { field: 'lo', type: 'quantitative', title: `${S.interval} (min)`, format: '.1%' },
            { field: 'hi', type: 'quantitative', title: `${S.interval} (max)`, format: '.1%' },
          ],
        },
      },
      ...(analytic.length
        ? [{ data: { values: analytic }, mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x, y, color } }]
        : []),
    ],
  } as Spec;
}
