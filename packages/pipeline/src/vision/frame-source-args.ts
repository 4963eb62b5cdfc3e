import type { FfmpegArg } from '../ffmpeg/run-ffmpeg.js';

export type FramePixelFormat = 'gray' | 'rgb24';

export interface FrameGeometry {
  width: number;
  height: number;
  pixelFormat: FramePixelFormat;
  /**
   * 'stretch' fills width×height whatever the aspect (fine for frame differences);
   * 'letterbox' keeps the aspect and pads with black (a detector must see undistorted faces).
   */
  fit: 'stretch' | 'letterbox';
}

export interface FrameSourceArgsOptions extends FrameGeometry {
  input: string;
  /** null: every decoded frame (exact indices); a number: frames resampled to this rate. */
  sampleFps: number | null;
  /**
   * Decoder shortcuts for analysis-only decoding: no deblocking and non-spec-compliant speedups.
   * The picture is slightly blockier, which a 64-px thumbnail never shows.
   */
  fastDecode: boolean;
  /** Decoder threads; 0 lets ffmpeg choose. */
  threads: number;
  /** Stop after this much media time (s); null for the whole video. */
  limitSec?: number | null;
}

export function bytesPerFrame(geometry: Pick<FrameGeometry, 'width' | 'height' | 'pixelFormat'>): number {
  return geometry.width * geometry.height * (geometry.pixelFormat === 'gray' ? 1 : 3);
}

/** The filter chain: resample (optional), shrink, then `showinfo` so each frame's pts reaches stderr. */
export function frameFilterChain(
  options: Omit<FrameSourceArgsOptions, 'input' | 'fastDecode' | 'threads'>,
): string {
  const { width: w, height: h, pixelFormat, fit, sampleFps } = options;
  const filters: string[] = [];
  if (sampleFps !== null) filters.push(`fps=${sampleFps}`);
  // 'area' averages every source pixel (fast_bilinear would point-sample and alias on pans).
  if (fit === 'letterbox') {
    filters.push(`scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=area`);
    filters.push(`pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2`);
  } else {
    filters.push(`scale=${w}:${h}:flags=area`);
  }
  filters.push(`format=${pixelFormat}`, 'showinfo');
  return filters.join(',');
}

/** ffmpeg arguments that write raw frames of one size and format to stdout, video only. */
export function frameSourceArgs(options: FrameSourceArgsOptions): FfmpegArg[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'info',
    options.fastDecode && '-skip_loop_filter',
    options.fastDecode && 'all',
    options.fastDecode && '-flags2',
    options.fastDecode && 'fast',
    '-threads',
    options.threads,
    '-i',
    options.input,
    options.limitSec && '-t',
    options.limitSec,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    frameFilterChain(options),
    // Passthrough: every decoded frame leaves once, so the n-th frame out is decoded frame n (VFR too).
    '-vsync',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    options.pixelFormat,
    'pipe:1',
  ];
}
