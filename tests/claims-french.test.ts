import { describe, it, expect } from 'vitest';
import {
  exactDecimal,
  normalizeQualifier,
  parseCurrency,
  parseFrenchAmount,
  parseFrenchNumber,
  scaleExponent,
  scanFrenchFigures,
} from '../src/claims/french.js';
import { UsageError } from '../src/errors.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('parseFrenchNumber', () => {
  it('reads integers and thousands separated by a space, a no-break space or a narrow no-break space', () => {
    expect(parseFrenchNumber('590')).toBe(590);
    expect(parseFrenchNumber('1 000')).toBe(1000);
    expect(parseFrenchNumber(`1${NBSP}000`)).toBe(1000);
    expect(parseFrenchNumber(`50${NNBSP}000`)).toBe(50000);
    expect(parseFrenchNumber('24 490 000 000')).toBe(24_490_000_000);
  });

  it('reads decimal commas and signs', () => {
    expect(parseFrenchNumber('5,6')).toBe(5.6);
    expect(parseFrenchNumber('1 234,5')).toBe(1234.5);
    expect(parseFrenchNumber('-16,97')).toBe(-16.97);
    expect(parseFrenchNumber('−17')).toBe(-17);
  });

  it('returns null for what is not one French number', () => {
    expect(parseFrenchNumber('abc')).toBeNull();
    expect(parseFrenchNumber('')).toBeNull();
    expect(parseFrenchNumber('2.5')).toBeNull();
    expect(parseFrenchNumber('1 00')).toBeNull();
    expect(parseFrenchNumber('GPT-4')).toBeNull();
  });

  it('throws a UsageError when not given a string', () => {
    expect(() => parseFrenchNumber(42 as unknown as string)).toThrow(UsageError);
  });
});

describe('scale words, currencies and qualifiers', () => {
  it('knows the long scale, singular and plural', () => {
    expect(scaleExponent('mille')).toBe(3);
    expect(scaleExponent('milliers')).toBe(3);
    expect(scaleExponent('million')).toBe(6);
    expect(scaleExponent('milliard')).toBe(9);
    expect(scaleExponent('milliards')).toBe(9);
    expect(scaleExponent('billion')).toBe(12);
    expect(scaleExponent('trillion')).toBeNull();
  });

  it('reads currencies with both apostrophes', () => {
    expect(parseCurrency('de dollars')).toBe('USD');
    expect(parseCurrency('dollars')).toBe('USD');
    expect(parseCurrency('$')).toBe('USD');
    expect(parseCurrency('USD')).toBe('USD');
    expect(parseCurrency('d’euros')).toBe('EUR');
    expect(parseCurrency("d'euros")).toBe('EUR');
    expect(parseCurrency('€')).toBe('EUR');
    expect(parseCurrency('EUR')).toBe('EUR');
    expect(parseCurrency('yuans')).toBeNull();
  });

  it('normalizes qualifiers', () => {
    expect(normalizeQualifier('près de')).toBe('près de');
    expect(normalizeQualifier('Près de')).toBe('près de');
    expect(normalizeQualifier('environ')).toBe('environ');
    expect(normalizeQualifier('d’environ')).toBe('environ');
    expect(normalizeQualifier("d'environ")).toBe('environ');
    expect(normalizeQualifier('quelque')).toBe('environ');
    expect(normalizeQualifier('plus de')).toBe('plus de');
    expect(normalizeQualifier('au moins')).toBe('au moins');
    expect(normalizeQualifier('jusqu’à')).toBe('jusqu’à');
    expect(normalizeQualifier("jusqu'à")).toBe('jusqu’à');
    expect(normalizeQualifier('moins de')).toBe('moins de');
    expect(normalizeQualifier('beaucoup')).toBeNull();
  });

  it('computes exact decimals', () => {
    expect(exactDecimal('56', 5)).toBe(5_600_000);
    expect(exactDecimal('56', -1)).toBe(5.6);
    expect(exactDecimal('1697', -2, true)).toBe(-16.97);
  });
});

