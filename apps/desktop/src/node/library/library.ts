import type { Kysely } from 'kysely';
import { EVENT, JOB_EVENT_TYPES } from '@kirinuki/contracts';
import { openDatabase } from '@kirinuki/db';
import { listEvents } from '../events/events-repository.js';
import { LIBRARY_DATABASE, type LibraryDatabase } from '../library-db/library-database.js';
import { rebuildJobViews } from './job-views-repository.js';
import { moveLegacyCloudVisionCache } from './legacy-cloud-vision-cache.js';
import { prepareLibraryFolder, sweepStaleTemp, type LibraryFolder } from './library-folder.js';

/** An open library folder: its files and its database (opened by the host only). */
export interface Library extends LibraryFolder {
  db: Kysely<LibraryDatabase>;
  close(): Promise<void>;
}

/** A library from before the jobs read model existed gets it projected from its log once. */
async function backfillJobViews(db: Kysely<LibraryDatabase>): Promise<void> {
  if (await db.selectFrom('job_views').select('id').limit(1).executeTakeFirst()) return;
  const logged = await db
    .selectFrom('events')
    .select('id')
    .where('type', '=', EVENT.JobEnqueued)
    .limit(1)
    .executeTakeFirst();
  if (!logged) return;
  await db.transaction().execute(async (trx) => {
    await rebuildJobViews(trx, await listEvents(trx, { types: JOB_EVENT_TYPES }));
  });
}

export async function openLibrary(dir: string): Promise<Library> {
  const folder = prepareLibraryFolder(dir);
  sweepStaleTemp(folder.tmpDir);
  const opened = await openDatabase<LibraryDatabase>(LIBRARY_DATABASE, dir);
  await backfillJobViews(opened.db);
  await moveLegacyCloudVisionCache(opened.db, dir);
  return {
    ...folder,
    db: opened.db,
    close: async () => {
      // Again at the end: a process killed while this one ran (its services finish dying after
      // the host) may have left files that were still live at open.
      sweepStaleTemp(folder.tmpDir);
      await opened.close();
    },
  };
}
