import { runFfmpeg } from '@kirinuki/pipeline/ffmpeg/run-ffmpeg';
import { videoEncoderArgs, type VideoEncoderName } from '@kirinuki/pipeline/render/video-encoder';
import { RENDER_PRESETS } from '@kirinuki/pipeline/render/platform-presets';
import { cropSizeFor } from '@kirinuki/pipeline/reframe/crop-geometry';

/**
 * The baseline a render is measured against (bench:render, bench:long): one span of a 1920×1080
 * source cropped to the preset's shape and scaled, with the encoder and bitrates a render uses,
 * audio in AAC; no captions, no loudness pass. `x` is the crop's left edge (a number or an
 * ffmpeg expression, commas escaped); the centre when left out.
 */
export async function transcodePlainSpan(options: {
  ffmpeg: string;
  source: string;
  start: number;
  duration: number;
  encoder: VideoEncoderName;
  out: string;
  fps?: number;
  x?: string;
}): Promise<void> {
  const preset = RENDER_PRESETS.tiktok;
  const crop = cropSizeFor({ width: 1920, height: 1080 }, preset);
  const fps = options.fps ?? 30;
  const x = options.x ?? String((1920 - crop.width) / 2);
  await runFfmpeg({
    bin: options.ffmpeg,
    args: [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-y'],
      ...['-ss', options.start, '-t', options.duration, '-i', options.source],
      '-vf',
      `crop=w=${crop.width}:h=${crop.height}:x=${x}:y=0,scale=${preset.width}:${preset.height}:flags=bicubic`,
      ...videoEncoderArgs(options.encoder, { fps, maxBitrate: preset.videoMaxBitrate }),
      ...['-r', fps],
      ...['-c:a', 'aac', '-b:a', preset.audioBitrate, '-ar', 48000, '-ac', 2],
      ...['-movflags', '+faststart', options.out],
    ],
  });
}
