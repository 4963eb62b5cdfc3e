import type { PublicVideo, VideoRecord, VideoStatus } from '@kirinuki/contracts';
import { videoAvailability } from './video-availability.js';

/**
 * The video as the CLI and the API show it: no internal fields, with whether its media is there
 * and where it is in the pipeline (`status`, from the jobs read model).
 */
export function publicVideo(
  video: VideoRecord,
  options: { status: VideoStatus; withMediaInfo?: boolean },
): PublicVideo {
  const { mediaInfo, mtimeMs: _mtime, ...rest } = video;
  return {
    ...rest,
    availability: videoAvailability(video),
    status: options.status,
    ...(options.withMediaInfo ? { mediaInfo } : {}),
  };
}
