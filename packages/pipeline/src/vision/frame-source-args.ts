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
  /** Start at this media time (s); frames' pts count from it. */
  startSec?: number | null;
}

export function bytesPerFrame(geometry: Pick<FrameGeometry, 'width' | 'height' | 'pixelFormat'>): number {
  return geometry.width * geometry.height * (geometry.pixelFormat === 'gray' ? 1 : 3);
}

/**
 * The filter chain of one output: resample (optional), shrink, then `showinfo` (named, so the
 * outputs of one decode tell their lines apart) so each frame's pts reaches stderr.
 */
export function frameFilterChain(
  options: Omit<FrameSourceArgsOptions, 'input' | 'fastDecode' | 'threads' | 'startSec'>,
  name?: string,
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
  filters.push(`format=${pixelFormat}`, name ? `showinfo@${name}` : 'showinfo');
  return filters.join(',');
}

/** One stream of raw frames out of a decode: its size, format and rate. */
export interface FrameOutputSpec extends FrameGeometry {
  /** null: every decoded frame (exact indices); a number: frames resampled to this rate. */
  sampleFps: number | null;
}

export interface FrameOutputsArgsOptions {
  input: string;
  outputs: readonly FrameOutputSpec[];
  fastDecode: boolean;
  /** 'bidir': the decoder drops every B-frame (only I and P frames come out; see frame-scan). */
  skipFrame?: 'bidir' | null;
  threads: number;
  /** Start at this media time (s), seeking to it exactly; frames' pts then count from it. */
  startSec?: number | null;
  limitSec?: number | null;
}

/** The pipe an output is written to: stdout for the first, then fd 4, 5… (fd 3 is ffmpeg's progress). */
export function outputPipe(index: number): string {
  return index === 0 ? 'pipe:1' : `pipe:${index + 3}`;
}

/** The showinfo instance of output `index` (its lines on stderr start with `[showinfo@o<index> @`). */
export function outputShowinfoName(index: number): string {
  return `o${index}`;
}

/**
 * ffmpeg arguments for one decode of the video feeding several raw-frame outputs (a `split` in one
 * filter graph): output 0 on stdout, the others on fds 4, 5…. The source is decoded once whatever
 * the number of outputs.
 */
export function frameOutputsArgs(options: FrameOutputsArgsOptions): FfmpegArg[] {
  const { outputs } = options;
  const n = outputs.length;
  const chains = outputs.map(
    (o, i) => `${n > 1 ? `[s${i}]` : '[0:v:0]'}${frameFilterChain(o, outputShowinfoName(i))}[o${i}]`,
  );
  const graph = n > 1 ? [`[0:v:0]split=${n}${outputs.map((_, i) => `[s${i}]`).join('')}`, ...chains] : chains;
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'info',
    options.fastDecode && '-skip_loop_filter',
    options.fastDecode && 'all',
    options.fastDecode && '-flags2',
    options.fastDecode && 'fast',
    ...(options.skipFrame ? ['-skip_frame', options.skipFrame] : []),
    '-threads',
    options.threads,
    ...(options.startSec ? ['-ss', options.startSec] : []),
    '-i',
    options.input,
    ...(options.limitSec ? ['-t', options.limitSec] : []),
    '-filter_complex',
    graph.join(';'),
    // Passthrough: every decoded frame leaves once, so the n-th frame out is decoded frame n (VFR too).
    '-vsync',
    'passthrough',
    ...outputs.flatMap((o, i) => [
      '-map',
      `[o${i}]`,
      '-an',
      '-sn',
      '-dn',
      '-f',
      'rawvideo',
      '-pix_fmt',
      o.pixelFormat,
      outputPipe(i),
    ]),
  ];
}

/** ffmpeg arguments that write raw frames of one size and format to stdout, video only. */
export function frameSourceArgs(options: FrameSourceArgsOptions): FfmpegArg[] {
  const { input, fastDecode, threads, limitSec, startSec, ...spec } = options;
  return frameOutputsArgs({ input, fastDecode, threads, limitSec, startSec, outputs: [spec] });
}
