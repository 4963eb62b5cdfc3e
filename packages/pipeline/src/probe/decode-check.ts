import { FfmpegFailedError, runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';

export interface DecodeCheckOptions {
  ffmpeg: string;
  signal?: AbortSignal | undefined;
  logger?: CommandLogger | undefined;
}

/** The times at which pictures must decode: near the start, the middle, and the last second to the end. */
export function decodeCheckTimes(durationSec: number): number[] {
  if (durationSec <= 0) return [0];
  const end = Math.max(0, durationSec - Math.min(1, durationSec / 4));
  return [
    ...new Set(
      [Math.min(0.1, durationSec / 10), durationSec / 2, end].map((t) => Math.round(t * 1000) / 1000),
    ),
  ];
}

export interface DecodeCheck {
  frames: number;
  /** Error lines from the demuxer or video decoder ("partial file", "Error at MB"…). */
  errors: string[];
}

/**
 * Decodes small grey video frames from `timeSec`: one frame (the keyframe at or before it), or with `toEnd` every frame to the end
 * of the file (a truncated tail shows up only there). Audio is not decoded: a broken audio frame is
 * not a reason to refuse a video.
 */
export async function decodeVideoAt(
  filePath: string,
  timeSec: number,
  options: DecodeCheckOptions & { toEnd?: boolean },
): Promise<DecodeCheck> {
  const side = 16;
  try {
    const result = await runFfmpeg({
      bin: options.ffmpeg,
      args: [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        '-ss',
        timeSec.toFixed(3),
        // One picture is the keyframe the seek lands on: no decoding up to the exact time (with
        // long GOPs at a high bitrate that costs seconds and proves nothing more).
        options.toEnd ? null : '-noaccurate_seek',
        '-i',
        filePath,
        '-map',
        '0:v:0',
        options.toEnd ? null : '-frames:v',
        options.toEnd ? null : '1',
        '-vf',
        `scale=${side}:${side}`,
        '-f',
        'rawvideo',
        '-pix_fmt',
        'gray',
        '-',
      ],
      signal: options.signal,
      logger: options.logger,
      maxStdoutBytes: 64 << 20,
    });
    const errors = result.stderr
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return { frames: Math.floor(result.stdout.length / (side * side)), errors };
  } catch (error) {
    if (error instanceof FfmpegFailedError)
      return { frames: 0, errors: [error.stderrTail.trim().split('\n').pop() ?? error.message] };
    throw error;
  }
}

/** Decodes the last seconds of the first audio stream; false when that fails (a warning only). */
export async function decodesAudioTail(
  filePath: string,
  durationSec: number,
  options: DecodeCheckOptions,
): Promise<boolean> {
  try {
    const result = await runFfmpeg({
      bin: options.ffmpeg,
      args: [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        '-ss',
        Math.max(0, durationSec - 2).toFixed(3),
        '-i',
        filePath,
        '-map',
        '0:a:0',
        '-f',
        'null',
        '-',
      ],
      signal: options.signal,
      logger: options.logger,
    });
    return !/error|invalid/i.test(result.stderr);
  } catch (error) {
    if (error instanceof FfmpegFailedError) return false;
    throw error;
  }
}
