import { existsSync, statSync } from 'node:fs';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { FfmpegFailedError, runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { UserFacingError } from '@kirinuki/contracts';

/** Duration (s) of a file's first audio stream (else the container's); refuses files without audio. */
export async function audioDurationSec(input: string, signal?: AbortSignal): Promise<number> {
  if (!existsSync(input)) throw new UserFacingError('FILE_NOT_FOUND', `No file at ${input}.`);
  if (!statSync(input).isFile()) throw new UserFacingError('NOT_A_FILE', `${input} is not a file.`);
  if (statSync(input).size === 0) throw new UserFacingError('EMPTY_FILE', `${input} is 0 bytes.`);
  let out: string;
  try {
    const result = await runFfmpeg({
      bin: resolveFfmpegBinaries().ffprobe.path,
      args: [
        '-v',
        'error',
        '-select_streams',
        'a:0',
        '-show_entries',
        'stream=duration:format=duration',
        '-show_entries',
        'stream=codec_type',
        '-of',
        'json',
        input,
      ],
      signal,
    });
    out = result.stdout.toString('utf8');
  } catch (error) {
    if (error instanceof FfmpegFailedError)
      throw new UserFacingError('UNSUPPORTED_FORMAT', `ffprobe cannot read ${input}.`, {
        cause: error,
        hint: 'Give an audio or video file ffmpeg can read (wav, mp3, m4a, flac, mp4, mkv…).',
      });
    throw error;
  }
  const json = JSON.parse(out) as { streams?: Array<{ duration?: string }>; format?: { duration?: string } };
  if (!json.streams?.length)
    throw new UserFacingError('NO_AUDIO_STREAM', `${input} has no audio track to transcribe.`);
  const duration = Number(json.streams[0]?.duration ?? json.format?.duration);
  return Number.isFinite(duration) && duration > 0 ? duration : 0;
}
