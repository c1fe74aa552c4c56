import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildRegistry,
  extractAll,
  extractClaims,
  splitSentences,
  writeRegistry,
  type QuotedClaim,
  type Seed,
} from '../src/claims/index.js';
import { UsageError } from '../src/errors.js';

const root = new URL('../', import.meta.url);
const seedsDir = new URL('seeds/', root);
const seeds: Seed[] = readdirSync(seedsDir)
  .filter((n) => n.endsWith('.txt'))
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, text: readFileSync(new URL(name, seedsDir), 'utf8') }));
const claims = extractAll(seeds);
const bySeed = (prefix: string): QuotedClaim[] => claims.filter((c) => c.seed.startsWith(prefix + '_'));
const isMarket = (c: QuotedClaim): boolean => c.kind === 'market-value-loss' || c.kind === 'price-move';

describe('seed articles', () => {
  it('has the five seeds', () => {
    expect(seeds.map((s) => s.name.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });

  it('finds exactly the market-move claims', () => {
    const market = claims.filter(isMarket).map((c) => ({
      id: c.id,
      text: c.text,
      value: c.value,
      unit: c.unit,
      currencyStated: c.currencyStated,
      qualifier: c.qualifier,
      kind: c.kind,
      subject: c.subject,
      firms: c.firms,
      horizon: c.horizon,
      horizonKind: c.horizonKind,
      direction: c.direction,
    }));
    expect(market).toEqual([
      {
        id: '000-07',
        text: '600 milliards de dollars',
        value: 600e9,
        unit: 'USD',
        currencyStated: true,
        qualifier: null,
        kind: 'market-value-loss',
        subject: 'Nvidia',
        firms: ['NVDA'],
        horizon: 'en une journée',
        horizonKind: 'one-day',
        direction: 'down',
      },
      {
        id: '001-02',
        text: '800 milliards de dollars',
        value: 800e9,
        unit: 'USD',
        currencyStated: true,
        qualifier: null,
        kind: 'market-value-loss',
        subject: 'Nvidia and other tech giants',
        firms: ['NVDA', '*'],
        horizon: 'En quelques heures',
        horizonKind: 'intraday',
        direction: 'down',
      },
      {
        id: '003-02',
        text: 'près de 600 milliards',
        value: 600e9,
        unit: 'USD',
        currencyStated: false,
        qualifier: 'près de',
        kind: 'market-value-loss',
        subject: 'Nvidia',
        firms: ['NVDA'],
        horizon: null,
        horizonKind: null,
        direction: 'down',
      },
      {
        id: '003-09',
        text: '17 %',
        value: 17,
        unit: 'percent',
        currencyStated: false,
        qualifier: null,
        kind: 'price-move',
        subject: 'Nvidia',
        firms: ['NVDA'],
        horizon: null,
        horizonKind: null,
        direction: 'down',
      },
      {
        id: '004-03',
        text: 'près de 590 milliards de dollars',
        value: 590e9,
        unit: 'USD',
        currencyStated: true,
        qualifier: 'près de',
        kind: 'market-value-loss',
        subject: 'Nvidia',
        firms: ['NVDA'],
        horizon: 'en une seule séance',
        horizonKind: 'one-session',
        direction: 'down',
      },
    ]);
  });

  it('finds no market move in the Mistral funding article (002)', () => {
    const c002 = bySeed('002');
    expect(c002.filter(isMarket)).toEqual([]);
    expect(c002.map((c) => [c.text, c.kind, c.unit, c.value, c.subject])).toEqual([
      ['385 millions d’euros', 'funding-round', 'EUR', 385e6, 'Mistral AI'],
      ['environ 2 milliards de dollars', 'valuation', 'USD', 2e9, 'Mistral AI'],
      ['près de 500 millions d’euros', 'funding-round', 'EUR', 500e6, 'Aleph Alpha'],
    ]);
  });

  it('finds every figure of every article (reviewed list)', () => {
    const rows = claims.map((c) => [c.id, c.text, c.value, c.valueHigh ?? null, c.unit, c.kind, c.subject]);
    expect(rows).toEqual([
      ['000-01', '2 milliards de dollars', 2e9, null, 'USD', 'funding-round', 'Reflection AI'],
      ['000-02', '2 milliards de dollars', 2e9, null, 'USD', 'funding-round', 'Reflection AI'],
      ['000-03', 'multipliée par 15', 15, null, 'ratio', 'valuation', 'Reflection AI'],
      ['000-04', '8 milliards de dollars', 8e9, null, 'USD', 'valuation', 'Reflection AI'],
      ['000-05', '800 millions de dollars', 800e6, null, 'USD', 'investment', 'Nvidia'],
      ['000-06', '27 fois moins cher', 27, null, 'ratio', 'other', 'DeepSeek'],
      ['000-07', '600 milliards de dollars', 600e9, null, 'USD', 'market-value-loss', 'Nvidia'],
      ['001-01', '500 milliards de dollars', 500e9, null, 'USD', 'investment-plan', 'Stargate project'],
      ['001-02', '800 milliards de dollars', 800e9, null, 'USD', 'market-value-loss', 'Nvidia and other tech giants'],
      ['002-01', '385 millions d’euros', 385e6, null, 'EUR', 'funding-round', 'Mistral AI'],
      ['002-02', 'environ 2 milliards de dollars', 2e9, null, 'USD', 'valuation', 'Mistral AI'],
      ['002-03', 'près de 500 millions d’euros', 500e6, null, 'EUR', 'funding-round', 'Aleph Alpha'],
      ['003-01', '6 millions de dollars', 6e6, null, 'USD', 'training-cost', 'DeepSeek'],
      ['003-02', 'près de 600 milliards', 600e9, null, 'USD', 'market-value-loss', 'Nvidia'],
      ['003-03', '6 millions de dollars', 6e6, null, 'USD', 'training-cost', 'DeepSeek'],
      ['003-04', '50 000 puces', 50000, null, 'count', 'other', 'DeepSeek'],
      ['003-05', 'environ 2 à 3 fois plus', 2, 3, 'ratio', 'other', 'DeepSeek'],
      ['003-06', '50 000 puces', 50000, null, 'count', 'other', 'DeepSeek'],
      ['003-07', 'environ 1 milliard de dollars', 1e9, null, 'USD', 'hardware-cost', 'DeepSeek'],
      ['003-08', '500 milliards de dollars', 500e9, null, 'USD', 'investment-plan', 'Stargate project'],
      ['003-09', '17 %', 17, null, 'percent', 'price-move', 'Nvidia'],
      ['004-01', '5,6 millions de dollars', 5.6e6, null, 'USD', 'training-cost', 'DeepSeek'],
      ['004-02', '500 milliards de dollars', 500e9, null, 'USD', 'investment-plan', 'Stargate project'],
      ['004-03', 'près de 590 milliards de dollars', 590e9, null, 'USD', 'market-value-loss', 'Nvidia'],
      ['004-04', '80 milliards', 80e9, null, 'USD', 'investment-plan', 'Microsoft'],
      ['004-05', 'au moins 60', 60e9, null, 'USD', 'investment-plan', 'Meta'],
    ]);
  });

  it('gives 5,6 millions exactly and the elliptic "au moins 60" the scale and currency of 80 milliards', () => {
    const c004 = bySeed('004');
    expect(c004[0]?.value).toBe(5_600_000);
    const meta = c004.find((c) => c.subject === 'Meta');
    expect(meta).toMatchObject({ text: 'au moins 60', value: 60e9, unit: 'USD', currencyStated: false, qualifier: 'au moins' });
    const msft = c004.find((c) => c.subject === 'Microsoft');
    expect(msft).toMatchObject({ value: 80e9, unit: 'USD', currencyStated: false, horizon: 'cette année', horizonKind: 'year' });
  });

  it('keeps firms for market moves only', () => {
    for (const c of claims) {
      if (!isMarket(c)) expect(c.firms).toEqual([]);
    }
  });

  it('never reads years, dates or model names as figures', () => {
    const texts = claims.map((c) => c.text);
    for (const bad of ['1957', '2023', '2025', '2026', '9', '21', '6', '11', 'GPT-4', '2.5', '3D']) {
      expect(texts).not.toContain(bad);
    }
  });

  it('gives verbatim offsets for every claim and sentence', () => {
    const content = new Map(seeds.map((s) => [s.name, s.text]));
    for (const c of claims) {
      const t = content.get(c.seed) ?? '';
      expect(t.slice(c.start, c.end)).toBe(c.text);
      expect(t.slice(c.sentenceStart, c.sentenceEnd)).toBe(c.sentence);
      expect(c.sentenceStart).toBeLessThanOrEqual(c.start);
      expect(c.sentenceEnd).toBeGreaterThanOrEqual(c.end);
      expect(Number.isFinite(c.value)).toBe(true);
    }
  });

  it('gives code-point offsets too: a code-point slice (as in Python) gives every claim and sentence', () => {
    const content = new Map(seeds.map((s) => [s.name, [...s.text]]));
    let differ = 0;
    for (const c of claims) {
      const cps = content.get(c.seed) ?? [];
      expect(cps.slice(c.codePoints.start, c.codePoints.end).join('')).toBe(c.text);
      expect(cps.slice(c.codePoints.sentenceStart, c.codePoints.sentenceEnd).join('')).toBe(c.sentence);
      if (c.codePoints.start !== c.start) differ++;
    }
    // The emoji of the seeds put 14 of the 26 claims at different UTF-16 and code-point offsets.
    expect(differ).toBe(14);
  });

  it('gives every subject in French too', () => {
    expect(claims.find((c) => c.id === '001-02')).toMatchObject({
      subject: 'Nvidia and other tech giants',
      subjectFr: 'Nvidia et d’autres géants de la tech',
    });
    expect(claims.find((c) => c.id === '001-01')).toMatchObject({ subject: 'Stargate project', subjectFr: 'projet Stargate' });
    for (const c of claims) expect(c.subjectFr).not.toMatch(/\b(?:and|other|project|unknown)\b/);
  });

  it('has unique, ordered ids', () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of seeds) {
      const own = claims.filter((c) => c.seed === s.name);
      own.forEach((c, i) => expect(c.id).toBe(`${s.name.slice(0, 3)}-${String(i + 1).padStart(2, '0')}`));
      own.slice(1).forEach((c, i) => expect(c.start).toBeGreaterThan(own[i]?.start ?? -1));
    }
  });
});

