import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutputError } from '../errors.js';

/** One output file: where it goes and what it holds. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Write several files so that none is left half-written: every file is first written in full
 * to a temporary sibling, and only when all of them are on disk are they renamed into place
 * (a rename within a folder is atomic on POSIX file systems). If any write fails, the
 * temporaries are removed and the destination files are left as they were.
 *
 * @example
 * await writeFilesAtomic([{ path: 'out/study.json', data: json }, { path: 'out/window.csv', data: csv }]);
 */
export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const stamp = `${process.pid}.${Date.now().toString(36)}`;
  const staged = files.map((f) => ({ ...f, tmp: `${f.path}.${stamp}.tmp` }));
  let current = '';
  try {
    for (const f of staged) {
      current = f.path;
      await mkdir(dirname(f.path), { recursive: true });
      await writeFile(f.tmp, f.data);
    }
  } catch (err) {
    await Promise.all(staged.map((f) => rm(f.tmp, { force: true }).catch(() => undefined)));
    throw new OutputError(`cannot write ${current} (${describe(err)}); nothing was written`, { file: current });
  }
  for (const f of staged) await rename(f.tmp, f.path);
}

/** A file-system error in words: its code and what it means (`ENOTDIR: a part of the path is a file`). */
function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const meaning: Record<string, string> = {
    ENOTDIR: 'a part of the path is a file, not a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EISDIR: 'a folder is in the way',
    EEXIST: 'a file is in the way',
  };
  return code ? `${code}: ${meaning[code] ?? (err as Error).message.split('\n')[0]}` : String(err);
}

/** {@link writeFilesAtomic} for a single file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFilesAtomic([{ path, data }]);
}
