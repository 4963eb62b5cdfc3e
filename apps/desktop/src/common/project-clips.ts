import { EVENT, type Clip, type EventEnvelope, type LibraryEvent } from '@kirinuki/contracts';

/** The clips read model rebuilt from the event log (events in id order). */
export function projectClips(events: Iterable<EventEnvelope>): Clip[] {
  const clips = new Map<string, Clip>();
  for (const stored of events) {
    const event = stored as LibraryEvent;
    switch (event.type) {
      case EVENT.ClipsProposed:
        for (const id of event.payload.replaced) clips.delete(id);
        for (const clip of event.payload.clips) clips.set(clip.id, clip);
        break;
      case EVENT.ClipUpdated:
      case EVENT.ClipApproved:
      case EVENT.ClipRejected:
      case EVENT.ClipMoved:
        clips.set(event.payload.clip.id, event.payload.clip);
        break;
      case EVENT.VideoRemoved:
        for (const [id, clip] of clips) if (clip.videoId === stored.aggregateId) clips.delete(id);
        break;
      default:
    }
  }
  return [...clips.values()].sort((a, b) => a.videoId.localeCompare(b.videoId) || a.rank - b.rank);
}
