import { SputnikError, UsageError } from '../errors.js';
import { claimsCommand } from './claims.js';
import { fetchCommand } from './fetch.js';
import { flagshipCommand } from './flagship.js';
import { studyCommand } from './study.js';
import { VERSION } from '../version.js';

const HELP = `sputnik: market-impact event studies (sputnik-study)

Usage: sputnik <command> [options]

Commands:
  study      a single-firm event study (abnormal returns, CAR, tests, dollar impact)
  claims     the quoted loss figures of the articles beside what the prices show
  fetch      download prices from Yahoo Finance into fixture-format files (network)
  flagship   the flagship study of NVIDIA on 27 January 2025: summary, out/ files (npm start)

Run "sputnik <command> --help" for a command's options.`;

const COMMANDS: Record<string, (args: readonly string[]) => Promise<string>> = {
  study: studyCommand,
  claims: claimsCommand,
  fetch: fetchCommand,
  flagship: flagshipCommand,
};

/** Run the command line; resolves to the exit code. Output goes to stdout, errors (one line) to stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (command === '--version' || command === '-v') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}" (expected ${Object.keys(COMMANDS).join(', ')}; see sputnik --help)`);
    const text = await run(rest);
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return 0;
  } catch (err) {
    if (err instanceof SputnikError) {
      process.stderr.write(`sputnik: ${err.message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
    const e = err as Error;
    process.stderr.write(`sputnik: internal error: ${(e?.message ?? String(err)).split('\n')[0]}\n`);
    if (process.env.SPUTNIK_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    return 70;
  }
}
