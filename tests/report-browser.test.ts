// The flagship report (what `npm start` writes) opened in a real headless Chromium from file://:
// it loads offline with no error and no request, shows every figure as a drawn SVG, and every
// number it shows is the number of the JSON written by the same run, formatted for the language.
import chromium from '@sparticuz/chromium';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium as pw, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportText } from '../src/report/text.js';
import { ROOT, expectClose, tempDir } from './helpers.js';

const run = promisify(execFile);

const FIGURES = ['price-path', 'abnormal-returns', 'car', 'claims', 'peers', 'caar', 'fan', 'simulated-losses', 'estimation-scatter', 'residuals'];
const MINUS = '\u2212';
const NNBSP = '\u202f';

type Lang = 'en' | 'fr';

/** One table cell as the page shows it. */
interface Cell {
  text: string;
  value: string | null;
  na: boolean;
}

interface Loaded {
  lang: Lang;
  dir: string;
  page: Page;
  /** Console errors, page errors, failed requests and requests that leave file://. */
  problems: string[];
  study: any;
  claims: any;
  samples: any;
  counterfactual: any;
  /** The tables of each section, by section number (1-based): rows of cells. */
  tables: (n: number) => Promise<Cell[][]>;
}

let browser: Browser | undefined;
const loaded: Partial<Record<Lang, Loaded>> = {};

async function flagship(lang: Lang): Promise<string> {
  const dir = join(tempDir('sputnik-browser-'), 'out');
  await run(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), 'flagship', '--out', dir, ...(lang === 'fr' ? ['--lang', 'fr'] : [])], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return dir;
}

async function open(b: Browser, lang: Lang, dir: string): Promise<Loaded> {
  const page = await b.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request to ${r.url()}`);
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  const tables = (n: number) =>
    page.$$eval(`#section-${n} table tbody tr`, (trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => ({ text: td.textContent ?? '', value: td.getAttribute('data-value'), na: td.classList.contains('na') })),
      ),
    );
  return {
    lang,
    dir,
    page,
    problems,
    study: JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')),
    claims: JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')),
    samples: JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8')),
    counterfactual: JSON.parse(readFileSync(join(dir, 'counterfactual.json'), 'utf8')),
    tables,
  };
}

