import { join } from 'node:path';
import { formatClaims } from '../claims/format.js';
import { claimsReport } from '../claims/report.js';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { eventStudy } from '../study/load.js';
import { FLAGSHIP } from '../study/study.js';
import { parse } from './args.js';
import { jsonText } from './output.js';
import { studyFiles } from './study.js';

export const FLAGSHIP_HELP = `sputnik flagship: the flagship study (NVDA vs SPY, 2025-01-27, market model, estimation [-260,-11], window [-5,5]) on the bundled fixtures

Usage: sputnik flagship [--out DIR]

Prints the study and the claims summaries and writes DIR/study.json, DIR/window.csv and
DIR/claims.json (default DIR: out).`;

/** `sputnik flagship` (what `npm start` runs). */
export async function flagshipCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return FLAGSHIP_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik flagship --help)`);
  const dir = (values.out as string | undefined) ?? 'out';
  const [study, claims] = await Promise.all([eventStudy({ ...FLAGSHIP }), claimsReport()]);
  const files = [...studyFiles(study, dir), { path: join(dir, 'claims.json'), data: jsonText(claims) }];
  await writeFilesAtomic(files);
  return [study.summary(), formatClaims(claims), `Wrote ${files.map((f) => f.path).join(', ')}`].join('\n\n');
}
