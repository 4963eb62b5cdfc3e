import type { EventEnvelope } from '@kirinuki/contracts';
import { deterministicEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import type { StageResultNotice } from '../stage-services/cached-stage-result.js';

/**
 * Announces stage results of a library video (TranscriptReady, VisionReady…): one event per
 * (video, stage, settings), its id derived from them and the video's import, so recording the same
 * result again (a retry, a cache hit, `--fresh`) adds nothing.
 */
export async function recordStageResults(
  library: Library,
  video: { id: string; createdAt: string },
  notices: readonly StageResultNotice[],
): Promise<void> {
  const events: EventEnvelope[] = notices.map((n) => ({
    id: deterministicEventId(
      Date.parse(video.createdAt),
      `${n.type}:${video.id}:${n.stage}:${n.settingsHash}`,
    ),
    type: n.type,
    aggregateId: video.id,
    at: new Date().toISOString(),
    payload: { videoId: video.id, stage: n.stage, settingsHash: n.settingsHash, ...n.details },
  }));
  await appendEvents(library.db, events);
}
