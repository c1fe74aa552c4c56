// `sputnik study --firms A,B,C` and `--group NAME`: the sample contract of DESIGN.md.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCommandResult } from '../src/cli/sample.js';
import { studyCommand } from '../src/cli/study.js';
import { UsageError } from '../src/errors.js';
import { loadPanel } from '../src/panel/load.js';
import { groupMembers, runSample, SAMPLE_TEST_NAMES } from '../src/samples/index.js';
import { ROOT, tempDir } from './helpers.js';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-cli.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every test object of the contract: exactly the ten keys, each { stat, p } with finite numbers or null. */
function expectContractTests(tests: Record<string, unknown>, where: string) {
  expect(Object.keys(tests), where).toEqual([...SAMPLE_TEST_NAMES]);
  for (const name of SAMPLE_TEST_NAMES) {
    const t = tests[name] as { stat: number; p: number } | null;
    if (t === null) continue;
    expect(Object.keys(t), `${where} ${name}`).toEqual(['stat', 'p']);
    expect(Number.isFinite(t.stat) && t.p >= 0 && t.p <= 1, `${where} ${name}`).toBe(true);
  }
}

describe('sputnik study --group / --firms (command line)', () => {
  it('--group semiconductors --json prints the sample contract', async () => {
    const r = cli(['study', '--group', 'semiconductors', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['days', 'caar', 'firms', 'windows', 'counts', 'notes', 'market', 'model', 'returns', 'eventDate']));
    expect(j.group).toBe('semiconductors');
    expect(j.market).toBe('SPY');
    expect(j.firms.map((f: any) => f.symbol)).toEqual(groupMembers('semiconductors'));
    expect(j.days).toHaveLength(11);
    for (const d of j.days) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['date', 'offset', 'aar', 'n', 'tests']));
      expectContractTests(d.tests, `day ${d.offset}`);
    }
    expectContractTests(j.caar.tests, 'caar');
    for (const w of j.windows) expectContractTests(w.tests, `[${w.from}, ${w.to}]`);
    const d0 = j.days.find((d: any) => d.offset === 0);
    expect([d0.date, d0.n]).toEqual(['2025-01-27', 8]);
    // the same numbers as the library on the same panel (JSON keeps every digit of a double)
    const panel = await loadPanel({ symbols: [...groupMembers('semiconductors'), 'SPY'] });
    const lib = runSample(panel, { firms: groupMembers('semiconductors') });
    expect(d0.aar).toBe(lib.days[5]!.aar);
    expect(d0.tests).toEqual(lib.days[5]!.tests);
    expect(j.caar).toEqual(JSON.parse(JSON.stringify(lib.caar)));
    expect(d0.aar).toBeCloseTo(-0.09175, 5);
  });

  it('usage errors exit 2 with one line and print nothing on stdout', () => {
    for (const [args, msg] of [
      [['--firms', 'NVDA,AMD', '--group', 'big-tech'], 'give --firms or --group, not both'],
      [['--group', 'chips'], 'unknown group "chips" (the groups are semiconductors, ai-infrastructure, big-tech)'],
    ] as const) {
      const r = cli(['study', ...args, '--json']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`sputnik: ${msg}\n`);
    }
  });

  it('a ticker without a price file is a data error (exit 1)', () => {
    const r = cli(['study', '--firms', 'NVDA,NOPE', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sputnik: .*NOPE.*no price file/);
  });
});

