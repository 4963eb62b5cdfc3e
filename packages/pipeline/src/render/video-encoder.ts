import type { CapabilityName } from '../ffmpeg/ffmpeg-capabilities.js';

export type VideoEncoderName = 'h264_nvenc' | 'h264_videotoolbox' | 'h264_qsv' | 'libx264';

/** Hardware encoders worth trying on this OS, best first; libx264 is the fallback. */
export function encoderCandidates(
  capabilities: Readonly<Record<CapabilityName, boolean>>,
  platform: NodeJS.Platform,
): VideoEncoderName[] {
  const hardware: VideoEncoderName[] =
    platform === 'darwin' ? ['h264_videotoolbox'] : ['h264_nvenc', 'h264_qsv'];
  return [...hardware.filter((e) => capabilities[e]), ...(capabilities.libx264 ? ['libx264' as const] : [])];
}

export interface EncodeRate {
  fps: number;
  maxBitrate: number;
}

/**
 * Encoder options for H.264 High, 8-bit 4:2:0, a keyframe every 2 s, quality-targeted with a peak
 * bitrate cap. libx264 uses a speed-minded preset: the clip is re-encoded once more by the platform.
 */
export function videoEncoderArgs(encoder: VideoEncoderName, rate: EncodeRate): string[] {
  const gop = String(Math.round(rate.fps * 2));
  const max = String(rate.maxBitrate);
  const buf = String(rate.maxBitrate * 2);
  const common = ['-profile:v', 'high', '-g', gop, '-maxrate', max, '-bufsize', buf];
  switch (encoder) {
    case 'libx264':
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', ...common, '-pix_fmt', 'yuv420p'];
    case 'h264_nvenc':
      return [
        '-c:v',
        'h264_nvenc',
        '-preset',
        'fast',
        '-rc',
        'vbr',
        '-cq',
        '23',
        '-b:v',
        '0',
        ...common,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_qsv':
      return [
        '-c:v',
        'h264_qsv',
        '-preset',
        'faster',
        '-global_quality',
        '23',
        ...common,
        '-pix_fmt',
        'nv12',
      ];
    case 'h264_videotoolbox':
      return [
        '-c:v',
        'h264_videotoolbox',
        '-b:v',
        String(Math.round(rate.maxBitrate * 0.6)),
        ...common,
        '-pix_fmt',
        'yuv420p',
      ];
  }
}