describe('parseFrenchAmount', () => {
  it('reads money amounts with scale and currency', () => {
    expect(parseFrenchAmount('600 milliards de dollars')).toMatchObject({
      value: 600e9,
      unit: 'USD',
      currencyStated: true,
      qualifier: null,
      scaleExponent: 9,
    });
    expect(parseFrenchAmount('385 millions d’euros')).toMatchObject({ value: 385e6, unit: 'EUR', currencyStated: true });
    expect(parseFrenchAmount("385 millions d'euros")).toMatchObject({ value: 385e6, unit: 'EUR' });
    expect(parseFrenchAmount('1 milliard de dollars')).toMatchObject({ value: 1e9, unit: 'USD' });
    expect(parseFrenchAmount('1,5 billion d’euros')).toMatchObject({ value: 1.5e12, unit: 'EUR' });
    expect(parseFrenchAmount('10 mille euros')).toMatchObject({ value: 10_000, unit: 'EUR' });
    expect(parseFrenchAmount('3 milliers de dollars')).toMatchObject({ value: 3000, unit: 'USD' });
    expect(parseFrenchAmount('500 dollars')).toMatchObject({ value: 500, unit: 'USD' });
    expect(parseFrenchAmount('500 €')).toMatchObject({ value: 500, unit: 'EUR' });
    expect(parseFrenchAmount('500 USD')).toMatchObject({ value: 500, unit: 'USD' });
    expect(parseFrenchAmount('6 millions $')).toMatchObject({ value: 6e6, unit: 'USD' });
  });

  it('is exact: "5,6 millions" is 5600000 with no float noise', () => {
    const a = parseFrenchAmount('5,6 millions de dollars');
    expect(a?.value).toBe(5_600_000);
    expect(Object.is(a?.value, 5_600_000)).toBe(true);
    // parseFloat('4,1'.replace(',', '.')) * 1e6 is 4099999.9999999995; the parser is exact.
    expect(parseFrenchAmount('4,1 millions')?.value).toBe(4_100_000);
    expect((41 / 10) * 1e6).not.toBe(4_100_000);
    expect(parseFrenchAmount('8,3 milliards')?.value).toBe(8_300_000_000);
    expect(parseFrenchAmount('4,35 milliards')?.value).toBe(4_350_000_000);
    expect(parseFrenchAmount('2,3 millions')?.value).toBe(2_300_000);
    expect(parseFrenchAmount('5,6 millions')).toMatchObject({ value: 5_600_000, unit: null, currencyStated: false });
  });

  it('accepts no-break and narrow no-break spaces everywhere', () => {
    expect(parseFrenchAmount(`1${NNBSP}000${NBSP}milliards${NBSP}de${NBSP}dollars`)).toMatchObject({
      value: 1e12,
      unit: 'USD',
    });
    expect(parseFrenchAmount(`près${NBSP}de${NBSP}590 milliards`)).toMatchObject({ value: 590e9, qualifier: 'près de' });
  });

  it('reads a scaled number with no currency as unit null', () => {
    expect(parseFrenchAmount('près de 600 milliards')).toMatchObject({
      value: 600e9,
      unit: null,
      currencyStated: false,
      qualifier: 'près de',
    });
  });

  it('reads percentages with any space before %', () => {
    for (const s of ['17 %', '17%', `17${NBSP}%`, `17${NNBSP}%`, '17 pour cent']) {
      expect(parseFrenchAmount(s)).toMatchObject({ value: 17, unit: 'percent', currencyStated: false });
    }
    expect(parseFrenchAmount('16,97 %')?.value).toBe(16.97);
    expect(parseFrenchAmount('-17 %')?.value).toBe(-17);
  });

  it('reads qualifiers before the figure', () => {
    const q = (s: string): unknown => parseFrenchAmount(s)?.qualifier;
    expect(q('près de 590 milliards de dollars')).toBe('près de');
    expect(q('environ 1 milliard de dollars')).toBe('environ');
    expect(q('plus de 500 milliards')).toBe('plus de');
    expect(q('au moins 60')).toBe('au moins');
    expect(q('jusqu’à 10 %')).toBe('jusqu’à');
    expect(q("jusqu'à 10 %")).toBe('jusqu’à');
    expect(q('quelque 50 000 puces')).toBe('environ');
    expect(q('moins de 6 millions de dollars')).toBe('moins de');
    expect(q('600 milliards de dollars')).toBeNull();
  });

  it('starts the figure after the elided "d’" of "d’environ"', () => {
    const [f] = scanFrenchFigures('une valorisation d’environ 2 milliards de dollars.');
    expect(f?.text).toBe('environ 2 milliards de dollars');
    expect(f?.qualifier).toBe('environ');
  });

  it('reads ratios and ratio ranges', () => {
    expect(parseFrenchAmount('27 fois moins cher')).toMatchObject({ value: 27, unit: 'ratio' });
    expect(parseFrenchAmount('15 fois')).toMatchObject({ value: 15, unit: 'ratio' });
    expect(parseFrenchAmount('multipliée par 15')).toMatchObject({ value: 15, unit: 'ratio' });
    const r = parseFrenchAmount('environ 2 à 3 fois');
    expect(r).toMatchObject({ value: 2, valueHigh: 3, unit: 'ratio', qualifier: 'environ' });
  });

  it('reads money and percent ranges', () => {
    expect(parseFrenchAmount('60 et 65 milliards de dollars')).toMatchObject({ value: 60e9, valueHigh: 65e9, unit: 'USD' });
    expect(parseFrenchAmount('10 à 15 %')).toMatchObject({ value: 10, valueHigh: 15, unit: 'percent' });
  });

  it('reads counts of listed nouns', () => {
    expect(parseFrenchAmount('50 000 puces')).toMatchObject({ value: 50000, unit: 'count', countNoun: 'puces' });
  });

  it('returns null for bad input and for text around a figure', () => {
    expect(parseFrenchAmount('abc')).toBeNull();
    expect(parseFrenchAmount('')).toBeNull();
    expect(parseFrenchAmount('GPT-4')).toBeNull();
    expect(parseFrenchAmount('590 milliards partis en fumée')).toBeNull();
    expect(parseFrenchAmount('3 fois par an')).toBeNull();
    expect(() => parseFrenchAmount(undefined as unknown as string)).toThrow(UsageError);
  });
});

describe('scanFrenchFigures', () => {
  it('never reads model names as figures', () => {
    const t = 'GPT-4, Qwen 2.5, Claude 3.5 Sonnet, Hunyuan 3D, o1, o3, V3/R1, H100 et DeepSeek-R1.';
    expect(scanFrenchFigures(t)).toEqual([]);
  });

  it('returns dates and years with no unit, for the caller to drop', () => {
    const figs = scanFrenchFigures('Le 9 octobre 2025, en 1957, du 6 au 11 février.');
    expect(figs.map((f) => f.text)).toEqual(['9', '2025', '1957', '6', '11']);
    expect(figs.every((f) => f.unit === null && f.scaleExponent === 0)).toBe(true);
  });

  it('gives UTF-16 offsets into the text', () => {
    const t = '➡️ perte de 800 milliards de dollars !';
    const [f] = scanFrenchFigures(t);
    expect(f && t.slice(f.start, f.end)).toBe('800 milliards de dollars');
  });
});
