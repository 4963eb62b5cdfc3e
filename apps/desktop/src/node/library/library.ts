import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { ulid } from 'ulid';
import { UserFacingError } from '@kirinuki/pipeline';
import { listEvents } from '../events/events-repository.js';
import { rebuildJobViews } from '../jobs/job-views-repository.js';
import { JOB_EVENT_TYPES } from '../orchestrator/job-events.js';
import { openDatabase } from '../storage/open-database.js';
import { LIBRARY_DATABASE, type LibraryDatabase } from '../storage/library-database.js';
import { isPidAlive } from '../services/pid-alive.js';

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

/** A library from before the jobs read model existed gets it projected from its log once. */
async function backfillJobViews(db: Kysely<LibraryDatabase>): Promise<void> {
  if (await db.selectFrom('job_views').select('id').limit(1).executeTakeFirst()) return;
  const logged = await db
    .selectFrom('events')
    .select('id')
    .where('type', '=', 'JobEnqueued')
    .limit(1)
    .executeTakeFirst();
  if (!logged) return;
  await db.transaction().execute(async (trx) => {
    await rebuildJobViews(trx, await listEvents(trx, { types: JOB_EVENT_TYPES }));
  });
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
  await backfillJobViews(opened.db);
  return {
    dir,
    db: opened.db,
    tmpDir,
    videoDir: (sha256) => path.join(dir, 'videos', sha256),
    tempPath: (suffix = '.part') => path.join(tmpDir, `${process.pid}-${ulid()}${suffix}`),
    close: async () => {
      // Again at the end: a process killed while this one ran (its services finish dying after
      // the host) may have left files that were still live at open.
      sweepStaleTemp(tmpDir);
      await opened.close();
    },
  };
}
