// The examples are documentation: run them and check the figures they print.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const run = (file: string, args: string[] = []) => spawnSync(process.execPath, [join(ROOT, 'examples', file), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('examples', () => {
  it('flagship-study.mjs prints the flagship figures', () => {
    const r = run('flagship-study.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2025-01-27\s+0\s+-16\.968 %/);
    expect(r.stdout).toMatch(/observed \(raw\)\s+592\.66 bn/);
    expect(r.stdout).toMatch(/CAR \[-1, 1\] = -9\.46 %/);
  });
  it('any-firm.mjs reports a typed error for an unknown ticker', () => {
    const r = run('any-firm.mjs', ['NOPE']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^DataError: .*NOPE.csv \(NOPE\): no price file/);
  });
  it('claims.mjs gives a verdict per market-move claim', () => {
    const r = run('claims.mjs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/004-03: "près de 590 milliards de dollars" -> within rounding/);
  });
});

describe('examples that write charts', () => {
  it('charts.mjs writes every chart as Vega-Lite JSON, SVG and PNG', () => {
    const dir = tempDir();
    const r = run('charts.mjs', [dir, 'fr']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const names = ['abnormal-returns', 'basket-returns', 'car', 'claims', 'estimation-scatter', 'peers', 'price-path', 'residuals'];
    expect(readdirSync(dir).sort()).toEqual(names.flatMap((n) => [`${n}.png`, `${n}.svg`, `${n}.vl.json`]).sort());
    for (const n of names) {
      const spec = JSON.parse(readFileSync(join(dir, `${n}.vl.json`), 'utf8')) as { usermeta: { lang: string } };
      expect(spec.usermeta.lang).toBe('fr');
      expect(readFileSync(join(dir, `${n}.svg`), 'utf8')).toMatch(/^<svg /);
      expect(readFileSync(join(dir, `${n}.png`)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }
  });

  it('flagship.ipynb is a Deno notebook whose cells run and whose shown values display themselves', () => {
    const nb = JSON.parse(readFileSync(join(ROOT, 'examples', 'flagship.ipynb'), 'utf8')) as {
      nbformat: number;
      metadata: { kernelspec: { name: string } };
      cells: { cell_type: string; id: string; source: string[] }[];
    };
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec.name).toBe('deno');
    expect(new Set(nb.cells.map((c) => c.id)).size).toBe(nb.cells.length);
    // Run the code cells as one module, as the kernel would, keeping each cell's last
    // expression (what the notebook shows) and asking it for its MIME bundle.
    const dist = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
    const body = nb.cells
      .filter((c) => c.cell_type === 'code')
      .map((c) => {
        const lines = c.source.join('').replace("'../dist/index.js'", `'${dist}'`).split('\n');
        // The notebook's convention: a cell's last line without ';' is the value it shows.
        const last = lines.length - 1;
        if (!lines[last]!.endsWith(';')) lines[last] = `shown.push(${lines[last]});`;
        return lines.join('\n');
      })
      .join('\n');
    const script = `const shown = [];\n${body}\nconst out = [];\nfor (const v of shown) {\n  const f = v?.[Symbol.for('Jupyter.display')];\n  out.push(f ? Object.keys(await f.call(v)).sort() : typeof v);\n}\nconsole.log(JSON.stringify(out));\n`;
    const file = join(tempDir(), 'notebook.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const bundles = JSON.parse(r.stdout.trim().split('\n').pop()!) as (string[] | string)[];
    const rich = ['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain'];
    // study, loss figures, price path, CAR, French scatter, claims report, verdicts
    expect(bundles).toEqual([rich, 'object', rich, rich, rich, rich, 'object']);
    expect(r.stdout).toMatch(/Event study: NVDA vs SPY, event 2025-01-27/);
  });
});
