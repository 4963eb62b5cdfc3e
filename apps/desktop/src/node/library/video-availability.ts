import { statSync } from 'node:fs';
import type { VideoRecord } from '../../common/library-events.js';

export type Availability = 'ok' | 'missing' | 'changed';

/** Whether the media is still where the record says, unchanged (linked files can move or be edited). */
export function videoAvailability(video: Pick<VideoRecord, 'path' | 'sizeBytes' | 'mtimeMs'>): Availability {
  try {
    const stats = statSync(video.path);
    if (!stats.isFile()) return 'missing';
    return stats.size !== video.sizeBytes || Math.abs(stats.mtimeMs - video.mtimeMs) > 1 ? 'changed' : 'ok';
  } catch {
    return 'missing';
  }
}
