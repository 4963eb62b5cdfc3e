import { rmSync } from 'node:fs';
import { UserFacingError } from '@kirinuki/contracts';
import { newEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from './library.js';
import { deleteVideo, findVideoById } from './videos-repository.js';

/**
 * Removes a video: its record and clips (with a VideoRemoved event) and its folder in the library (the
 * copied source and everything derived from it). A linked source file is the user's and stays.
 */
export async function removeVideo(library: Library, id: string) {
  const video = await findVideoById(library.db, id);
  if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${id} in the library.`);
  await library.db.transaction().execute(async (trx) => {
    await deleteVideo(trx, id);
    await trx.deleteFrom('clips').where('videoId', '=', id).execute();
    await appendEvents(trx, [
      {
        id: newEventId(),
        type: 'VideoRemoved',
        aggregateId: id,
        at: new Date().toISOString(),
        payload: { id, sha256: video.sha256 },
      },
    ]);
  });
  rmSync(library.videoDir(video.sha256), { recursive: true, force: true });
  return video;
}
