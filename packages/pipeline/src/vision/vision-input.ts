import { UserFacingError } from '@kirinuki/contracts';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import type { CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { validateMediaFile } from '../probe/validate-media.js';

export interface VisionInput {
  path: string;
  ffmpeg: string;
  fps: number;
  durationSec: number;
  /** Displayed size, after the rotation flag. */
  width: number;
  height: number;
  sizeBytes: number;
}

/**
 * Checks a video file the way import does (coded errors for missing, unreadable, audio-only or
 * broken files) and returns what the vision passes need to know about it.
 */
export async function openVisionInput(
  filePath: string,
  options: { signal?: AbortSignal | undefined; logger?: CommandLogger | undefined } = {},
): Promise<VisionInput> {
  const { ffmpeg, ffprobe } = resolveFfmpegBinaries();
  const { info } = await validateMediaFile(filePath, {
    ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path,
    signal: options.signal,
    logger: options.logger,
  });
  if (!info.video || info.video.still) {
    throw new UserFacingError('NO_VIDEO_STREAM', `${filePath} has no moving video to analyse.`);
  }
  return {
    path: filePath,
    ffmpeg: ffmpeg.path,
    fps: info.video.fps,
    durationSec: info.durationSec,
    width: info.video.width,
    height: info.video.height,
    sizeBytes: info.sizeBytes,
  };
}
