// caarChart: CAAR by group with interval bands, valid Vega-Lite 6, en and fr.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { caarChart, formatDate, NNBSP, type CaarRow } from '../src/charts/index.js';
import { UsageError } from '../src/errors.js';
import { loadPanel } from '../src/panel/load.js';
import { caarChartRows } from '../src/report/sample-text.js';
import { toSvg } from '../src/report/render.js';
import { groupMembers, runSample, type SampleResult } from '../src/samples/index.js';
import { ROOT } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let validate: ValidateFunction;
let samples: { name: string; result: SampleResult }[];

beforeAll(async () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));
  validate = new Ajv({ strict: false, allowUnionTypes: true, validateFormats: false }).compile(schema);
  const names = ['semiconductors', 'ai-infrastructure', 'big-tech'];
  const panel = await loadPanel({ symbols: [...names.flatMap(groupMembers), 'SPY'] });
  samples = names.map((name) => ({ name, result: runSample(panel, { firms: groupMembers(name) }) }));
});

function expectValid(spec: unknown, what: string) {
  const ok = validate(spec);
  const errors = ok ? '' : (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath} ${e.message}`).join('\n');
  expect(ok, `${what}:\n${errors}`).toBe(true);
}

const ROWS: CaarRow[] = [
  { group: 'Semiconductors', offset: -1, date: '2025-01-24', caar: -0.0236, lo: -0.0471, hi: -0.0001, n: 8 },
  { group: 'Semiconductors', offset: 0, date: '2025-01-27', caar: -0.1154, lo: -0.1576, hi: -0.0732, n: 8 },
  { group: 'Big tech', offset: -1, date: '2025-01-24', caar: 0.002, lo: -0.01, hi: 0.014, n: 4 },
  { group: 'Big tech', offset: 0, date: '2025-01-27', caar: 0.011, lo: -0.02, hi: 0.042, n: 4 },
];

describe('caarChart', () => {
  it('is valid Vega-Lite in English and French, from the three groups of the fixtures', async () => {
    const rows = caarChartRows(samples);
    expect(rows).toHaveLength(33);
    for (const lang of ['en', 'fr'] as const) {
      const spec = caarChart({ rows, lang }) as Json;
      expectValid(spec, `caar ${lang}`);
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(spec.usermeta).toEqual({ generator: 'sputnik-study', chart: 'caar', lang });
      const warnings: string[] = [];
      const svg = await toSvg(spec, { onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(svg).toContain('mark-area');
      expect(svg).toContain('mark-line');
      for (const g of ['semiconductors', 'ai-infrastructure', 'big-tech']) expect(svg).toContain(g);
    }
  });

  it('draws each group in its own colour, in the order given, with the event date and the bands named', () => {
    const spec = caarChart({ rows: ROWS }) as Json;
    const line = spec.layer.find((l: Json) => l.mark.type === 'line');
    expect(line.encoding.color.scale.domain).toEqual(['Semiconductors', 'Big tech']);
    expect(new Set(line.encoding.color.scale.range).size).toBe(2);
    expect(spec.title.text).toBe('Cumulative average abnormal return by group');
    expect(spec.title.subtitle).toEqual([`Event: ${formatDate('2025-01-27', 'en')}`, 'Bands: 95% interval of the cross-sectional t']);
    expect(line.encoding.x.title).toBe(`Trading days relative to the event (0 = ${formatDate('2025-01-27', 'en')})`);
    expect(spec.layer.some((l: Json) => l.mark.type === 'area')).toBe(true);
    expect(spec.data.values).toHaveLength(4);
  });

  it('French labels and the level of the intervals', () => {
    const spec = caarChart({ rows: ROWS, lang: 'fr', level: 0.99 }) as Json;
    expect(spec.title.text).toBe('Rendement anormal moyen cumulé par groupe');
    expect(spec.title.subtitle[1]).toBe(`Bandes\u00a0: intervalle à 99${NNBSP}% du t transversal`);
    expectValid(spec, 'fr 99');
  });

  it('rows without an interval (one firm) draw no band; event time has no date', () => {
    const spec = caarChart({ rows: [{ group: 'NVDA', offset: 0, caar: -0.13 }, { group: 'NVDA', offset: 1, caar: -0.15, lo: null, hi: null }] }) as Json;
    expectValid(spec, 'no bands');
    expect(spec.layer.some((l: Json) => l.mark.type === 'area')).toBe(false);
    expect(spec.title.subtitle).toBeUndefined();
  });

  it('is deterministic and does not depend on the order of the rows within a group', () => {
    const a = JSON.stringify(caarChart({ rows: ROWS }));
    const b = JSON.stringify(caarChart({ rows: [ROWS[1]!, ROWS[0]!, ROWS[3]!, ROWS[2]!] }));
    expect(a).toBe(b);
  });

  it('rejects bad input with a UsageError', () => {
    expect(() => caarChart({ rows: [] })).toThrow(UsageError);
    expect(() => caarChart({ rows: [{ ...ROWS[0]!, caar: NaN }] })).toThrow(/caar must be a finite number/);
    expect(() => caarChart({ rows: [ROWS[0]!, ROWS[0]!] })).toThrow(/two points at offset -1/);
    expect(() => caarChart({ rows: [{ ...ROWS[0]!, lo: null }] })).toThrow(/only one end/);
    expect(() => caarChart({ rows: [{ ...ROWS[0]!, offset: 0.5 }] })).toThrow(/whole number/);
    expect(() => caarChart({ rows: [{ ...ROWS[0]!, date: '27/01/2025' }] })).toThrow(/ISO date/);
    expect(() => caarChart({ rows: ROWS, lang: 'de' as never })).toThrow(UsageError);
    expect(() => caarChart({ rows: ROWS, level: 95 })).toThrow(/between 0 and 1/);
  });
});
