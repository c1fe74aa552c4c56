/**
 * The live Yahoo loader, fully offline: an injected `fetch` answers with a recorded-style v8 chart
 * response built from the real NVDA prices in fixtures/prices/NVDA.csv (no price is invented).
 */
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parsePriceCsv } from '../src/data/csv.js';
import type { PriceSeries } from '../src/data/types.js';
import { loadYahooPrices, priceSeriesToCsv } from '../src/data/yahoo.js';
import { DataError, NetworkError, SputnikError, UsageError, type ErrorLocation } from '../src/errors.js';
import { fixture } from './helpers.js';

const FROM = '2025-01-21';
const TO = '2025-01-31';
const ZONE = 'America/New_York';

// The fixture's own lines for the window, and the series they parse to.
const NVDA_TEXT = fixture('prices', 'NVDA.csv');
const [HEADER = '', ...BODY] = NVDA_TEXT.split('\n');
const LINES = BODY.filter((l) => l.slice(0, 10) >= FROM && l.slice(0, 10) <= TO);
const SLICE_TEXT = `${[HEADER, ...LINES].join('\n')}\n`;
const SLICE: PriceSeries = parsePriceCsv(SLICE_TEXT, { file: 'fixtures/prices/NVDA.csv', symbol: 'NVDA' });
const ALL = parsePriceCsv(NVDA_TEXT, { file: 'fixtures/prices/NVDA.csv', symbol: 'NVDA' });

/** Seconds of `date` at `time` New York time (Yahoo stamps a daily bar at the session's open). */
const nySeconds = (date: string, time = '09:30') => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toSeconds();

interface Bar {
  date: string;
  time?: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  adjClose: number | null;
  volume: number | null;
}

/** A Yahoo v8 chart answer (`/v8/finance/chart/NVDA?...&interval=1d`), in the shape Yahoo sends. */
function chartJson(bars: readonly Bar[], symbol = 'NVDA'): unknown {
  const last = SLICE.rows.at(-1);
  const before = ALL.rows[ALL.rows.findIndex((r) => r.date === FROM) - 1];
  const period = (date: string, start: string, end: string) => ({ timezone: 'EST', start: nySeconds(date, start), end: nySeconds(date, end), gmtoffset: -18000 });
  return {
    chart: {
      result: [
        {
          meta: {
            currency: 'USD',
            symbol,
            exchangeName: 'NMS',
            fullExchangeName: 'NasdaqGS',
            instrumentType: 'EQUITY',
            firstTradeDate: nySeconds('1999-01-22'),
            regularMarketTime: nySeconds(TO, '16:00'),
            hasPrePostMarketData: true,
            gmtoffset: -18000,
            timezone: 'EST',
            exchangeTimezoneName: ZONE,
            regularMarketPrice: last?.close,
            longName: 'NVIDIA Corporation',
            shortName: 'NVIDIA Corporation',
            chartPreviousClose: before?.close,
            priceHint: 2,
            currentTradingPeriod: {
              pre: period(TO, '04:00', '09:30'),
              regular: period(TO, '09:30', '16:00'),
              post: period(TO, '16:00', '20:00'),
            },
            dataGranularity: '1d',
            range: '',
            validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
          },
          timestamp: bars.map((b) => nySeconds(b.date, b.time)),
          indicators: {
            quote: [
              {
                open: bars.map((b) => b.open),
                high: bars.map((b) => b.high),
                low: bars.map((b) => b.low),
                close: bars.map((b) => b.close),
                volume: bars.map((b) => b.volume),
              },
            ],
            adjclose: [{ adjclose: bars.map((b) => b.adjClose) }],
          },
        },
      ],
      error: null,
    },
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=utf-8' } });

/**
 * A recorded-style Yahoo: answers the cookie request (fc.yahoo.com / finance.yahoo.com), the
 * crumb request (/v1/test/getcrumb) and the chart request; records every URL asked.
 */
function fakeYahoo(chart: (url: URL) => Response | Promise<Response>) {
  const urls: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(href);
    const url = new URL(href);
    if (url.hostname === 'fc.yahoo.com' || (url.hostname === 'finance.yahoo.com' && url.pathname.startsWith('/quote/'))) {
      return new Response('', {
        status: 200,
        headers: { 'set-cookie': 'A3=d=AQABBNVDA&S=AQAAAtest; Max-Age=31557600; Domain=.yahoo.com; Path=/; Secure; HttpOnly; SameSite=None' },
      });
    }
    if (url.pathname === '/v1/test/getcrumb') return new Response('tEsTcRuMb', { status: 200, headers: { 'content-type': 'text/plain' } });
    if (url.pathname.startsWith('/v8/finance/chart/')) return chart(url);
    return new Response('Not Found', { status: 404 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, urls, chartUrls: () => urls.filter((u) => u.includes('/v8/finance/chart/')) };
}

const recorded = (bars: readonly Bar[] = SLICE.rows) => fakeYahoo(() => json(chartJson(bars)));

async function failure(p: Promise<unknown>): Promise<SputnikError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SputnikError);
    const err = e as SputnikError;
    expect(err.message).not.toMatch(/\n/); // one line
    return err;
  }
  throw new Error('expected an error');
}

