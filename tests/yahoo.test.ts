/**
 * The live Yahoo loader, offline, on recorded responses of the real API (tests/recorded/, copied
 * from yahoo-finance2's own test recordings; README.md there says where each came from). Error
 * cases with no recording are built from a recorded response by the smallest change, and each
 * such test says what was changed. The only real network test points the loader at a closed
 * local port, where undici fails exactly as it does offline.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { tradingDays } from '../src/data/calendar.js';
import { parsePriceCsv } from '../src/data/csv.js';
import { loadYahooPrices, priceSeriesToCsv } from '../src/data/yahoo.js';
import { DataError, NetworkError, SputnikError, UsageError } from '../src/errors.js';
import { fixture, ROOT } from './helpers.js';
import { recording, replay, responseOf, type Recording } from './recorded/replay.js';

const NVDA_FIXTURE = parsePriceCsv(fixture('prices', 'NVDA.csv'), { file: 'fixtures/prices/NVDA.csv', symbol: 'NVDA' });
const AMZN_TEXT = fixture('prices', 'AMZN.csv');
const FROM = '2021-02-01';
const TO = '2022-01-28';

/** A local TCP port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function failure(p: Promise<unknown>): Promise<SputnikError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SputnikError);
    const err = e as SputnikError;
    expect(err.message).not.toMatch(/\n/); // one line
    expect(err.message).not.toMatch(/\/(home|root|tmp|Users)\//); // no machine path
    return err;
  }
  throw new Error('expected an error');
}

/** The recorded NVDA answer with each array of the chart changed by `edit` (a derived case). */
function nvdaWith(edit: (r: { timestamp: number[]; quote: Record<string, (number | null)[]>; adj: (number | null)[] }) => void): Recording {
  const rec = recording('nvda');
  const result = (rec.response.bodyJson as { chart: { result: { timestamp: number[]; indicators: { quote: Record<string, (number | null)[]>[]; adjclose: { adjclose: (number | null)[] }[] } }[] } }).chart.result[0]!;
  edit({ timestamp: result.timestamp, quote: result.indicators.quote[0]!, adj: result.indicators.adjclose[0]!.adjclose });
  return rec;
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

describe('yahoo-finance2: public API only', () => {
  it('no module of src/ imports a yahoo-finance2 internal (yahoo-finance2/lib/...)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const deep = files(join(ROOT, 'src')).filter((f) => /['"]yahoo-finance2\//.test(readFileSync(f, 'utf8')));
    expect(deep).toEqual([]);
    expect(readFileSync(join(ROOT, 'src', 'data', 'yahoo.ts'), 'utf8')).toMatch(/import\('yahoo-finance2'\)/);
  });
});

describe('loadYahooPrices on a recorded chart answer (NVDA, 2021-02-01..2022-01-28)', () => {
  it('reads every bar: the same prices and volumes as the bundled fixture, on the NYSE trading days', async () => {
    const yahoo = replay({ NVDA: recording('nvda') });
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch });
    expect(s.symbol).toBe('NVDA');
    expect(s.source).toBe('yahoo:NVDA');
    expect(s.exchangeTimezone).toBe('America/New_York');
    expect(s.rows).toHaveLength(252);
    // The bars fall exactly on the NYSE sessions (no gap, no extra day), dated in New York.
    expect(s.rows.map((r) => r.date)).toEqual(tradingDays(FROM, TO));
    expect(s.notes).toEqual([]);
    expect(s.dropped).toEqual([]);
    // Open, high, low, close and volume are the fixture's numbers exactly (both come from Yahoo).
    const fx = new Map(NVDA_FIXTURE.rows.map((r) => [r.date, r]));
    for (const r of s.rows) {
      const f = fx.get(r.date)!;
      expect([r.open, r.high, r.low, r.close, r.volume], r.date).toEqual([f.open, f.high, f.low, f.close, f.volume]);
    }
    const day = (d: string) => s.rows.find((r) => r.date === d)!;
    expect(day('2021-02-01').close).toBe(13.237000465393066);
    expect(day('2021-07-20').close).toBe(18.61199951171875); // the 4:1 split day, split-adjusted
    expect(day('2021-07-20').adjClose).toBe(18.575544357299805);
    expect(day('2022-01-28').volume).toBe(543774000);
  });

  it('makes one request, the chart URL (no cookie or crumb in yahoo-finance2 3.x), for a period covering from..to', async () => {
    const yahoo = replay({ NVDA: recording('nvda') });
    await loadYahooPrices('nvda', { from: FROM, to: TO, fetch: yahoo.fetch });
    expect(yahoo.urls).toHaveLength(1);
    const url = new URL(yahoo.urls[0]!);
    expect(url.hostname).toBe('query2.finance.yahoo.com');
    expect(url.pathname).toBe('/v8/finance/chart/NVDA');
    expect(url.searchParams.get('interval')).toBe('1d');
    // A day of margin each side in UTC (Yahoo's period2 is exclusive; bars are kept by New York date).
    expect(Number(url.searchParams.get('period1'))).toBe(Date.UTC(2021, 0, 31) / 1000);
    expect(Number(url.searchParams.get('period2'))).toBe(Date.UTC(2022, 0, 30) / 1000);
  });

  it('keeps only the bars whose New York date is within from..to', async () => {
    const s = await loadYahooPrices('NVDA', { from: '2021-07-17', to: '2021-07-21', fetch: replay({ NVDA: recording('nvda') }).fetch });
    expect(s.rows.map((r) => [r.date, r.close])).toEqual([
      ['2021-07-19', 18.77975082397461],
      ['2021-07-20', 18.61199951171875],
      ['2021-07-21', 19.40999984741211],
    ]);
  });

  it('writes the download in the fixture format; it parses back to equal rows', async () => {
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: recording('nvda') }).fetch });
    const text = priceSeriesToCsv(s);
    expect(text.split('\n')[0]).toBe('date,open,high,low,close,adj_close,volume');
    expect(text.split('\n')).toHaveLength(252 + 2);
    expect(parsePriceCsv(text, { file: 'NVDA.csv', symbol: 'NVDA' }).rows).toEqual(s.rows);
  });
});

