// The command's error output: one line and an exit code by error type; the stack trace only with
// the global --debug flag (anywhere in argv) or SPUTNIK_DEBUG=1. Run in-process through `main`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/run.js';
import { VERSION } from '../src/version.js';

let out = '';
let err = '';
let saved: string | undefined;

beforeEach(() => {
  out = '';
  err = '';
  saved = process.env.SPUTNIK_DEBUG;
  delete process.env.SPUTNIK_DEBUG;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.SPUTNIK_DEBUG;
  else process.env.SPUTNIK_DEBUG = saved;
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const STACK_LINE = /^\s+at /m;

describe('without --debug: one line, no stack', () => {
  it('a usage error exits 2 with one line', async () => {
    expect(await main(['stdy'])).toBe(2);
    expect(err).toMatch(/^sputnik: unknown command "stdy" \(expected study, claims, .*; see sputnik --help\)\n$/);
    expect(err).not.toMatch(STACK_LINE);
  });

  it('a data error exits 1 with one line', async () => {
    expect(await main(['study', '--data', '/nonexistent-sputnik-dir'])).toBe(1);
    expect(lines(err)).toHaveLength(1);
    expect(err).toMatch(/^sputnik: .*no price file/);
    expect(out).toBe('');
  });
});

describe('--debug', () => {
  it.each([
    ['first', ['--debug', 'stdy']],
    ['after the command', ['stdy', '--debug']],
  ])('%s: the message line, then the stack; the exit code is unchanged', async (_where, argv) => {
    expect(await main(argv)).toBe(2);
    const l = lines(err);
    expect(l[0]).toMatch(/^sputnik: unknown command "stdy"/);
    expect(l[1]).toMatch(/^UsageError: unknown command "stdy"/);
    expect(l.slice(2).some((x) => STACK_LINE.test(x))).toBe(true);
  });

  it('anywhere among the command\'s options, and taken out before they are parsed', async () => {
    expect(await main(['study', '--data', '/nonexistent-sputnik-dir', '--debug'])).toBe(1);
    const l = lines(err);
    expect(l[0]).toMatch(/^sputnik: .*no price file/);
    expect(l[1]).toMatch(/^DataError: /);
    expect(l.slice(2).some((x) => STACK_LINE.test(x))).toBe(true);
    expect(err).not.toMatch(/Unknown option '--debug'/);
  });

  it('is not an option of any command: --debug --help and --debug --version still work', async () => {
    expect(await main(['study', '--debug', '--help'])).toBe(0);
    expect(out).toMatch(/^sputnik study:/);
    out = '';
    expect(await main(['--debug', '--version'])).toBe(0);
    expect(out).toBe(`${VERSION}\n`);
    expect(err).toBe('');
  });
});

describe('SPUTNIK_DEBUG', () => {
  it('=1 prints the stack like --debug', async () => {
    process.env.SPUTNIK_DEBUG = '1';
    expect(await main(['stdy'])).toBe(2);
    expect(lines(err)[1]).toMatch(/^UsageError: /);
    expect(err).toMatch(STACK_LINE);
  });

  it('=0 or empty does not', async () => {
    for (const v of ['0', '']) {
      err = '';
      process.env.SPUTNIK_DEBUG = v;
      expect(await main(['stdy'])).toBe(2);
      expect(lines(err)).toHaveLength(1);
    }
  });
});

describe('an internal error exits 70', () => {
  it('one line without --debug, the stack with it', async () => {
    vi.resetModules();
    vi.doMock('../src/cli/claims.js', () => ({
      claimsCommand: async () => {
        throw new TypeError('boom\nsecond line');
      },
    }));
    try {
      const { main: fresh } = await import('../src/cli/run.js');
      expect(await fresh(['claims'])).toBe(70);
      expect(lines(err)).toEqual(['sputnik: internal error: boom']);
      err = '';
      expect(await fresh(['claims', '--debug'])).toBe(70);
      const l = lines(err);
      expect(l[0]).toBe('sputnik: internal error: boom');
      expect(l[1]).toBe('TypeError: boom');
      expect(err).toMatch(STACK_LINE);
    } finally {
      vi.doUnmock('../src/cli/claims.js');
      vi.resetModules();
    }
  });
});
