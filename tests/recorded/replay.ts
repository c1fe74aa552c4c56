/**
 * Replaying the recorded Yahoo responses of tests/recorded/ (see README.md there): each file is
 * a request and the response Yahoo gave, as yahoo-finance2's own test suite saved them. The
 * response becomes a `Response` with the recorded status, status text, headers and body; a
 * `fetch` built from recordings answers the requests they were recorded for and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const RECORDED_DIR = fileURLToPath(new URL('.', import.meta.url));

/** A recorded exchange, in the format of yahoo-finance2's fetch cache. */
export interface Recording {
  request: { url: string; method?: string; headers?: Record<string, string> };
  response: {
    ok: boolean;
    status: number;
    statusText: string;
    headers: Record<string, string | string[]>;
    bodyJson?: unknown;
    bodyText?: string;
  };
}

/** The files, by what they hold. */
export const RECORDINGS = {
  /** NVDA daily bars 2021-02-01..2022-01-28 (252 sessions, the 4:1 split of 2021-07-20), recorded 2025-02-22. */
  nvda: 'historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json',
  /** AMZN's bar of 2020-01-02 (split-adjusted), recorded 2025-02-20. */
  amzn: 'chart-AMZN-2020-01-01-to-2020-01-03.json',
  /** HTTP 400 "Data doesn't exist for startDate = 1577836800, endDate = 1578009600": BEKE before its listing, recorded 2021-11-21. */
  beke: 'chart-BEKE-2020-01-01-to-2020-01-03.json',
  /** HTTP 200 with no timestamps and `quote: [{}]`: APS.AX had no bars in the range, recorded 2022-05-02. */
  apsax: 'chart-APS.AX-2020-01-01-to-2020-01-03.json',
} as const;

/** A recording, parsed (a fresh copy on each call, so a test may change it). */
export function recording(name: keyof typeof RECORDINGS): Recording {
  return JSON.parse(readFileSync(join(RECORDED_DIR, RECORDINGS[name]), 'utf8')) as Recording;
}

/** The symbol a chart request is for (`/v8/finance/chart/NVDA?...` → `NVDA`). */
export function chartSymbol(url: string): string | undefined {
  const m = /\/v8\/finance\/chart\/([^?]+)/.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/**
 * The recorded response as a `Response`. The body is `bodyText` as recorded, or `bodyJson`
 * serialized compactly (which reproduces the recorded content-length of every file here: Yahoo
 * sends compact JSON). Multi-valued headers are joined; `content-length` and `content-encoding`
 * are left out (the body is already decoded).
 */
export function responseOf(rec: Recording): Response {
  const { status, statusText, headers, bodyJson, bodyText } = rec.response;
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'content-length' || k === 'content-encoding') continue;
    h.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const body = bodyText ?? JSON.stringify(bodyJson);
  return new Response(body, { status, statusText, headers: h });
}

/**
 * A `fetch` that answers chart requests from recordings, keyed by symbol, and records every URL
 * asked. A request for anything else is an error (the loader must make no other request).
 */
export function replay(bySymbol: Record<string, Recording>) {
  const urls: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(href);
    const symbol = chartSymbol(href);
    const rec = symbol !== undefined ? bySymbol[symbol] : undefined;
    if (!rec) throw new Error(`no recording for ${href}`);
    return responseOf(rec);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, urls };
}
