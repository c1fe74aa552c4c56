import { setFlagsFromString } from 'node:v8';
import { SputnikError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';

const HELP = `sputnik: market-impact event studies (sputnik-study)

Usage: sputnik <command> [options]

Commands:
  study      an event study of one firm, or of a sample (--firms, --group): abnormal returns, CAR, tests, dollars
  claims     the quoted loss figures of the articles beside what the prices show
  fetch      download prices from Yahoo Finance (network; kept in a cache), save or compare them
  calendar   the NYSE trading days between two dates, with the closures and early closes
  check      a price file's missing and extra days against the NYSE calendar
  flagship   the flagship study of NVIDIA on 27 January 2025: summary, out/ files (npm start)
  simulate   Monte Carlo: counterfactual no-news paths of a study, calibration of the tests

Run "sputnik <command> --help" for a command's options. Anywhere on the line, --debug adds the
stack trace to an error message (docs/errors.md lists every message and its fix).`;

type Command = (args: readonly string[]) => Promise<string>;

/** Each command's module, loaded only when that command runs: a command pays only for what it uses. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  study: async () => (await import('./study.js')).studyCommand,
  claims: async () => (await import('./claims.js')).claimsCommand,
  fetch: async () => (await import('./fetch.js')).fetchCommand,
  calendar: async () => (await import('./calendar.js')).calendarCommand,
  check: async () => (await import('./check.js')).checkCommand,
  flagship: async () => (await import('./flagship.js')).flagshipCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
};

/**
 * Every command but `simulate` runs a great deal of code once (parsing, the statistics, Vega, the
 * report) and little of it in long loops. For those V8 waits 16 times longer than by default (its
 * "interrupt budget", 67,584 bytes of bytecode executed in V8 11) before compiling a function with
 * its optimizing compiler: most of the code of a one-shot command finishes before an optimized
 * version would pay for its compilation. Measured on 2 cores (medians of 7): `flagship` 1.21 s
 * against 1.47 s (CPU -25 %), `study --json` 143 against 161 ms, a group sample 211 against
 * 237 ms. `simulate` keeps V8's default: its kernels are long loops that need the optimizer early
 * (the calibration took 0.36 s instead of 0.27 s, 10,000 paths 311 instead of 282 ms). The
 * budget only changes when V8 optimizes, never what the code computes.
 */
const EAGER_JIT = new Set(['simulate']);
const LAZY_JIT_FLAG = '--interrupt-budget=1081344';

/** Run the command line; resolves to the exit code. Output goes to stdout, errors (one line) to stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  // --debug is global: anywhere in argv, taken out before the command parses its own arguments.
  // It (or SPUTNIK_DEBUG=1) adds the stack trace after the one-line error message.
  const debug = argv.includes('--debug') || isSet(process.env.SPUTNIK_DEBUG);
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
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
    if (load && !EAGER_JIT.has(command)) setFlagsFromString(LAZY_JIT_FLAG);
    if (!load) throw new UsageError(`unknown command "${command}" (expected ${Object.keys(COMMANDS).join(', ')}; see sputnik --help)`);
    const text = await (await load())(rest);
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return 0;
  } catch (err) {
    // Exit codes (docs/errors.md): 2 usage, 1 data / window / model / network, 70 internal.
    const e = err as Error;
    if (err instanceof SputnikError) process.stderr.write(`sputnik: ${err.message}\n`);
    else process.stderr.write(`sputnik: internal error: ${(e?.message ?? String(err)).split('\n')[0]}\n`);
    if (debug) process.stderr.write(`${e?.stack ?? String(err)}\n`);
    if (err instanceof SputnikError) return err instanceof UsageError ? 2 : 1;
    return 70;
  }
}

/** An environment flag is set unless empty, "0" or "false". */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
