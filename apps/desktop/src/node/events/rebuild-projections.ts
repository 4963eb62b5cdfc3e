import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { projectClips } from '../../common/project-clips.js';
import { projectVideos } from '../../common/project-videos.js';
import { clipToRow } from '../clips/clips-repository.js';
import { videoToRow } from '../library/videos-repository.js';
import type { LibraryDatabase } from '../library-db/library-database.js';
import { listEvents } from './events-repository.js';
import { appendJobEvent, listJobViews, rebuildJobViews } from '../library/job-views-repository.js';
import type { Library } from '../library/library.js';
import { createEventDelivery } from '../orchestrator/event-delivery.js';
import { jobSummaryOf, type JobSummary } from '@kirinuki/contracts';
import { openSqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';

/**
 * Rebuilds the library's read models (videos, clips, jobs) from the event log, in one
 * transaction. Returns how many rows each now holds.
 */
export async function rebuildLibraryProjections(
  db: Kysely<LibraryDatabase>,
): Promise<{ videos: number; clips: number; jobs: number }> {
  return db.transaction().execute(async (trx) => {
    const events = await listEvents(trx);
    const videos = projectVideos(events);
    const liveVideoIds = new Set(videos.map((v) => v.id));
    const clips = projectClips(events).filter((c) => liveVideoIds.has(c.videoId) || !c.videoId);
    await trx.deleteFrom('clips').execute();
    await trx.deleteFrom('videos').execute();
    for (const video of videos) await trx.insertInto('videos').values(videoToRow(video)).execute();
    for (const clip of clips) await trx.insertInto('clips').values(clipToRow(clip)).execute();
    const jobs = await rebuildJobViews(trx, events);
    return { videos: videos.length, clips: clips.length, jobs };
  });
}

/**
 * Brings the event log up to date with the queue (delivers job events still in the jobs
 * database's outbox), rebuilds every read model, and checks the rebuilt jobs read model against
 * the queue's own table: after a full delivery the two must tell the same story.
 */
export async function rebuildAllProjections(library: Library): Promise<{
  videos: number;
  clips: number;
  jobs: number;
  delivered: number;
  /** Jobs whose rebuilt view differs from the queue's row (should be none). */
  differing: Array<{ id: string; queue: JobSummary | null; log: JobSummary | null }>;
}> {
  const queue = await openSqliteJobQueue(library.dir);
  try {
    let delivered = 0;
    await createEventDelivery(queue, async (event) => {
      delivered += 1;
      await appendJobEvent(library.db, event);
    })();
    const counts = await rebuildLibraryProjections(library.db);
    const queued = new Map((await queue.list()).map((j) => [j.id, jobSummaryOf(j)]));
    const log = new Map((await listJobViews(library.db)).map((j) => [j.id, j]));
    const differing = [...new Set([...queued.keys(), ...log.keys()])]
      .filter((id) => !isDeepStrictEqual(queued.get(id) ?? null, log.get(id) ?? null))
      .map((id) => ({ id, queue: queued.get(id) ?? null, log: log.get(id) ?? null }));
    return { ...counts, delivered, differing };
  } finally {
    await queue.close();
  }
}
