import type { FfmpegArg } from '../ffmpeg/run-ffmpeg.js';

/**
 * The head of every ffmpeg call that reads a file's first audio track: quiet, no stdin, the part
 * `range` names (seconds; input seeking), and only that track mapped. Output options follow.
 */
export function firstAudioTrackArgs(
  input: string,
  range?: { startSec: number; endSec: number },
): FfmpegArg[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...(range
      ? ['-ss', range.startSec.toFixed(3), '-t', Math.max(0, range.endSec - range.startSec).toFixed(3)]
      : []),
    '-i',
    input,
    '-map',
    '0:a:0',
    '-vn',
  ];
}
