import { EVENT, UserFacingError, type VideoRecord } from '@kirinuki/contracts';
import { deterministicEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { ImportedMedia } from '../stage-services/ingest/import-media.js';
import type { Library } from './library.js';
import { findVideoBySha256, insertVideo } from './videos-repository.js';

export interface ImportResult {
  video: VideoRecord;
  alreadyImported: boolean;
  warnings: string[];
}

/**
 * Records what an import found: a new video and its VideoImported event in one transaction, or
 * the video the library already has for that content. The event id is derived from the content,
 * so a retried import cannot log it twice; if another import of the same content won the race,
 * that one is returned.
 */
export async function recordImport(library: Library, imported: ImportedMedia): Promise<ImportResult> {
  const { warnings } = imported;
  if (imported.kind === 'known') {
    const existing = await findVideoBySha256(library.db, imported.sha256);
    if (!existing)
      throw new UserFacingError(
        'NOT_FOUND',
        `The video with content ${imported.sha256} left the library meanwhile.`,
        {
          hint: 'Import the file again.',
        },
      );
    return { video: existing, alreadyImported: true, warnings };
  }
  const { record } = imported;
  try {
    await library.db.transaction().execute(async (trx) => {
      await insertVideo(trx, record);
      await appendEvents(trx, [
        {
          id: deterministicEventId(
            Date.parse(record.createdAt),
            `VideoImported:${record.sha256}:${record.id}`,
          ),
          type: EVENT.VideoImported,
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

/** The content hashes the library holds (an import checks against them before placing a file). */
export async function knownContent(library: Library): Promise<string[]> {
  return (await library.db.selectFrom('videos').select('sha256').execute()).map((r) => r.sha256);
}
