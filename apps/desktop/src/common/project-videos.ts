import { EVENT, type EventEnvelope, type LibraryEvent, type VideoRecord } from '@kirinuki/contracts';

/** The videos read model, rebuilt from the event log (events in id order). */
export function projectVideos(events: Iterable<EventEnvelope>): VideoRecord[] {
  const videos = new Map<string, VideoRecord>();
  for (const stored of events) {
    const event = stored as LibraryEvent;
    if (event.type === EVENT.VideoImported) videos.set(event.aggregateId, event.payload);
    else if (event.type === EVENT.VideoRemoved) videos.delete(event.aggregateId);
  }
  return [...videos.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
}