describe('loadYahooPrices on the recorded AMZN answer (2020-01-02)', () => {
  it('gives back the bundled fixture line byte for byte', async () => {
    const s = await loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: recording('amzn') }).fetch });
    const line = AMZN_TEXT.split('\n').find((l) => l.startsWith('2020-01-02,'))!;
    expect(priceSeriesToCsv(s)).toBe(`date,open,high,low,close,adj_close,volume\n${line}\n`);
    expect(s.notes).toEqual([]);
  });
});

describe('every error path, offline', () => {
  it('no network (a real one): undici refused at a closed local port, as offline', async () => {
    const port = await closedPort();
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, host: `127.0.0.1:${port}` }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(
      `NVDA: cannot reach Yahoo Finance for NVDA (connect ECONNREFUSED 127.0.0.1:${port}): live data needs network access; use the bundled fixtures or --data DIR instead`,
    );
  });

  it('no network: fetch rejects as undici does when DNS fails', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND query2.finance.yahoo.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'query2.finance.yahoo.com' });
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause });
    };
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.where).toEqual({ symbol: 'NVDA' });
    expect(err.message).toBe(
      'NVDA: cannot reach Yahoo Finance for NVDA (getaddrinfo ENOTFOUND query2.finance.yahoo.com): live data needs network access; use the bundled fixtures or --data DIR instead',
    );
  });

  it('gives up after timeoutMs with a NetworkError', async () => {
    const fetch = () => new Promise<Response>(() => undefined); // never answers, ignores the signal
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch, timeoutMs: 50 }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(/NVDA.*no answer within 0.05 s.*network/);
  });

  it('a range Yahoo has no data for (recorded HTTP 400 "Data doesn\'t exist", BEKE before its listing)', async () => {
    const err = await failure(loadYahooPrices('BEKE', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ BEKE: recording('beke') }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      "BEKE: Yahoo returned no daily prices for BEKE between 2020-01-01 and 2020-01-02 (Yahoo said Bad Request: Data doesn't exist for startDate = 1577836800, endDate = 1578009600; the NYSE held 1 session in that range; the symbol may not have traded then)",
    );
  });

  it('a range with no bars (recorded HTTP 200 without timestamps, APS.AX; not a US exchange, so no NYSE reasoning)', async () => {
    const err = await failure(loadYahooPrices('APS.AX', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ 'APS.AX': recording('apsax') }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('APS.AX: Yahoo returned no daily prices for APS.AX between 2020-01-01 and 2020-01-02');
  });

  it('a range with no trading days: the NYSE calendar names each day (derived: the AMZN answer without its bar)', async () => {
    // Derived from the recorded AMZN answer: `timestamp` removed and the indicators emptied to
    // `quote: [{}], adjclose: [{}]`, the shape of Yahoo's recorded empty answer (APS.AX).
    const rec = recording('amzn');
    const result = (rec.response.bodyJson as { chart: { result: Record<string, unknown>[] } }).chart.result[0]!;
    delete result['timestamp'];
    result['indicators'] = { quote: [{}], adjclose: [{}] };
    const err = await failure(loadYahooPrices('AMZN', { from: '2025-01-18', to: '2025-01-20', fetch: replay({ AMZN: rec }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      'AMZN: Yahoo returned no daily prices for AMZN between 2025-01-18 and 2025-01-20 (no NYSE session in that range: 2025-01-18 is a Saturday; 2025-01-19 is a Sunday; 2025-01-20 is a holiday (Martin Luther King Jr. Day))',
    );
  });

  it('an unknown symbol (derived: the recorded 400 turned into Yahoo\'s 404 "Not Found")', async () => {
    // Derived from the recorded BEKE answer: status 404 "Not Found" and Yahoo's error object for an
    // unknown symbol ({"code":"Not Found","description":"No data found, symbol may be delisted"});
    // yahoo-finance2's recordings hold no unknown-symbol chart answer.
    const rec = recording('beke');
    rec.response = { ...rec.response, status: 404, statusText: 'Not Found', bodyJson: { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } } };
    const err = await failure(loadYahooPrices('ZZZQX', { from: FROM, to: TO, fetch: replay({ ZZZQX: rec }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.where).toEqual({ symbol: 'ZZZQX' });
    expect(err.message).toBe('ZZZQX: Yahoo Finance has no daily prices for ZZZQX (Not Found: No data found, symbol may be delisted); check the ticker symbol');
  });

  it('rate limiting (derived: the recorded AMZN answer as HTTP 429 "Too Many Requests")', async () => {
    // Derived from the recorded AMZN answer: status 429 "Too Many Requests", body the plain text
    // "Too Many Requests" (what Yahoo sends when it throttles); no 429 was recorded.
    const rec = recording('amzn');
    rec.response = { ...rec.response, ok: false, status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'text/plain' }, bodyText: 'Too Many Requests\r\n' };
    delete rec.response.bodyJson;
    const err = await failure(loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: rec }).fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(
      'AMZN: Yahoo Finance is rate-limiting requests (HTTP 429 Too Many Requests) for AMZN; wait a few minutes and try again, or use the bundled fixtures or --data DIR instead',
    );
  });

  it('a malformed answer (derived: the recorded AMZN body truncated to 600 bytes)', async () => {
    // Derived from the recorded AMZN answer: the body cut after 600 bytes (a connection dropped mid-body).
    const rec = recording('amzn');
    const body = JSON.stringify(rec.response.bodyJson);
    rec.response = { ...rec.response, bodyText: body.slice(0, 600) };
    delete rec.response.bodyJson;
    const err = await failure(loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: rec }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(
      'AMZN: Yahoo Finance sent a malformed answer for AMZN (600 bytes that are not valid JSON); try again later, or use the bundled fixtures or --data DIR instead',
    );
  });

  it('a server error (derived: the recorded AMZN answer as HTTP 503 with an HTML body)', async () => {
    const rec = recording('amzn');
    rec.response = { ...rec.response, ok: false, status: 503, statusText: 'Service Unavailable', headers: { 'content-type': 'text/html' }, bodyText: '<html>Service unavailable</html>' };
    delete rec.response.bodyJson;
    const err = await failure(loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: rec }).fetch }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe('AMZN: Yahoo Finance answered HTTP 503 Service Unavailable for AMZN; try again later, or use the bundled fixtures or --data DIR instead');
  });

  it('a JSON answer that is not a chart (derived: the AMZN body replaced by {"chart":{"result":[]}})', async () => {
    const rec = recording('amzn');
    rec.response = { ...rec.response, bodyJson: { chart: { result: [], error: null } } };
    const err = await failure(loadYahooPrices('AMZN', { from: '2020-01-01', to: '2020-01-02', fetch: replay({ AMZN: rec }).fetch }));
    expect(err).toBeInstanceOf(DataError);
    // The reason in brackets is yahoo-finance2's own (a V8 TypeError text), so only the sentence is fixed here.
    expect(err.message).toMatch(/^AMZN: Yahoo Finance sent an answer for AMZN that is not a price chart \(.+\)$/);
  });

  it('rejects bad arguments with a UsageError before any request', async () => {
    const yahoo = replay({ NVDA: recording('nvda') });
    expect(await failure(loadYahooPrices('NVDA', { from: '2025-02-30', to: TO, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(await failure(loadYahooPrices('NVDA', { from: TO, to: FROM, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(await failure(loadYahooPrices('NV/DA', { from: FROM, to: TO, fetch: yahoo.fetch }))).toBeInstanceOf(UsageError);
    expect(await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: yahoo.fetch, host: 'http://x/' }))).toBeInstanceOf(UsageError);
    expect(yahoo.urls).toEqual([]);
  });
});

describe('the calendar in the download notes (derived from the recorded NVDA answer)', () => {
  it('a trading day without a bar is named as a data gap, not filled', async () => {
    // Derived: the bar of 2021-03-15 removed from every array.
    const rec = nvdaWith(({ timestamp, quote, adj }) => {
      const i = timestamp.indexOf(1615815000); // 2021-03-15 09:30 New York
      expect(i).toBeGreaterThan(0);
      timestamp.splice(i, 1);
      for (const k of Object.keys(quote)) quote[k]!.splice(i, 1);
      adj.splice(i, 1);
    });
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: rec }).fetch });
    expect(s.rows).toHaveLength(251);
    expect(s.notes).toEqual(['NVDA: no bar for 1 NYSE trading day between 2021-02-01 and 2022-01-28, a data gap left unfilled (2021-03-15 is a trading day)']);
  });

  it('a day listed without any close is dropped, never filled, and the note says it was a trading day', async () => {
    // Derived: every value of 2021-07-20 set to null (Yahoo sends such rows for halted sessions).
    const rec = nvdaWith(({ timestamp, quote, adj }) => {
      const i = timestamp.indexOf(1626787800);
      for (const k of Object.keys(quote)) quote[k]![i] = null;
      adj[i] = null;
    });
    const s = await loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: rec }).fetch });
    expect(s.rows.map((r) => r.date)).not.toContain('2021-07-20');
    expect(s.dropped).toEqual(['2021-07-20']);
    expect(s.notes).toEqual(['NVDA: dropped 1 day that Yahoo listed without a close (2021-07-20 is a trading day); not filled']);
  });

  it('a bar on a day the NYSE was closed is kept and named', async () => {
    // Derived: the last bar's timestamp moved one day later, to Saturday 2022-01-29.
    const rec = nvdaWith(({ timestamp }) => {
      timestamp[timestamp.length - 1] = timestamp[timestamp.length - 1]! + 86_400;
    });
    const s = await loadYahooPrices('NVDA', { from: '2022-01-20', to: '2022-01-31', fetch: replay({ NVDA: rec }).fetch });
    expect(s.rows.map((r) => r.date)).toEqual(['2022-01-20', '2022-01-21', '2022-01-24', '2022-01-25', '2022-01-26', '2022-01-27', '2022-01-29']);
    expect(s.notes).toEqual([
      'NVDA: no bar for 1 NYSE trading day between 2022-01-20 and 2022-01-29, a data gap left unfilled (2022-01-28 is a trading day)',
      'NVDA: 1 bar on days the NYSE was closed, kept as sent (2022-01-29 is a Saturday)',
    ]);
  });

  it('keeps a day with only some fields missing, as nulls', async () => {
    const rec = nvdaWith(({ timestamp, quote }) => {
      const i = timestamp.indexOf(1626787800);
      quote['open']![i] = null;
      quote['volume']![i] = null;
    });
    const s = await loadYahooPrices('NVDA', { from: '2021-07-20', to: '2021-07-20', fetch: replay({ NVDA: rec }).fetch });
    expect(s.rows).toEqual([{ date: '2021-07-20', open: null, high: 18.83799934387207, low: 18.163999557495117, close: 18.61199951171875, adjClose: 18.575544357299805, volume: null }]);
  });

  it('rejects two bars for one day and a non-positive price, naming the day', async () => {
    const twice = nvdaWith(({ timestamp }) => {
      timestamp[1] = timestamp[0]! + 3600; // the second bar stamped 10:30 on 2021-02-01
    });
    const err = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: twice }).fetch }));
    expect(err.message).toBe('NVDA, 2021-02-01: Yahoo Finance sent two daily bars for 2021-02-01; refusing to pick one');
    const zero = nvdaWith(({ quote }) => {
      quote['low']![1] = 0;
    });
    const bad = await failure(loadYahooPrices('NVDA', { from: FROM, to: TO, fetch: replay({ NVDA: zero }).fetch }));
    expect(bad.message).toBe('NVDA, 2021-02-02: low 0.0 is not a positive price (in the download from yahoo:NVDA)');
  });
});

describe('the replay helper itself', () => {
  it('reproduces the recorded status, status text and content type', async () => {
    const res = responseOf(recording('beke'));
    expect([res.status, res.statusText, res.headers.get('content-type')]).toEqual([400, 'Bad Request', 'application/json;charset=utf-8']);
    expect(await res.json()).toEqual({ chart: { result: null, error: { code: 'Bad Request', description: "Data doesn't exist for startDate = 1577836800, endDate = 1578009600" } } });
  });
});

describe('priceSeriesToCsv', () => {
  const [HEADER = ''] = fixture('prices', 'NVDA.csv').split('\n');
  it('reproduces the fixture lines byte for byte', () => {
    const lines = fixture('prices', 'NVDA.csv').split('\n').filter((l) => l >= '2025-01-21' && l < '2025-02-01');
    expect(lines).toHaveLength(9);
    expect(lines.some((l) => l.includes(',129.0,'))).toBe(true); // an integral price, written as the files write it
    const text = `${[HEADER, ...lines].join('\n')}\n`;
    expect(priceSeriesToCsv(parsePriceCsv(text, { file: 'NVDA.csv', symbol: 'NVDA' }))).toBe(text);
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
