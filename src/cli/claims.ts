import { claimsReport, DEFAULT_BASKET } from '../claims/report.js';
import { formatClaims } from '../report/claims-text.js';
import { UsageError } from '../errors.js';
import { writeFilesAtomic } from '../util/atomic.js';
import { join } from 'node:path';
import { parse } from './args.js';
import { jsonText } from './output.js';

export const CLAIMS_HELP = `sputnik claims: the loss figures quoted in the articles (seeds/) beside what the prices show

Usage: sputnik claims [--json] [--basket A,B,C] [--data DIR] [--out DIR]

  --json           print the report as one JSON object (claims, reconciliations, wire-service check)
  --basket LIST    the firms that stand for "NVIDIA and other tech giants" (default ${DEFAULT_BASKET.join(',')})
  --data DIR       read DIR/SYMBOL.csv instead of the bundled fixtures
  --out DIR        also write DIR/claims.json
  -h, --help       this help`;

/** `sputnik claims`. */
export async function claimsCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    basket: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return CLAIMS_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik claims --help)`);
  const basket = values.basket !== undefined ? (values.basket as string).split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) : undefined;
  if (basket && basket.length === 0) throw new UsageError('--basket needs at least one ticker');
  const report = await claimsReport({ dataDir: values.data as string | undefined, basket });
  if (values.out) await writeFilesAtomic([{ path: join(values.out as string, 'claims.json'), data: jsonText(report) }]);
  return values.json ? JSON.stringify(report) : formatClaims(report);
}
