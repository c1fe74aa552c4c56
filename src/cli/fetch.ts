import { join } from 'node:path';
import type { LivePriceSeries } from '../data/cache.js';
import { compareSeries, type SeriesComparison } from '../data/check.js';
import { isIsoDate } from '../data/csv.js';
import { loadPrices } from '../data/load.js';
import { DataError, UsageError } from '../errors.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { parse, progress } from './args.js';

export const FETCH_HELP = `sputnik fetch: download daily prices from Yahoo Finance (needs the network, or the cache)

Usage: sputnik fetch SYMBOL [SYMBOL...] --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR] [--compare]
                     [--json] [--cache-dir DIR] [--no-cache]

Every download is kept in the cache (default: $SPUTNIK_CACHE_DIR, else the user's cache directory)
and a later request that a kept download covers is answered from it, offline.

  --out DIR          also write DIR/SYMBOL.csv (date,open,high,low,close,adj_close,volume), all or
                     none; use them with "sputnik study --data DIR"
  --compare          compare each download with the bundled series of the same symbol where they
                     overlap: closes differing by more than half a cent, days in one only, and the
                     drift of the adjusted-close ratio
  --json             print one JSON object { series: [...], comparisons: [...] }
  --cache-dir DIR    keep and look for downloads in DIR
  --no-cache         neither read nor write the cache (always ask Yahoo)

Examples:
  sputnik fetch NVDA SPY --from 2024-01-01 --to 2025-03-01 --out data/
  sputnik fetch NVDA --from 2025-01-02 --to 2025-03-14 --compare`;

/** What a download is, for the summary and --json. */
function describe(s: LivePriceSeries, file?: string) {
  return {
    symbol: s.symbol,
    source: s.source,
    fetchedAt: s.fetchedAt,
    cached: s.cached,
    cacheEntry: s.cacheEntry ?? null,
    rows: s.rows.length,
    first: s.rows[0]?.date ?? null,
    last: s.rows.at(-1)?.date ?? null,
    file: file ?? null,
    notes: s.notes,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(4)} %`;

/** A comparison as text lines. */
export function comparisonLines(c: SeriesComparison): string[] {
  if (c.from === null) return [`${c.symbol}: no overlap with the bundled series`];
  const head = `${c.symbol} vs the bundled series, ${c.from} to ${c.to}: ${c.commonDays} common days`;
  const lines = [`${head}: ${c.agree ? 'no difference beyond rounding' : 'differences beyond rounding'}`];
  lines.push(
    c.closeDifferences.length === 0
      ? `  closes: all ${c.closesCompared} within ${c.closeTolerance} (largest difference ${c.maxCloseDiff === 0 ? '0' : c.maxCloseDiff.toPrecision(3)})`
      : `  closes: ${c.closeDifferences.length} of ${c.closesCompared} differ by more than ${c.closeTolerance}`,
  );
  for (const d of c.closeDifferences.slice(0, 20)) lines.push(`    ${d.date}: ${d.left} live, ${d.right} bundled (${d.diff > 0 ? '+' : ''}${d.diff.toPrecision(4)})`);
  if (c.closeDifferences.length > 20) lines.push(`    ... and ${c.closeDifferences.length - 20} more`);
  for (const d of c.onlyLeft) lines.push(`  only in the download: ${d.description}`);
  for (const d of c.onlyRight) lines.push(`  only in the bundled series: ${d.description}`);
  if (c.adjRatio === null) lines.push('  adjusted closes: not compared (one series has none)');
  else {
    const a = c.adjRatio;
    lines.push(
      a.drift <= c.adjTolerance
        ? `  adjusted closes: ratio ${a.first.toFixed(6)} on every day (drift ${a.drift.toExponential(1)}): the same adjustments, up to a constant factor`
        : `  adjusted closes: ratio from ${a.min.toFixed(6)} to ${a.max.toFixed(6)} (drift ${pct(a.drift)}): adjusted differently inside the overlap`,
    );
    for (const j of a.jumps.slice(0, 20)) lines.push(`    ${j.date}: the ratio moves by ${pct(j.change)}`);
  }
  return lines;
}

/** `sputnik fetch`: live data, kept in the cache, optionally saved in the fixture format and compared with the bundled series. */
export async function fetchCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'boolean' },
    json: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return FETCH_HELP;
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  const out = values.out as string | undefined;
  const cacheDirOption = values['cache-dir'] as string | undefined;
  const noCache = !!values['no-cache'];
  if (!positionals.length) throw new UsageError('give at least one symbol (see sputnik fetch --help)');
  for (const [name, v] of [['--from', from], ['--to', to]] as const) {
    if (!v || !isIsoDate(v)) throw new UsageError(`${name} must be a YYYY-MM-DD date`);
  }
  if (from! > to!) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (out !== undefined && out.trim() === '') throw new UsageError('--out needs a folder');
  if (cacheDirOption !== undefined && noCache) throw new UsageError('give --cache-dir or --no-cache, not both');
  if (noCache && out === undefined && !values.compare) throw new UsageError('with --no-cache, give --out DIR or --compare: otherwise the download would go nowhere');
  const symbols = [...new Set(positionals.map((s) => s.toUpperCase()))];

  // Loaded only here: the other commands never pay for the live loader.
  const { cacheDir, loadLivePrices } = await import('../data/cache.js');
  const cache = noCache ? false : { dir: cacheDir(cacheDirOption) };
  const series: LivePriceSeries[] = [];
  for (const symbol of symbols) {
    progress(`fetching ${symbol} ${from}..${to}`);
    series.push(await loadLivePrices(symbol, { from: from!, to: to!, cache }));
  }
  const files = out === undefined ? [] : series.map((s) => ({ path: join(out, `${s.symbol}.csv`), symbol: s.symbol }));
  if (files.length) {
    const { priceSeriesToCsv } = await import('../data/yahoo.js');
    await writeFilesAtomic(series.map((s, i) => ({ path: files[i]!.path, data: priceSeriesToCsv(s) })));
  }

  const comparisons: SeriesComparison[] = [];
  const noBundle: string[] = [];
  if (values.compare) {
    for (const s of series) {
      let bundled;
      try {
        bundled = await loadPrices(s.symbol);
      } catch (err) {
        if (err instanceof DataError) {
          noBundle.push(s.symbol);
          continue;
        }
        throw err;
      }
      comparisons.push(compareSeries(s, bundled));
    }
  }

  if (values.json) {
    return JSON.stringify({ series: series.map((s, i) => describe(s, files[i]?.path)), comparisons, noBundledSeries: noBundle });
  }
  const lines: string[] = [];
  series.forEach((s, i) => {
    const d = describe(s, files[i]?.path);
    const kept = d.cacheEntry && !s.cached ? `, kept in the cache as ${d.cacheEntry}` : '';
    lines.push(`${s.symbol}: ${d.rows} days from ${d.first} to ${d.last}, ${s.source}${kept}${d.file ? `, written to ${d.file}` : ''}`);
    for (const n of s.notes) lines.push(`  note: ${n}`);
  });
  for (const c of comparisons) lines.push(...comparisonLines(c));
  for (const symbol of noBundle) lines.push(`${symbol}: no bundled series to compare with`);
  return lines.join('\n');
}