describe('fixtures/claims.json', () => {
  it('says its offsets are UTF-16 code units', () => {
    const file = JSON.parse(readFileSync(new URL('fixtures/claims.json', root), 'utf8')) as { offsetUnit: string };
    expect(file.offsetUnit).toBe('utf16');
  });
  it('is what buildRegistry produces from seeds/ today', () => {
    const file = JSON.parse(readFileSync(new URL('fixtures/claims.json', root), 'utf8')) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(buildRegistry(seeds))));
    expect(readFileSync(new URL('fixtures/claims.json', root), 'utf8')).toBe(JSON.stringify(buildRegistry(seeds), null, 2) + '\n');
  });
});

describe('writeRegistry', () => {
  it('writes the same bytes as fixtures/claims.json and leaves no .tmp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claims-'));
    try {
      const out = join(dir, 'sub', 'claims.json');
      await writeRegistry(fileURLToPath(seedsDir), out);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(new URL('fixtures/claims.json', root), 'utf8'));
      expect(existsSync(out + '.tmp')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a missing seed directory with a DataError', async () => {
    await expect(writeRegistry(join(tmpdir(), 'no-such-seeds-dir-7f3a'), join(tmpdir(), 'x.json'))).rejects.toThrow(
      /cannot list the seed directory/,
    );
  });
});