describe('studyCommand with --firms / --group (in process)', () => {
  it('a sample of one firm: AAR = the single study\'s AR, CAAR = its CAR', async () => {
    const single = JSON.parse(await studyCommand(['--firm', 'NVDA', '--json']));
    const sample = JSON.parse(await studyCommand(['--firms', 'NVDA', '--json']));
    expect(sample.days.map((d: any) => d.aar)).toEqual(single.window.map((d: any) => d.ar));
    expect(sample.days.map((d: any) => d.date)).toEqual(single.window.map((d: any) => d.date));
    expect(sample.caar.value).toBeCloseTo(single.car.value, 14);
    expect(sample.firms[0].loss0).toBeCloseTo(single.loss.abnormal, 0);
    // one firm: the cross-sectional tests are null, and a note says why
    expect(sample.days[5].tests.crossSectionalT).toBeNull();
    expect(sample.days[5].notes.some((n: any) => n.test === 'crossSectionalT')).toBe(true);
  });

  it('passes the design through: market, model, returns, windows, gap policy, own event dates', async () => {
    const j = JSON.parse(
      await studyCommand(['--firms', 'nvda,AMD@2024-07-31,msft', '--market', 'QQQ', '--model', 'market-adjusted', '--returns', 'log', '--estimation=-120,-11', '--window=-2,2', '--gaps', 'multi-day', '--car=0,1', '--json']),
    );
    expect(j.design).toMatchObject({ market: 'QQQ', model: 'market-adjusted', returns: 'log', estimation: [-120, -11], window: [-2, 2], gaps: 'multi-day', carWindow: [0, 1] });
    expect(j.firms.map((f: any) => [f.symbol, f.eventDate])).toEqual([['NVDA', '2025-01-27'], ['AMD', '2024-07-31'], ['MSFT', '2025-01-27']]);
    expect(j.clustered).toBe(false);
    expect(j.eventDate).toBeNull();
    expect(j.days.every((d: any) => d.date === null)).toBe(true);
    expect([j.caar.from, j.caar.to]).toEqual([0, 1]);
    expect(j.windows.map((w: any) => [w.from, w.to])).toEqual([[0, 0], [0, 1], [-1, 1]]);
  });

  it('--data DIR and --out DIR (sample.json, sample-days.csv)', async () => {
    const data = tempDir();
    for (const s of ['MSFT', 'META', 'SPY']) copyFileSync(join(ROOT, 'fixtures', 'prices', `${s}.csv`), join(data, `${s}.csv`));
    const out = tempDir();
    const text = await studyCommand(['--firms', 'MSFT,META', '--data', data, '--out', out]);
    expect(text).toMatch(/^Samples of firms/);
    expect(text).toContain('Sample: sample, 2 firm(s)');
    const j = JSON.parse(readFileSync(join(out, 'sample.json'), 'utf8'));
    expect(j.firms.map((f: any) => f.symbol)).toEqual(['MSFT', 'META']);
    const csv = readFileSync(join(out, 'sample-days.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(['offset', 'date', 'aar', 'n', ...SAMPLE_TEST_NAMES.flatMap((t) => [`${t}_stat`, `${t}_p`])].join(','));
    expect(csv).toHaveLength(12);
    expect(Number(csv[6]!.split(',')[2])).toBe(j.days[5].aar);
  });

  it('options of a single-firm study are usage errors with a sample', async () => {
    await expect(studyCommand(['--group', 'big-tech', '--firm', 'NVDA'])).rejects.toThrow(UsageError);
    await expect(studyCommand(['--group', 'big-tech', '--shares', '100'])).rejects.toThrow(/single firm's count/);
    await expect(studyCommand(['--group', 'big-tech', '--report', '--out', tempDir()])).rejects.toThrow(/single-firm report/);
    await expect(studyCommand(['--firms', 'NVDA@27-01-2025'])).rejects.toThrow(/not a valid YYYY-MM-DD/);
    await expect(studyCommand(['--firms', 'NVDA@2025-01-27@x'])).rejects.toThrow(/SYMBOL or SYMBOL@YYYY-MM-DD/);
    await expect(studyCommand(['--group', 'big-tech', '--gaps', 'zero'])).rejects.toThrow(/--gaps "zero"/);
  });

  it('the text names the groups that moved and how significantly', async () => {
    const { text, json } = await sampleCommandResult({ group: 'big-tech' });
    expect(text).toContain('big-tech');
    expect(text).toContain('AAR day 0');
    expect(text).toContain('All tests, day 0');
    expect(json.counts).toEqual({ requested: 4, studied: 4, excluded: 0 });
  });

  it('--help names the two options', async () => {
    const help = await studyCommand(['--help']);
    expect(help).toContain('--firms A,B,C');
    expect(help).toContain('--group NAME');
  });
});
