import type { LibraryEvent, StoredEvent, VideoRecord } from './library-events.js';

/** The videos read model, rebuilt from the event log (events in id order). */
export function projectVideos(
  events: Iterable<StoredEvent<{ type: string; payload: unknown }>>,
): VideoRecord[] {
  const videos = new Map<string, VideoRecord>();
  for (const event of events) {
    const e = event as StoredEvent<LibraryEvent>;
    if (e.type === 'VideoImported') videos.set(e.aggregateId, e.payload as VideoRecord);
    else if (e.type === 'VideoRemoved') videos.delete(e.aggregateId);
  }
  return [...videos.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
}