describe('extractClaims on small texts', () => {
  const one = (text: string): QuotedClaim | undefined => {
    const all = extractClaims('x.txt', text);
    expect(all).toHaveLength(1);
    return all[0];
  };

  it('returns [] for an empty text or a text without figures', () => {
    expect(extractClaims('x.txt', '')).toEqual([]);
    expect(extractClaims('x.txt', 'abc')).toEqual([]);
    expect(extractAll([])).toEqual([]);
  });

  it('throws a UsageError on non-string input', () => {
    expect(() => extractClaims('x.txt', 42 as unknown as string)).toThrow(UsageError);
    expect(() => extractAll('seeds' as unknown as Seed[])).toThrow(UsageError);
  });

  it('skips vague quantities without digits', () => {
    expect(extractClaims('x.txt', 'Entraîné pour quelques dizaines de millions, pas des milliards.')).toEqual([]);
  });

  it('skips frequencies, dates and non-money scaled counts', () => {
    expect(extractClaims('x.txt', 'On le met à jour 3 fois par an, du 6 au 11 février 2025.')).toEqual([]);
    expect(extractClaims('x.txt', 'La Chine compte 1,4 milliard d’habitants.')).toEqual([]);
  });

  it('does not read a year after a money figure as elliptic', () => {
    const all = extractClaims('x.txt', 'Microsoft prévoit 80 milliards en 2025.');
    expect(all.map((c) => c.text)).toEqual(['80 milliards']);
  });

  it('reads no-break spaces and horizons', () => {
    expect(one('Nvidia a vu 600\u00A0milliards\u00A0de\u00A0dollars partir en fumée en une journée.')).toMatchObject({
      text: '600\u00A0milliards\u00A0de\u00A0dollars',
      value: 600e9,
      kind: 'market-value-loss',
      firms: ['NVDA'],
      horizonKind: 'one-day',
    });
    expect(one('Nvidia a gagné 8,9\u202F% en bourse.')).toMatchObject({ value: 8.9, unit: 'percent', kind: 'price-move', direction: 'up' });
  });

  it('implies EUR for a euro-area subject with no stated currency', () => {
    expect(one('Mistral AI a levé 600 millions pour ses modèles.')).toMatchObject({
      unit: 'EUR',
      currencyStated: false,
      kind: 'funding-round',
      subject: 'Mistral AI',
    });
  });

  it('gives an index move to the index, not to a firm named later', () => {
    const [nasdaq, nvda] = extractClaims(
      'x.txt',
      'Le Nasdaq a chuté de 3,1 % et les actions de Nvidia et les autres valeurs des semi-conducteurs ont perdu 17 %.',
    );
    expect(nasdaq).toMatchObject({ subject: 'Nasdaq', firms: [], kind: 'price-move' });
    expect(nvda).toMatchObject({ subject: 'Nvidia and other chipmakers', firms: ['NVDA', '*'] });
  });
});

