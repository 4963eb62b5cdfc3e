import type { Clip, ClipEvent } from './clip-types.js';
import type { StoredEvent } from './library-events.js';

/** The clips read model rebuilt from the event log (events in id order). */
export function projectClips(events: Iterable<StoredEvent<{ type: string; payload: unknown }>>): Clip[] {
  const clips = new Map<string, Clip>();
  for (const stored of events) {
    const event = stored as unknown as ClipEvent;
    switch (event.type) {
      case 'ClipsProposed':
        for (const id of event.payload.replaced) clips.delete(id);
        for (const clip of event.payload.clips) clips.set(clip.id, clip);
        break;
      case 'ClipUpdated':
      case 'ClipApproved':
      case 'ClipRejected':
      case 'ClipMoved':
        clips.set(event.payload.clip.id, event.payload.clip);
        break;
      default:
        if ((stored.type as string) === 'VideoRemoved') {
          for (const [id, clip] of clips) if (clip.videoId === stored.aggregateId) clips.delete(id);
        }
    }
  }
  return [...clips.values()].sort((a, b) => a.videoId.localeCompare(b.videoId) || a.rank - b.rank);
}
