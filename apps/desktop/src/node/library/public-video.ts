import type { VideoRecord } from '../../common/library-events.js';
import { videoAvailability } from './video-availability.js';

/** The video as the CLI and the API show it: no internal fields, with whether its media is there. */
export function publicVideo(video: VideoRecord, options: { withMediaInfo?: boolean } = {}) {
  const { mediaInfo, mtimeMs: _mtime, ...rest } = video;
  return { ...rest, availability: videoAvailability(video), ...(options.withMediaInfo ? { mediaInfo } : {}) };
}

export type PublicVideo = ReturnType<typeof publicVideo>;
