import { SputnikError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';

const HELP = `sputnik: market-impact event studies (sputnik-study)

Usage: sputnik <command> [options]

Commands:
  study      a single-firm event study (abnormal returns, CAR, tests, dollar impact)
  claims     the quoted loss figures of the articles beside what the prices show
  fetch      download prices from Yahoo Finance into fixture-format files (network)
  flagship   the flagship study of NVIDIA on 27 January 2025: summary, out/ files (npm start)

Run "sputnik <command> --help" for a command's options.`;

type Command = (args: readonly string[]) => Promise<string>;

/** Each command's module, loaded only when that command runs: a command pays only for what it uses. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  study: async () => (await import('./study.js')).studyCommand,
  claims: async () => (await import('./claims.js')).claimsCommand,
  fetch: async () => (await import('./fetch.js')).fetchCommand,
  flagship: async () => (await import('./flagship.js')).flagshipCommand,
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
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`unknown command "${command}" (expected ${Object.keys(COMMANDS).join(', ')}; see sputnik --help)`);
    const text = await (await load())(rest);
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
