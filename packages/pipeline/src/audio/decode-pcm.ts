import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import type { FfmpegProgress } from '../ffmpeg/ffmpeg-progress.js';
import { FfmpegFailedError, startFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { UserFacingError } from '@kirinuki/contracts';
import { firstAudioTrackArgs } from './first-audio-track-args.js';
import { createFloat32Chunker } from './pcm-chunker.js';

export const PCM_SAMPLE_RATE = 16_000;

export interface DecodePcmOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: FfmpegProgress) => void) | undefined;
  durationSec?: number | null | undefined;
  logger?: CommandLogger | undefined;
  ffmpegPath?: string | undefined;
  /** Only this part of the file (seconds); the whole file when absent. */
  range?: { startSec: number; endSec: number } | undefined;
  /** 16 kHz unless told (a waveform needs far fewer samples). */
  sampleRate?: number | undefined;
}

/**
 * Decodes the first audio stream of any file ffmpeg reads to 16 kHz mono float32, streamed from a
 * pipe: the caller sees chunks as they come and the whole audio is never held here.
 */
export async function* decodePcm16k(
  input: string,
  options: DecodePcmOptions = {},
): AsyncGenerator<Float32Array> {
  const bin = options.ffmpegPath ?? resolveFfmpegBinaries().ffmpeg.path;
  const running = startFfmpeg({
    bin,
    args: [
      ...firstAudioTrackArgs(input, options.range),
      '-sn',
      '-dn',
      '-ac',
      '1',
      '-ar',
      options.sampleRate ?? PCM_SAMPLE_RATE,
      '-f',
      'f32le',
      '-acodec',
      'pcm_f32le',
      'pipe:1',
    ],
    stdout: 'stream',
    signal: options.signal,
    onProgress: options.onProgress,
    durationSec: options.durationSec,
    logger: options.logger,
  });
  const chunk = createFloat32Chunker();
  try {
    if (running.stdout) for await (const bytes of running.stdout) yield chunk(bytes as Buffer);
    await running.done;
  } catch (error) {
    if (error instanceof FfmpegFailedError) {
      const noAudio = /matches no streams|does not contain any stream|Stream map '0:a:0'/i.test(
        error.stderrTail,
      );
      throw new UserFacingError(
        noAudio ? 'NO_AUDIO_STREAM' : 'CORRUPT_MEDIA',
        noAudio
          ? `${input} has no audio track to transcribe.`
          : `ffmpeg could not decode the audio of ${input}.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    if (running.child && running.child.exitCode === null) running.child.kill('SIGKILL');
  }
}
