import { join, sep } from 'node:path';
import { claimsReport } from '../claims/report.js';
import { UsageError } from '../errors.js';
import { formatClaims } from '../report/claims-text.js';
import { studyReportFiles } from '../report/study-report.js';
import { studySummary } from '../report/summary.js';
import { FLAGSHIP } from '../study/defaults.js';
import { eventStudy } from '../study/load.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { langOption, parse, progress } from './args.js';
import { jsonText } from './output.js';
import { studyFiles } from './study.js';

export const FLAGSHIP_HELP = `sputnik flagship: the flagship study (NVDA vs SPY, 2025-01-27, market model, estimation [-260,-11], window [-5,5]) on the bundled fixtures

Usage: sputnik flagship [--out DIR] [--lang en|fr]

Prints the study and the claims summaries and writes, under DIR (default: out):
  study.json, window.csv, claims.json   the results (the JSON contract of sputnik study)
  report.html                           the self-contained report (opens from file://, offline)
  charts/NAME.vl.json|.svg|.png         every chart: price-path, abnormal-returns, car, claims,
                                        peers, estimation-scatter, residuals
--lang fr writes the report and the charts in French (numbers the French way).`;

/** `sputnik flagship` (what `npm start` runs). */
export async function flagshipCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return FLAGSHIP_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik flagship --help)`);
  const dir = (values.out as string | undefined) ?? 'out';
  const lang = langOption(values.lang);
  const [study, claims] = await Promise.all([eventStudy({ ...FLAGSHIP }), claimsReport()]);
  progress('Rendering the report and the charts...');
  const files = [
    ...studyFiles(study, dir),
    { path: join(dir, 'claims.json'), data: jsonText(claims) },
    ...(await studyReportFiles(study, dir, { claims, lang })),
  ];
  await writeFilesAtomic(files);
  const charts = files.filter((f) => f.path.endsWith('.svg')).length;
  const listed = files.filter((f) => !f.path.includes(`${sep}charts${sep}`)).map((f) => f.path);
  return [studySummary(study), formatClaims(claims), `Wrote ${listed.join(', ')} and ${charts} charts in ${join(dir, 'charts')} (.vl.json, .svg, .png)`].join('\n\n');
}
