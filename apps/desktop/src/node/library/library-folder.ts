import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ulid } from '../ids/ulid.js';
import { UserFacingError } from '@kirinuki/contracts';
import { isPidAlive } from '../service-process/pid-alive.js';

/**
 * The files of a library folder, without its database: what a stage service may touch (the host
 * alone opens `library.db`). Temp files live in `.tmp` on the same filesystem, so the final move
 * is an atomic rename.
 */
export interface LibraryFolder {
  dir: string;
  tmpDir: string;
  /** `<library>/videos/<sha256>/`: the copied source and everything derived from it. */
  videoDir(sha256: string): string;
  /** A fresh temp path owned by this process. */
  tempPath(suffix?: string): string;
  /** Results of `kirinuki shots`/`faces` on any file (keyed by its path, size and time). */
  visionCacheDir: string;
}

export function libraryFolder(dir: string): LibraryFolder {
  const tmpDir = path.join(dir, '.tmp');
  return {
    dir,
    tmpDir,
    videoDir: (sha256) => path.join(dir, 'videos', sha256),
    tempPath: (suffix = '.part') => path.join(tmpDir, `${process.pid}-${ulid()}${suffix}`),
    visionCacheDir: path.join(dir, 'cache', 'vision'),
  };
}

/** Creates the folder's layout, or says plainly that it cannot be written. */
export function prepareLibraryFolder(dir: string): LibraryFolder {
  try {
    mkdirSync(path.join(dir, '.tmp'), { recursive: true });
    mkdirSync(path.join(dir, 'videos'), { recursive: true });
  } catch (error) {
    throw new UserFacingError(
      'LIBRARY_NOT_WRITABLE',
      `The library folder ${dir} cannot be created or written (${(error as NodeJS.ErrnoException).code}).`,
      { cause: error },
    );
  }
  return libraryFolder(dir);
}

/** Removes temp files left by processes that died (kill -9, power loss); live ones are kept. */
export function sweepStaleTemp(tmpDir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(tmpDir)) return removed;
  for (const name of readdirSync(tmpDir)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid === process.pid || (Number.isInteger(pid) && isPidAlive(pid))) continue;
    rmSync(path.join(tmpDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
