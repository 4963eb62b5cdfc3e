import type { VideoRecord } from '../../common/library-events.js';
import { deterministicEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from './library.js';
import { findVideoBySha256, insertVideo } from './videos-repository.js';

/**
 * Records an imported video and its VideoImported event in one transaction. The event id is
 * derived from the content, so a retried import cannot log it twice; if another import of the
 * same content won the race, that one is returned.
 */
export async function saveImportedVideo(library: Library, record: VideoRecord, warnings: string[]) {
  try {
    await library.db.transaction().execute(async (trx) => {
      await insertVideo(trx, record);
      await appendEvents(trx, [
        {
          id: deterministicEventId(
            Date.parse(record.createdAt),
            `VideoImported:${record.sha256}:${record.id}`,
          ),
          type: 'VideoImported',
          aggregateId: record.id,
          at: record.createdAt,
          payload: record,
        },
      ]);
    });
    return { video: record, alreadyImported: false, warnings };
  } catch (error) {
    const existing = await findVideoBySha256(library.db, record.sha256);
    if (existing) return { video: existing, alreadyImported: true, warnings };
    throw error;
  }
}
