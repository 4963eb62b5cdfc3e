import type { Kysely } from 'kysely';
import { projectClips } from '../../common/project-clips.js';
import { projectVideos } from '../../common/project-videos.js';
import { clipToRow } from '../clips/clips-repository.js';
import { videoToRow } from '../library/videos-repository.js';
import type { LibraryDatabase } from '../storage/library-database.js';
import { listEvents } from './events-repository.js';

/**
 * Rebuilds the library's read models (videos, clips) from the event log, in one transaction.
 * Returns how many rows each now holds.
 */
export async function rebuildLibraryProjections(
  db: Kysely<LibraryDatabase>,
): Promise<{ videos: number; clips: number }> {
  return db.transaction().execute(async (trx) => {
    const events = await listEvents(trx);
    const videos = projectVideos(events);
    const liveVideoIds = new Set(videos.map((v) => v.id));
    const clips = projectClips(events).filter((c) => liveVideoIds.has(c.videoId) || !c.videoId);
    await trx.deleteFrom('clips').execute();
    await trx.deleteFrom('videos').execute();
    for (const video of videos) await trx.insertInto('videos').values(videoToRow(video)).execute();
    for (const clip of clips) await trx.insertInto('clips').values(clipToRow(clip)).execute();
    return { videos: videos.length, clips: clips.length };
  });
}
