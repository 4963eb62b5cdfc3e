// Tiny generated media for the render tests: a white square on black that moves (or not), with
// a matching synthetic face track, and a quiet tone to normalise.
import type { FaceTracks } from '../../reframe/reframe-inputs.js';
import { runFfmpeg } from '../../ffmpeg/run-ffmpeg.js';

export const TEST_SOURCE = { width: 640, height: 360, fps: 24, box: 40, boxY: 150 } as const;

/** Left edge of the square at time t. */
export type BoxPath = (t: number) => number;

/**
 * A square moving over a background (`xExpr` is ffmpeg's x of its left edge at time t) with a
 * tone: the render tests' source, and with a bigger frame, a busy background and a longer GOP
 * the render benchmark's.
 */
export async function makeBoxVideo(
  bin: string,
  out: string,
  options: {
    durationSec: number;
    xExpr: string;
    toneDb?: number;
    width?: number;
    height?: number;
    fps?: number;
    box?: number;
    boxY?: number;
    /** An ffmpeg lavfi video source at the size and rate given (default: black). */
    background?: (size: string, fps: number, durationSec: number) => string;
    boxColor?: string;
    tone?: string;
    /** Encoder settings after `-c:v libx264 -preset ultrafast` (default: a keyframe a second). */
    x264?: Array<string | number>;
  },
): Promise<string> {
  const width = options.width ?? TEST_SOURCE.width;
  const height = options.height ?? TEST_SOURCE.height;
  const fps = options.fps ?? TEST_SOURCE.fps;
  const box = options.box ?? TEST_SOURCE.box;
  const boxY = options.boxY ?? TEST_SOURCE.boxY;
  const d = options.durationSec;
  const size = `${width}x${height}`;
  await runFfmpeg({
    bin,
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      options.background?.(size, fps, d) ?? `color=c=black:s=${size}:r=${fps}:d=${d}`,
      '-f',
      'lavfi',
      '-i',
      `color=c=${options.boxColor ?? 'white'}:s=${box}x${box}:r=${fps}:d=${d}`,
      '-f',
      'lavfi',
      '-i',
      `${options.tone ?? 'sine=frequency=440:sample_rate=44100'}:duration=${d}`,
      '-filter_complex',
      `[0:v][1:v]overlay=x='${options.xExpr}':y=${boxY}:shortest=1,format=yuv420p[v];[2:a]volume=${options.toneDb ?? -20}dB[a]`,
      '-map',
      '[v]',
      '-map',
      '[a]',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      ...(options.x264 ?? ['-g', fps]),
      '-c:a',
      'aac',
      out,
    ],
  });
  return out;
}

/** A face track that sits exactly on the square, sampled at 10 fps. */
export function boxFaceTrack(path: BoxPath, durationSec: number): FaceTracks {
  const { width, height, box, boxY } = TEST_SOURCE;
  const boxes = [];
  for (let i = 0; i <= durationSec * 10; i += 1) {
    const t = i / 10;
    boxes.push({ t, x: path(t) / width, y: boxY / height, w: box / width, h: box / height, score: 0.95 });
  }
  return { sampleFps: 10, tracks: [{ id: 1, start: 0, end: durationSec, coverage: 1, boxes }] };
}

/** One frame at time t as 8-bit gray at width×height (small, for pixel comparisons). */
export async function grayFrame(
  bin: string,
  file: string,
  t: number,
  width: number,
  height: number,
): Promise<Buffer> {
  const { stdout } = await runFfmpeg({
    bin,
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-ss',
      t.toFixed(3),
      '-i',
      file,
      '-frames:v',
      1,
      '-vf',
      `scale=${width}:${height}:flags=area,format=gray`,
      '-f',
      'rawvideo',
      '-',
    ],
  });
  return stdout;
}

/** Integrated loudness and true peak of a file's audio, as loudnorm measures them. */
export async function measuredLoudness(bin: string, file: string): Promise<{ i: number; tp: number }> {
  const { stderr } = await runFfmpeg({
    bin,
    args: ['-hide_banner', '-i', file, '-vn', '-af', 'loudnorm=print_format=json', '-f', 'null', '-'],
  });
  const json = JSON.parse(stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1)) as Record<
    string,
    string
  >;
  return { i: Number(json.input_i), tp: Number(json.input_tp) };
}
