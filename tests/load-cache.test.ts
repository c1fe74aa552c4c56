import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDataCache, loadFacts, loadFactors, loadPrices } from '../src/data/load.js';
import { DataError } from '../src/errors.js';
import { fixture, tempDir } from './helpers.js';

const HEADER = 'date,open,high,low,close,adj_close,volume';
const nvda = fixture('prices', 'NVDA.csv').split('\n');
const ROWS = nvda.slice(1000, 1004);

/** Write `text` to `file` and give it the modification time `seconds` (since 1970), so a rewrite is always visible. */
function write(file: string, text: string, seconds: number): void {
  writeFileSync(file, text);
  utimesSync(file, seconds, seconds);
}

beforeEach(() => clearDataCache());

describe('the data cache', () => {
  it('returns the same object while the file is unchanged', async () => {
    const a = await loadPrices('NVDA');
    const b = await loadPrices('NVDA');
    expect(b).toBe(a);
    expect(await loadFactors()).toBe(await loadFactors());
    expect(await loadFacts()).toBe(await loadFacts());
  });

  it('shares one read between concurrent calls', async () => {
    const [a, b, c] = await Promise.all([loadPrices('SPY'), loadPrices('SPY'), loadPrices('SPY')]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('reads again after clearDataCache(), with equal content', async () => {
    const a = await loadPrices('QQQ');
    clearDataCache();
    const b = await loadPrices('QQQ');
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });

  it('keeps files of different folders apart', async () => {
    const dir = tempDir();
    write(join(dir, 'NVDA.csv'), [HEADER, ...ROWS].join('\n'), 1_700_000_000);
    const mine = await loadPrices('NVDA', { dataDir: dir });
    const bundled = await loadPrices('NVDA');
    expect(mine.rows).toHaveLength(4);
    expect(bundled.rows.length).toBeGreaterThan(1000);
    // Sources name the file relative to its data folder (outputs carry no machine path).
    expect(mine.source).toBe('NVDA.csv');
    expect(bundled.source).toBe('fixtures/prices/NVDA.csv');
  });

  it('re-reads a file that was rewritten', async () => {
    const dir = tempDir();
    const file = join(dir, 'ACME.csv');
    write(file, [HEADER, ...ROWS.slice(0, 2)].join('\n'), 1_700_000_000);
    const first = await loadPrices('ACME', { dataDir: dir });
    expect(first.rows).toHaveLength(2);
    expect(await loadPrices('ACME', { dataDir: dir })).toBe(first);

    write(file, [HEADER, ...ROWS].join('\n'), 1_700_000_100);
    const second = await loadPrices('ACME', { dataDir: dir });
    expect(second).not.toBe(first);
    expect(second.rows).toHaveLength(4);
    expect(first.rows).toHaveLength(2); // the object handed out earlier is left as it was
    expect(await loadPrices('ACME', { dataDir: dir })).toBe(second);
  });

  it('re-reads a rewrite of the same size when the modification time changed', async () => {
    const dir = tempDir();
    const file = join(dir, 'ACME.csv');
    const text = [HEADER, ...ROWS].join('\n');
    write(file, text, 1_700_000_000);
    const first = await loadPrices('ACME', { dataDir: dir });
    const last = text.at(-1)!;
    const edited = text.slice(0, -1) + (last === '7' ? '8' : '7'); // the last digit of the last volume
    expect(edited.length).toBe(text.length);
    write(file, edited, 1_700_000_001);
    const second = await loadPrices('ACME', { dataDir: dir });
    expect(second.rows[3]!.volume).not.toBe(first.rows[3]!.volume);
    expect(second.rows.slice(0, 3)).toEqual(first.rows.slice(0, 3));
  });

  it('re-reads the factor and facts files when they change', async () => {
    const dir = tempDir();
    const ff = fixture('FF3.csv').split('\n');
    write(join(dir, 'FF3.csv'), ff.slice(0, 3).join('\n'), 1_700_000_000);
    write(join(dir, 'facts.json'), '{"shares_outstanding":{"ACME":{"value":10}}}', 1_700_000_000);
    const f1 = await loadFactors({ dataDir: dir });
    const k1 = await loadFacts({ dataDir: dir });
    expect(f1.dates).toHaveLength(2);
    expect(k1.sharesOutstanding.ACME?.value).toBe(10);
    expect(await loadFactors({ dataDir: dir })).toBe(f1);
    expect(await loadFacts({ dataDir: dir })).toBe(k1);

    write(join(dir, 'FF3.csv'), ff.slice(0, 5).join('\n'), 1_700_000_100);
    write(join(dir, 'facts.json'), '{"shares_outstanding":{"ACME":{"value":20}}}', 1_700_000_100);
    expect((await loadFactors({ dataDir: dir })).dates).toHaveLength(4);
    expect((await loadFacts({ dataDir: dir })).sharesOutstanding.ACME?.value).toBe(20);
  });

  it('does not cache a failure: the same bad file fails afresh, the fixed file loads', async () => {
    const dir = tempDir();
    const file = join(dir, 'ACME.csv');
    write(file, [HEADER, ROWS[1]!, ROWS[0]!].join('\n'), 1_700_000_000);
    const e1 = await loadPrices('ACME', { dataDir: dir }).catch((e: unknown) => e);
    const e2 = await loadPrices('ACME', { dataDir: dir }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DataError);
    expect((e1 as Error).message).toMatch(/ACME.csv:3 .*dates must be ascending/);
    expect(e2).toBeInstanceOf(DataError);
    expect(e2).not.toBe(e1); // a cached failure would be the same error object

    write(file, [HEADER, ROWS[0]!, ROWS[1]!].join('\n'), 1_700_000_100);
    const fixed = await loadPrices('ACME', { dataDir: dir });
    expect(fixed.rows).toHaveLength(2);
  });

  it('does not cache a missing file: it loads once it exists', async () => {
    const dir = tempDir();
    await expect(loadPrices('ACME', { dataDir: dir })).rejects.toThrow(/ACME.csv \(ACME\): no price file/);
    write(join(dir, 'ACME.csv'), [HEADER, ROWS[0]!].join('\n'), 1_700_000_000);
    expect((await loadPrices('ACME', { dataDir: dir })).rows).toHaveLength(1);
  });

  it('concurrent calls on a bad file share the failure, and the next call reads again', async () => {
    const dir = tempDir();
    write(join(dir, 'ACME.csv'), HEADER, 1_700_000_000);
    const [a, b] = await Promise.all([0, 1].map(() => loadPrices('ACME', { dataDir: dir }).catch((e: unknown) => e)));
    expect(a).toBeInstanceOf(DataError);
    expect(b).toBe(a);
    const c = await loadPrices('ACME', { dataDir: dir }).catch((e: unknown) => e);
    expect(c).toBeInstanceOf(DataError);
    expect(c).not.toBe(a);
  });
});
