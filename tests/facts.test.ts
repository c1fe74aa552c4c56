import { describe, expect, it } from 'vitest';
import { parseFacts, publishedAfter, sharesMissingFor } from '../src/data/facts.js';
import { DataError } from '../src/errors.js';
import { fixture } from './helpers.js';

const facts = parseFacts(fixture('facts.json'), 'fixtures/facts.json');
const so = facts.sharesOutstanding;

describe('fixtures/facts.json: the share counts of the basket', () => {
  it('has a count for 11 firms and names the 5 still missing', () => {
    expect(Object.keys(so).sort()).toEqual(['AMD', 'AMZN', 'ASML', 'AVGO', 'GOOGL', 'META', 'MRVL', 'MSFT', 'NVDA', 'ORCL', 'TSM']);
    expect(facts.sharesMissing).toEqual(['MU', 'ARM', 'SMCI', 'VST', 'CEG']);
    expect(sharesMissingFor(facts, ['NVDA', 'MU', 'TSM', 'ARM', 'SMCI'])).toEqual(['MU', 'ARM', 'SMCI']);
  });

  it('reads the new counts with their as_of dates (known answers from the filings quoted in the file)', () => {
    expect([so.GOOGL?.value, so.GOOGL?.asOf]).toEqual([12_190_000_000, '2025-01-28']);
    expect(so.GOOGL?.classes).toEqual({ A: 5_833_000_000, B: 860_000_000, C: 5_497_000_000 });
    expect(so.GOOGL?.note).toMatch(/approximation/);
    expect([so.AMD?.value, so.AMD?.asOf]).toEqual([1_620_477_962, '2025-01-30']);
    expect([so.MRVL?.value, so.MRVL?.asOf]).toEqual([865_300_000, '2024-11-27']);
    expect([so.ORCL?.value, so.ORCL?.asOf]).toEqual([2_770_968_000, '2024-09-06']);
    expect([so.ASML?.value, so.ASML?.asOf, so.ASML?.adrRatio]).toEqual([393_283_720, '2024-12-31', 1]);
    expect([so.META?.value, so.META?.asOf]).toEqual([2_533_659_265, '2025-01-24']);
  });

  it('TSM is an ADR: one ADS is 5 common shares, so a listed price multiplies value / 5', () => {
    const tsm = so.TSM!;
    expect(tsm.value).toBe(25_932_733_242);
    expect(tsm.unit).toBe('common shares');
    expect(tsm.adrRatio).toBe(5);
    expect(tsm.listedShares).toBe(25_932_733_242 / 5);
    // Every other count is in listed shares already.
    for (const [s, c] of Object.entries(so)) if (s !== 'TSM') expect([s, c.listedShares]).toEqual([s, c.value]);
  });

  it('reads the filing date from the source, and says which counts were published after 2025-01-27', () => {
    expect(so.META?.filed).toBe('2025-01-30');
    expect(so.NVDA?.filed).toBe('2024-11-20');
    expect(so.MSFT?.filed).toBeUndefined();
    const after = Object.entries(so).filter(([, c]) => publishedAfter(c, '2025-01-27')).map(([s]) => s).sort();
    // META: as of 2025-01-24 but filed 2025-01-30; GOOGL and AMD: filed 2025-02-05.
    expect(after).toEqual(['AMD', 'GOOGL', 'META']);
    expect(publishedAfter({ value: 1, asOf: '2025-02-01', adrRatio: 1, listedShares: 1 }, '2025-01-27')).toBe(true);
    expect(publishedAfter({ value: 1, adrRatio: 1, listedShares: 1 }, '2025-01-27')).toBe(false);
  });
});

describe('parseFacts: bad share counts are data errors naming the field', () => {
  const bad = (entry: string) => () => parseFacts(`{"shares_outstanding":{"X":${entry}}}`, 'f.json');
  it('adr_ratio must be a positive number', () => {
    expect(bad('{"value":10,"adr_ratio":0}')).toThrow(/f.json \(X\): shares_outstanding.X.adr_ratio must be a positive number/);
    expect(bad('{"value":10,"adr_ratio":"5"}')).toThrow(DataError);
  });
  it('as_of must be an ISO date, note and source strings', () => {
    expect(bad('{"value":10,"as_of":"24/01/2025"}')).toThrow(/as_of "24\/01\/2025" must be an ISO date/);
    expect(bad('{"value":10,"note":5}')).toThrow(/shares_outstanding.X.note must be a string/);
  });
  it('as_of must be a date that exists', () => {
    expect(bad('{"value":10,"as_of":"2025-02-30"}')).toThrow(/as_of "2025-02-30" must be an ISO date/);
  });
  it('classes must be whole numbers', () => {
    expect(bad('{"value":10,"classes":{"A":1.5}}')).toThrow(/classes must map each class to a whole number/);
  });
  it('a count without adr_ratio is in listed shares', () => {
    expect(parseFacts('{"shares_outstanding":{"X":{"value":10}}}', 'f.json').sharesOutstanding.X).toMatchObject({ value: 10, adrRatio: 1, listedShares: 10 });
  });
});
