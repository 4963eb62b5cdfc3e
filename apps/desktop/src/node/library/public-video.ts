import type { VideoRecord } from '../../common/library-events.js';
import type { VideoStatus } from '../../common/video-status.js';
import { videoAvailability } from './video-availability.js';

/**
 * The video as the CLI and the API show it: no internal fields, with whether its media is there
 * and where it is in the pipeline (`status`, from the jobs read model).
 */
export function publicVideo(video: VideoRecord, options: { status: VideoStatus; withMediaInfo?: boolean }) {
  const { mediaInfo, mtimeMs: _mtime, ...rest } = video;
  return {
    ...rest,
    availability: videoAvailability(video),
    status: options.status,
    ...(options.withMediaInfo ? { mediaInfo } : {}),
  };
}

export type PublicVideo = ReturnType<typeof publicVideo>;