describe('per-share prices are not market-value losses', () => {
  // Seed sentences (004-03 and 003-02) followed by a new sentence quoting a price a share.
  const s004 = 'Nvidia a vu près de 590 milliards de dollars partir en fumée en une seule séance.';
  const s003 = 'La nouvelle a secoué le marché au point que Nvidia a perdu près de 600 milliards en bourse.';
  it.each([
    [`${s004} L’action a clôturé à 118,42 dollars.`, '118,42 dollars'],
    [`${s003} Son titre est tombé à 118,42 dollars.`, '118,42 dollars'],
    [`${s004} Le titre Nvidia a perdu 24,20 dollars.`, '24,20 dollars'],
    ['L’action Nvidia a chuté à 118,42 dollars.', '118,42 dollars'],
  ])('%s', (text, price) => {
    const all = extractClaims('x.txt', text);
    const p = all.find((c) => c.text === price)!;
    expect(p).toMatchObject({ kind: 'share-price', firms: [] });
    expect(p.value).toBe(Number(price.split(' ')[0]!.replace(',', '.')));
    // The market-value loss of the seed sentence keeps its kind.
    for (const c of all.filter((c) => c !== p)) expect(c.kind).toBe('market-value-loss');
  });
  it('a scaled amount or a large one is never a price a share', () => {
    expect(extractClaims('x.txt', 'L’action Nvidia a fait perdre 118 milliards de dollars en bourse.')[0]?.kind).toBe('market-value-loss');
    expect(extractClaims('x.txt', 'En bourse, Nvidia a perdu 590 000 000 000 dollars.')[0]?.kind).toBe('market-value-loss');
  });
});

describe('splitSentences', () => {
  it('splits at line breaks and sentence ends, dropping bullets', () => {
    const t = '➡️ Nvidia perd 17 %. Wall Street chute.\nFin';
    const spans = splitSentences(t);
    expect(spans).toEqual([
      { start: 3, end: 20 },
      { start: 21, end: 39 },
      { start: 40, end: 43 },
    ]);
    expect(spans.map((s) => t.slice(s.start, s.end))).toEqual(['Nvidia perd 17 %.', 'Wall Street chute.', 'Fin']);
  });

  it('does not split inside decimals or model names', () => {
    const t = 'Claude 3.5 Sonnet coûte 5,6 millions. Fin.';
    expect(splitSentences(t).map((s) => t.slice(s.start, s.end))).toEqual(['Claude 3.5 Sonnet coûte 5,6 millions.', 'Fin.']);
  });
});
