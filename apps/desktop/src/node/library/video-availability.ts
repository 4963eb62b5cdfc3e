import { statSync } from 'node:fs';
import type { VideoAvailability, VideoRecord } from '@kirinuki/contracts';

/** Whether the media is still where the record says, unchanged (linked files can move or be edited). */
export function videoAvailability(
  video: Pick<VideoRecord, 'path' | 'sizeBytes' | 'mtimeMs'>,
): VideoAvailability {
  try {
    const stats = statSync(video.path);
    if (!stats.isFile()) return 'missing';
    return stats.size !== video.sizeBytes || Math.abs(stats.mtimeMs - video.mtimeMs) > 1 ? 'changed' : 'ok';
  } catch {
    return 'missing';
  }
}
