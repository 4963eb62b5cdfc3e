import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { UserFacingError } from '@kirinuki/pipeline';
import { openDatabase } from '../storage/open-database.js';
import { LIBRARY_DATABASE, type LibraryDatabase } from '../storage/library-database.js';

/** An open library folder: its database and the places files go. */
export interface Library {
  dir: string;
  db: Kysely<LibraryDatabase>;
  /** Temp files live here: same filesystem as the library, so the final move is an atomic rename. */
  tmpDir: string;
  /** `<library>/videos/<sha256>/`: the copied source and everything derived from it. */
  videoDir(sha256: string): string;
  /** A fresh temp path owned by this process. */
  tempPath(suffix?: string): string;
  close(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files left by processes that died (kill -9, power loss); live ones are kept. */
export function sweepStaleTemp(tmpDir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(tmpDir)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid === process.pid || (Number.isInteger(pid) && pidAlive(pid))) continue;
    rmSync(path.join(tmpDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export async function openLibrary(dir: string): Promise<Library> {
  try {
    mkdirSync(path.join(dir, '.tmp'), { recursive: true });
    mkdirSync(path.join(dir, 'videos'), { recursive: true });
  } catch (error) {
    throw new UserFacingError(
      'LIBRARY_NOT_WRITABLE',
      `The library folder ${dir} cannot be created or written (${(error as NodeJS.ErrnoException).code}).`,
      {
        cause: error,
      },
    );
  }
  const tmpDir = path.join(dir, '.tmp');
  sweepStaleTemp(tmpDir);
  const opened = await openDatabase<LibraryDatabase>(LIBRARY_DATABASE, dir);
  return {
    dir,
    db: opened.db,
    tmpDir,
    videoDir: (sha256) => path.join(dir, 'videos', sha256),
    tempPath: (suffix = '.part') => path.join(tmpDir, `${process.pid}-${ulid()}${suffix}`),
    close: () => opened.close(),
  };
}