/** The error says `text` about `where` (in the library's one-line format, whatever its prefix style). */
function expectMessage(err: SputnikError, text: string, where: ErrorLocation): void {
  expect(err.where).toEqual(where);
  expect(err.message).toBe(SputnikError.format(text, where));
}

// Nothing may reach the terminal from the library (yahoo-finance2 logs, notices, version warnings...).
let spies: MockInstance[] = [];
beforeEach(() => {
  spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'dir', 'trace'] as const).map((m) => vi.spyOn(console, m)),
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
  ];
});
afterEach(() => {
  for (const spy of spies) {
    expect(spy.mock.calls, `output via ${spy.getMockName()}`).toEqual([]);
    spy.mockRestore();
  }
});

describe('loadYahooPrices', () => {
  it('reads a recorded chart answer back to exactly the fixture values', async () => {
    const yahoo = recorded();
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch });
    expect(s.symbol).toBe('NVDA');
    expect(s.source).toBe('yahoo:NVDA');
    expect(s.rows).toEqual(SLICE.rows); // exact equality with the CSV numbers, nulls and dates
    expect(s.rows.map((r) => r.date)).toEqual(['2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    const close = (d: string) => s.rows.find((r) => r.date === d)?.close;
    expect(close('2025-01-24')?.toFixed(2)).toBe('142.62');
    expect(close('2025-01-27')?.toFixed(2)).toBe('118.42');
    expect(close('2025-01-27')).toBe(118.41999816894531);
    expect(s.rows.find((r) => r.date === '2025-01-27')?.volume).toBe(818830900);
    expect(s.dropped).toEqual([]);
    expect(s.notes).toEqual([]);
  });

  it('asks Yahoo for NVDA daily bars over a period that covers from..to inclusive', async () => {
    const yahoo = recorded();
    await loadYahooPrices('nvda', { from: FROM, to: TO, fetch: yahoo.fetch });
    const [chartUrl, ...more] = yahoo.chartUrls();
    expect(more).toEqual([]);
    const url = new URL(chartUrl ?? '');
    expect(url.hostname).toMatch(/^query[12]\.finance\.yahoo\.com$/);
    expect(url.pathname).toBe('/v8/finance/chart/NVDA');
    expect(url.searchParams.get('interval')).toBe('1d');
    const period1 = Number(url.searchParams.get('period1'));
    const period2 = Number(url.searchParams.get('period2'));
    // A day of margin each side (Yahoo's period2 is exclusive; bars are then kept by exchange-local date).
    expect(period1).toBe(Date.UTC(2025, 0, 20) / 1000);
    expect(period2).toBe(Date.UTC(2025, 1, 2) / 1000);
    expect(period1).toBeLessThanOrEqual(nySeconds(FROM));
    expect(period2).toBeGreaterThan(nySeconds(TO, '16:00'));
  });

  it('keeps only the bars whose New York date is within from..to', async () => {
    const yahoo = recorded(); // answers 21..31 whatever is asked
    const s = await loadYahooPrices('NVDA', { from: '2025-01-24', to: '2025-01-27', fetch: yahoo.fetch });
    expect(s.rows.map((r) => [r.date, r.close])).toEqual([
      ['2025-01-24', 142.6199951171875],
      ['2025-01-27', 118.41999816894531],
    ]);
  });

  it('turns an unreachable network into a NetworkError naming the symbol', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    });
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: fetch as unknown as typeof globalThis.fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/NVDA/);
    expect(err.message).toMatch(/network/);
    expect(err.message).toMatch(/ENOTFOUND/);
    expect(err.message).toMatch(/--data DIR/);
    expect(err.where.symbol).toBe('NVDA');
  });

  it('quotes the operating system on a DNS failure', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com'), { code: 'ENOTFOUND' });
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause });
    };
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch }));
    expectMessage(
      err,
      'cannot reach Yahoo Finance for NVDA (getaddrinfo ENOTFOUND query2.finance.yahoo.com): live data needs network access; use the bundled fixtures or --data DIR instead',
      { symbol: 'NVDA' },
    );
  });

  it('gives up after timeoutMs with a NetworkError', async () => {
    const fetch = () => new Promise<Response>(() => undefined); // never answers, ignores the signal
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch, timeoutMs: 50 }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/NVDA.*no answer within 0.05 s.*network/);
  });

  it("reports Yahoo's own 'Not Found' as a typed error naming the symbol", async () => {
    const yahoo = fakeYahoo(() => json({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }, 404));
    const err = await failure(loadYahooPrices('ZZZQX', { from: FROM, to: TO, fetch: yahoo.fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/ZZZQX/);
    expect(err.message).toMatch(/No data found, symbol may be delisted/);
    expect(err.where.symbol).toBe('ZZZQX');
  });

  it('turns an HTTP error into a NetworkError naming the symbol (and yahoo-finance2 prints nothing)', async () => {
    const yahoo = fakeYahoo(() => new Response('<html>Service unavailable</html>', { status: 503, statusText: 'Service Unavailable' }));
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/Yahoo Finance answered HTTP 503 Service Unavailable for NVDA/);
  });

  it('says when Yahoo has no daily prices in the window', async () => {
    const empty = chartJson([]) as { chart: { result: [{ timestamp?: unknown; indicators: unknown }] } };
    delete empty.chart.result[0].timestamp; // Yahoo leaves it out and sends quote: [{}]
    empty.chart.result[0].indicators = { quote: [{}], adjclose: [{}] };
    const yahoo = fakeYahoo(() => json(empty));
    const err = await failure(loadYahooPrices('NVDA', { from: '2025-01-25', to: '2025-01-26', fetch: yahoo.fetch }));
    expect(err).toBeInstanceOf(DataError);
    expectMessage(err, 'Yahoo returned no daily prices for NVDA between 2025-01-25 and 2025-01-26', { symbol: 'NVDA' });
  });

  it('drops a day Yahoo sends without any close, never fills it, and says so', async () => {
    const bars = SLICE.rows.map((r) =>
      r.date === '2025-01-27' ? { date: r.date, open: null, high: null, low: null, close: null, adjClose: null, volume: null } : r,
    );
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded(bars).fetch });
    expect(s.rows.map((r) => r.date)).not.toContain('2025-01-27');
    expect(s.rows).toEqual(SLICE.rows.filter((r) => r.date !== '2025-01-27'));
    expect(s.dropped).toEqual(['2025-01-27']);
    expect(s.notes).toHaveLength(1);
    expect(s.notes[0]).toMatch(/NVDA: dropped 1 day .*2025-01-27.*not filled/);
  });

  it('keeps a day with only some fields missing, as nulls', async () => {
    const bars = SLICE.rows.map((r) => (r.date === '2025-01-27' ? { ...r, open: null, volume: null } : r));
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded(bars).fetch });
    expect(s.rows.find((r) => r.date === '2025-01-27')).toEqual({ ...SLICE.rows[4], open: null, volume: null });
  });

  it('sorts the bars ascending and rejects two bars for one day', async () => {
    const reversed = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded([...SLICE.rows].reverse()).fetch });
    expect(reversed.rows).toEqual(SLICE.rows);

    const last = SLICE.rows.at(-1) as Bar;
    const twice = [...SLICE.rows, { ...last, time: '16:00' }]; // the same session stamped at open and at close
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded(twice).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expectMessage(err, 'Yahoo Finance sent two daily bars for 2025-01-31; refusing to pick one', { symbol: 'NVDA', date: '2025-01-31' });
  });

  it('validates the download like a fixture file (positive prices)', async () => {
    const bars = SLICE.rows.map((r) => (r.date === '2025-01-28' ? { ...r, low: 0 } : r)); // a corrupted feed
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded(bars).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expectMessage(err, 'low 0.0 is not a positive price (in the download from yahoo:NVDA)', { symbol: 'NVDA', date: '2025-01-28', field: 'low' });
  });

  it('rejects bad arguments with a UsageError before any request', async () => {
    const yahoo = recorded();
    expect(await failure(loadYahooPrices('NVDA', { from: '2025-02-30', to: TO, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(await failure(loadYahooPrices('NVDA', { from: TO, to: FROM, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(await failure(loadYahooPrices('NV/DA', { from: FROM, to: TO, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(yahoo.urls).toEqual([]);
  });
});

describe('priceSeriesToCsv', () => {
  it('reproduces the fixture lines byte for byte', () => {
    expect(LINES).toHaveLength(9);
    expect(LINES.some((l) => l.includes(',129.0,'))).toBe(true); // an integral price, written as the files write it
    expect(priceSeriesToCsv(SLICE)).toBe(SLICE_TEXT);
  });

  it('writes a live download as the same fixture text, which parses back to equal rows', async () => {
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: recorded().fetch });
    const text = priceSeriesToCsv(s);
    expect(text).toBe(SLICE_TEXT);
    expect(parsePriceCsv(text, { file: 'NVDA.csv', symbol: 'NVDA' }).rows).toEqual(s.rows);
  });

  it('leaves missing values empty (index levels, adjusted-only files)', () => {
    for (const symbol of ['GSPC', 'TSM']) {
      const line = fixture('prices', `${symbol}.csv`).split('\n').find((l) => l.startsWith('2025-01-27,')) ?? '';
      expect(line).toMatch(/,,/);
      const text = `${HEADER}\n${line}\n`;
      expect(priceSeriesToCsv(parsePriceCsv(text, { file: `${symbol}.csv`, symbol }))).toBe(text);
    }
  });
});

describe('a whole study on live data (recorded answers built from the fixtures)', () => {
  it('gives the same numbers as the bundled fixtures', async () => {
    const { eventStudy } = await import('../src/study/load.js');
    const series: Record<string, PriceSeries> = {};
    for (const s of ['NVDA', 'SPY']) series[s] = parsePriceCsv(fixture('prices', `${s}.csv`), { file: `${s}.csv`, symbol: s });
    const yahoo = fakeYahoo((url) => {
      const symbol = decodeURIComponent(url.pathname.split('/').pop()!);
      const [p1, p2] = ['period1', 'period2'].map((k) => Number(url.searchParams.get(k)));
      const rows = series[symbol]!.rows.filter((r) => nySeconds(r.date) >= p1! && nySeconds(r.date) < p2!);
      return json(chartJson(rows, symbol));
    });
    const options = { firm: 'NVDA', market: 'SPY', event: '2025-01-27' };
    const live = await eventStudy({ ...options, source: 'yahoo', fetch: yahoo.fetch });
    const offline = await eventStudy(options);
    expect(yahoo.chartUrls()).toHaveLength(2);
    expect(live.estimation).toEqual(offline.estimation);
    expect(live.window).toEqual(offline.window);
    expect(live.loss()).toEqual(offline.loss());
    expect(live.provenance.firmSource).toBe('yahoo:NVDA');
  });
});
