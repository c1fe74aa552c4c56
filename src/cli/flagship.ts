import { join, sep } from 'node:path';
import { claimsReport, loadRegistry, quotedLosses } from '../claims/report.js';
import { loadPanel } from '../panel/load.js';
import { samplesOverviewText } from '../report/sample-text.js';
import { groupSymbols, runGroups } from '../samples/by-group.js';
import { counterfactualText } from '../report/simulate-text.js';
import { simulateCounterfactual } from '../simulate/counterfactual.js';
import { UsageError } from '../errors.js';
import { formatClaims } from '../report/claims-text.js';
import { chartThread, type ChartThread } from '../report/chart-thread.js';
import { reportCharts, studyReportFiles } from '../report/study-report.js';
import { studySummary } from '../report/summary.js';
import { FLAGSHIP } from '../study/defaults.js';
import { eventStudy } from '../study/load.js';
import { writeFilesAtomic } from '../util/atomic.js';
import type { Lang } from '../util/format.js';
import { langOption, parse, progress } from './args.js';
import { jsonText } from './output.js';
import { sampleJson } from './sample.js';
import { studyFiles } from './study.js';

export const FLAGSHIP_HELP = `sputnik flagship: the flagship study (NVDA vs SPY, 2025-01-27, market model, estimation [-260,-11], window [-5,5]) on the bundled fixtures

Usage: sputnik flagship [--out DIR] [--lang en|fr]

Prints the study and the claims summaries and writes, under DIR (default: out):
  study.json, window.csv, claims.json   the results (the JSON contract of sputnik study)
  samples.json                          the groups as samples (semiconductors, AI infrastructure
                                        and power, big tech): AAR, CAAR and the ten tests
  counterfactual.json                   NVIDIA without the news: 10,000 simulated paths (seed 1),
                                        the chance of each quoted fall, SQ test, bootstrap CAR
  report.html                           the self-contained report (opens from file://, offline)
  charts/NAME.vl.json|.svg|.png         every chart: price-path, abnormal-returns, car, claims,
                                        peers, caar, fan, simulated-losses, estimation-scatter,
                                        residuals
--lang fr writes the report and the charts in French (numbers the French way).`;

/** `sputnik flagship` (what `npm start` runs). */
export async function flagshipCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return FLAGSHIP_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik flagship --help)`);
  const dir = (values.out as string | undefined) ?? 'out';
  const lang = langOption(values.lang);
  // Vega loads on its own thread while the statistics run here (`chart-thread.ts`).
  const thread = chartThread();
  try {
    return await flagship(dir, lang, thread);
  } finally {
    await thread.close();
  }
}

async function flagship(dir: string, lang: Lang, thread: ChartThread): Promise<string> {
  // claims.json is read once: the claims report and the quoted losses of the simulation share it.
  const registryRead = loadRegistry();
  const [study, claims] = await Promise.all([eventStudy({ ...FLAGSHIP }), registryRead.then((reg) => claimsReport({ registry: reg }))]);
  // The study's and the claims' charts are drawn (on the chart thread) while the samples and the
  // simulation run here; the report asks for them again below and gets the same drawings.
  for (const spec of Object.values(reportCharts(study, { claims, lang }))) void thread.draw(spec);
  const [groupsPanel, registry] = await Promise.all([loadPanel({ symbols: groupSymbols(FLAGSHIP.market) }), registryRead]);
  const { firm: _firm, ...design } = FLAGSHIP;
  const samples = runGroups(groupsPanel, design);
  progress('Simulating 10,000 no-news paths...');
  const counterfactual = await simulateCounterfactual(study, { trials: 10_000, seed: 1, claims: quotedLosses(registry, study.firm) });
  progress('Rendering the report and the charts...');
  const files = [
    ...studyFiles(study, dir),
    { path: join(dir, 'claims.json'), data: jsonText(claims) },
    { path: join(dir, 'samples.json'), data: jsonText({ groups: samples.map((g) => ({ label: g.group.label, ...sampleJson(g.group.name, g.group.name, g.result) })) }) },
    { path: join(dir, 'counterfactual.json'), data: jsonText(counterfactual) },
    ...(await studyReportFiles(study, dir, { claims, lang, samples, counterfactual, thread })),
  ];
  await writeFilesAtomic(files);
  const charts = files.filter((f) => f.path.endsWith('.svg')).length;
  const listed = files.filter((f) => !f.path.includes(`${sep}charts${sep}`)).map((f) => f.path);
  const spread = `How far the shock spread (each group as a sample against ${FLAGSHIP.market}; KP = Kolari-Pynnonen p):\n${samplesOverviewText(samples.map((g) => ({ name: g.group.label, result: g.result })))}`;
  return [studySummary(study), formatClaims(claims), spread, counterfactualText(counterfactual), `Wrote ${listed.join(', ')} and ${charts} charts in ${join(dir, 'charts')} (.vl.json, .svg, .png)`].join('\n\n');
}