beforeAll(async () => {
  const [en, fr, b] = await Promise.all([
    flagship('en'),
    flagship('fr'),
    (async () =>
      pw.launch({
        executablePath: await chromium.executablePath(),
        args: [...chromium.args, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        headless: true,
      }))(),
  ]);
  browser = b;
  loaded.en = await open(b, 'en', en);
  loaded.fr = await open(b, 'fr', fr);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const get = (lang: Lang): Loaded => {
  const l = loaded[lang];
  if (!l) throw new Error(`the ${lang} report was not loaded`);
  return l;
};

const NA_CELL = { text: '—', value: null, na: false };

/** The raw number of a cell (null for an "unknown" cell), checking the cell's kind. */
function num(cell: Cell | undefined, label: string): number | null {
  expect(cell, label).toBeDefined();
  if (cell!.value === null) {
    expect(cell!.na, `${label}: a cell without data-value is an unknown cell`).toBe(true);
    return null;
  }
  const v = Number(cell!.value);
  expect(Number.isFinite(v), `${label}: data-value "${cell!.value}"`).toBe(true);
  // data-value is String(raw number): it round-trips exactly.
  expect(String(v), label).toBe(cell!.value);
  return v;
}

/** Compare a row of numeric cells with the JSON figures (to 1e-12 relative). */
function expectRow(cells: Cell[], from: number, expected: (number | null)[], label: string): void {
  expected.forEach((e, k) => expectClose(num(cells[from + k], `${label}[${from + k}]`), e, 1e-12, 0, `${label}[${from + k}]`));
}

/** The number a formatted cell text shows, read back in the conventions of `lang`. */
function readBack(text: string, lang: Lang): { value: number; decimals: number; percent: boolean; below: boolean } {
  let t = text.trim();
  const below = t.startsWith('<');
  if (below) t = t.slice(1).trim();
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1);
  t = t.replace(/[\s\u00a0\u202f]/g, '').replace(MINUS, '-').replace(/^\+/, '');
  t = lang === 'en' ? t.replace(/,/g, '') : t.replace(',', '.');
  expect(t, `cell text "${text}"`).toMatch(/^-?\d+(\.\d+)?$/);
  const decimals = t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
  return { value: Number(t), decimals, percent, below };
}

describe.each(['en', 'fr'] as const)('the flagship report in a headless browser (%s)', (lang) => {
  it('loads from file:// with no console error, page error, failed or outside request', async () => {
    const l = get(lang);
    expect(await l.page.title()).toMatch(/^NVDA/);
    expect(l.problems).toEqual([]);
  });

  it(`is a ${lang} page with the Content-Security-Policy default-src 'none'`, async () => {
    const { page } = get(lang);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content'));
    expect(csp).toMatch(/(^|;\s*)default-src 'none'(;|$)/);
    expect(await page.$$eval('script:not([type="application/json"]), link[rel="stylesheet"], img, iframe', (els) => els.length)).toBe(0);
  });

  it('shows the 10 figures, in order, each a drawn SVG of real size', async () => {
    const { page } = get(lang);
    expect(await page.$$eval('figure[data-figure]', (fs) => fs.map((f) => f.getAttribute('data-figure')))).toEqual(FIGURES);
    for (const name of FIGURES) {
      const svg = page.locator(`figure[data-figure="${name}"] svg`);
      expect(await svg.count(), name).toBe(1);
      const box = await svg.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.width, `${name} width`).toBeGreaterThan(200);
      expect(box!.height, `${name} height`).toBeGreaterThan(100);
      const marks = await svg.evaluate((s) => s.querySelectorAll('path, rect').length);
      expect(marks, `${name} marks`).toBeGreaterThan(5);
      expect(await svg.evaluate((s) => s.querySelectorAll('text').length), `${name} texts`).toBeGreaterThan(3);
    }
  });

  it("embeds each figure's spec, equal to the run's charts/NAME.vl.json", async () => {
    const l = get(lang);
    const specs = await l.page.$$eval('script.vega-lite-spec', (ss) => ss.map((s) => [s.getAttribute('data-figure'), s.textContent ?? '']));
    expect(specs.map((s) => s[0])).toEqual(FIGURES);
    for (const [name, text] of specs) {
      const spec = JSON.parse(text!);
      expect(spec, name!).toEqual(JSON.parse(readFileSync(join(l.dir, 'charts', `${name}.vl.json`), 'utf8')));
      expect(spec.usermeta?.lang, name!).toBe(lang);
    }
    // The abnormal-returns chart plots the study's own abnormal returns.
    const ar = JSON.parse(specs.find((s) => s[0] === 'abnormal-returns')![1]!);
    expect(ar.data.values.map((r: { ar: number }) => r.ar)).toEqual(l.study.window.map((d: { ar: number }) => d.ar));
  });

  it('dollar table = study.json loss and windowLoss in USD bn', async () => {
    const l = get(lang);
    const rows = await l.tables(1);
    expect(rows).toHaveLength(6);
    const bn = (v: number | null) => (v === null ? null : v / 1e9);
    for (const [i, loss] of [[0, l.study.loss], [3, l.study.windowLoss]] as const) {
      expectRow(rows[i]!, 1, [bn(loss.raw)], `raw row ${i}`);
      expectRow(rows[i + 1]!, 1, [bn(loss.expected)], `expected row ${i + 1}`);
      // Observed and expected falls have no interval by nature: "—", not "unknown".
      for (const r of [rows[i]!, rows[i + 1]!]) expect(r.slice(2)).toEqual([NA_CELL, NA_CELL]);
      expectRow(rows[i + 2]!, 1, [bn(loss.abnormal), bn(loss.abnormalLo), bn(loss.abnormalHi)], `abnormal row ${i + 2}`);
    }
    const text = rows.map((r) => r.slice(1).map((c) => c.text));
    if (lang === 'en') {
      expect(text[0]![0]).toBe('592.66');
      expect(text[2]).toEqual(['467.10', '288.40', '645.80']);
      expect(text[4]![0]).toBe(`${MINUS}156.69`);
      expect(text[5]).toEqual(['570.81', '8.96', '1,132.66']);
    } else {
      expect(text[0]![0]).toBe('592,66');
      expect(text[2]).toEqual(['467,10', '288,40', '645,80']);
      expect(text[4]![0]).toBe(`${MINUS}156,69`);
      expect(text[5]).toEqual(['570,81', '8,96', `1${NNBSP}132,66`]);
    }
  });

  it('window table = study.json window rows', async () => {
    const l = get(lang);
    const rows = await l.tables(2);
    expect(rows).toHaveLength(l.study.window.length);
    expect(rows).toHaveLength(11);
    l.study.window.forEach((d: any, i: number) => {
      expect(rows[i]![0]!.text).toBe(d.date);
      expectRow(rows[i]!, 1, [d.offset, d.return, d.marketReturn, d.expected, d.ar, d.t, d.p, d.car, d.close], `window ${d.date}`);
    });
    const day0 = rows[5]!.map((c) => c.text);
    expect(day0).toEqual(
      lang === 'en'
        ? ['2025-01-27', '0', `${MINUS}16.97%`, `${MINUS}1.41%`, `${MINUS}3.59%`, `${MINUS}13.37%`, `${MINUS}5.15`, '< 0.0001', `${MINUS}14.83%`, '118.42']
        : ['2025-01-27', '0', `${MINUS}16,97${NNBSP}%`, `${MINUS}1,41${NNBSP}%`, `${MINUS}3,59${NNBSP}%`, `${MINUS}13,37${NNBSP}%`, `${MINUS}5,15`, '< 0,0001', `${MINUS}14,83${NNBSP}%`, '118,42'],
    );
  });

  it("claims table = claims.json reconciliations (USD in bn, percentages in points)", async () => {
    const l = get(lang);
    const rows = await l.tables(3);
    const recs = l.claims.reconciliations;
    expect(rows).toHaveLength(recs.length);
    expect(rows).toHaveLength(5);
    recs.forEach((r: any, i: number) => {
      const u = (v: number | null) => (v === null ? null : r.claim.unit === 'USD' ? v / 1e9 : v);
      expect(rows[i]![0]!.text).toBe(r.claim.id);
      expect(rows[i]![2]!.text).toBe(r.claim.text);
      expectRow(rows[i]!, 5, [u(r.claim.value)], `claim ${r.claim.id} quoted`);
      expectRow(rows[i]!, 7, [u(r.observed), u(r.gap), r.gapPct], `claim ${r.claim.id} observed, gap, gap %`);
    });
    const first = rows[0]!.map((c) => c.text);
    expect([first[5], first[7], first[8], first[9]]).toEqual(lang === 'en' ? ['600.00', '592.66', '+7.34', '+1.2'] : ['600,00', '592,66', '+7,34', '+1,2']);
  });

  it('wire table = claims.json wire checks (implied shares in bn)', async () => {
    const l = get(lang);
    const rows = await l.tables(4);
    const checks = l.claims.wire.checks;
    expect(rows).toHaveLength(checks.length);
    expect(rows).toHaveLength(2);
    checks.forEach((c: any, i: number) => {
      // French reports translate the outlets' descriptions (issue 12).
      expect(rows[i]![0]!.text).toBe(lang === 'fr' ? reportText('fr').outlet(c.outlet) : c.outlet);
      expectRow(rows[i]!, 1, [c.value / 1e9, c.priceChange, c.impliedShares / 1e9, c.filingShares === null ? null : c.filingShares / 1e9], c.outlet);
    });
    expect(rows.map((r) => r[3]!.text)).toEqual(lang === 'en' ? ['24.339', '24.504'] : ['24,339', '24,504']);
  });

  it('peers table = claims.json event-day figures of every basket firm', async () => {
    const l = get(lang);
    const rows = await l.tables(5);
    const days = l.claims.days;
    expect(rows.map((r) => r[0]!.text).sort()).toEqual(Object.keys(days).sort());
    for (const r of rows) {
      const d = days[r[0]!.text];
      expectRow(r, 1, [d.return, d.ar, d.raw === null ? null : d.raw / 1e9], `peer ${d.symbol}`);
    }
  });

  it('groups table = samples.json: AAR of the event day and the CAARs, each with n and the KP p', async () => {
    const l = get(lang);
    const rows = await l.tables(6);
    const groups = l.samples.groups;
    expect(rows).toHaveLength(groups.length);
    groups.forEach((g: any, i: number) => {
      const d0 = g.days.find((d: any) => d.offset === 0);
      const near = g.windows.find((w: any) => w.from === -1 && w.to === 1);
      expect(rows[i]![0]!.text).toBe(lang === 'en' ? g.label : ['Semi-conducteurs', 'Infrastructure de l’IA et énergie', 'Géants de la tech'][i]);
      expectRow(rows[i]!, 1, [g.counts.studied, d0.aar, d0.n, d0.tests.kolariPynnonen.p, near.value, near.n, near.tests.kolariPynnonen.p], `group ${g.group}`);
      expectRow(rows[i]!, 8, [g.caar.value, g.caar.n, g.caar.tests.kolariPynnonen.p], `group ${g.group} window`);
    });
  });

  it('simulation tables = counterfactual.json: the loss percentiles and each quoted figure\'s probability', async () => {
    const l = get(lang);
    const rows = await l.tables(7);
    const cf = l.counterfactual;
    expect(rows).toHaveLength(2 + cf.claims.length);
    expectRow(rows[0]!, 1, [cf.loss.noNews.p05 / 1e9, cf.loss.noNews.p50 / 1e9, cf.loss.noNews.p95 / 1e9], 'no-news fall');
    expectRow(rows[1]!, 1, [cf.loss.abnormal.p05 / 1e9, cf.loss.abnormal.p50 / 1e9, cf.loss.abnormal.p95 / 1e9], 'abnormal loss');
    cf.claims.forEach((c: any, i: number) => {
      expect(rows[2 + i]![0]!.text).toBe(c.id);
      expectRow(rows[2 + i]!, 1, [c.usd / 1e9, c.returnNeeded, c.probability, c.upper95, c.analytic], `claim ${c.id}`);
    });
  });

  it('model table = study.json estimation coefficients, sigma and R²', async () => {
    const l = get(lang);
    const rows = await l.tables(8);
    const e = l.study.estimation;
    expect(rows).toHaveLength(e.coefficients.length + 2);
    e.coefficients.forEach((c: any, i: number) => {
      expect(rows[i]![0]!.text).toBe(c.name);
      expectRow(rows[i]!, 1, [c.value, c.se, c.t, c.p, c.lo, c.hi], `coefficient ${c.name}`);
    });
    // sigma and R² have no test or interval by nature: "—", not "unknown" (changed on purpose, issue 12).
    expectRow(rows[e.coefficients.length]!, 1, [e.sigma], 'sigma');
    expectRow(rows[e.coefficients.length + 1]!, 1, [e.r2], 'R²');
    for (const r of rows.slice(e.coefficients.length)) expect(r.slice(2)).toEqual([NA_CELL, NA_CELL, NA_CELL, NA_CELL, NA_CELL]);
  });

  it('every number shown reads back as its data-value at the precision shown, written the language’s way', async () => {
    const { page } = get(lang);
    const cells = await page.$$eval('td.num', (tds) => tds.map((td) => ({ text: td.textContent ?? '', value: td.getAttribute('data-value') ?? '' })));
    expect(cells.length).toBeGreaterThan(150);
    for (const c of cells) {
      const v = Number(c.value);
      // Negative numbers use the minus sign, never a hyphen.
      expect(c.text, c.value).not.toMatch(/-/);
      if (lang === 'fr') expect(c.text, c.value).not.toMatch(/\d\.\d/);
      else expect(c.text, c.value).not.toMatch(/\d,\d{1,2}(?!\d)/);
      const shown = readBack(c.text, lang);
      const scaled = shown.percent ? v * 100 : v;
      if (shown.below) {
        expect(v, c.text).toBeGreaterThan(0);
        expect(v, c.text).toBeLessThan(shown.value);
      } else {
        const tol = 0.5 * 10 ** -shown.decimals;
        expect(Math.abs(scaled - shown.value), `"${c.text}" for ${c.value}`).toBeLessThanOrEqual(tol * (1 + 1e-9) + 1e-12);
      }
    }
  });

  it('takes a screenshot (a PNG of non-trivial size)', async () => {
    const { page } = get(lang);
    const file = join(tempDir('sputnik-shot-'), `report-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1000); // width
    expect(png.readUInt32BE(20)).toBeGreaterThan(3000); // full-page height
    expect(statSync(file).size).toBeGreaterThan(50_000);
  });
}, 60_000);

describe('the report page in a headless browser: Content-Security-Policy', () => {
  it('blocks a fetch and an image from the network (the policy is in force, not only written)', async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(pathToFileURL(join(get('en').dir, 'report.html')).href);
      const violations = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const seen: string[] = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              seen.push(e.effectiveDirective);
              if (seen.length === 2) resolve(seen.sort());
            });
            fetch('http://127.0.0.1:9/x').catch(() => undefined);
            const img = new Image();
            img.src = 'http://127.0.0.1:9/x.png';
            setTimeout(() => resolve(seen.sort()), 5000);
          }),
      );
      expect(violations).toEqual(['connect-src', 'img-src']);
    } finally {
      await page.close();
    }
  });
}, 60_000);
