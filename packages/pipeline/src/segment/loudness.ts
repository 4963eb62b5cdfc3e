import type { FfmpegProgress } from '../ffmpeg/ffmpeg-progress.js';
import { runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import type { LoudnessSecond } from './clip-inputs.js';

/** Below this a second counts as silence (EBU R128's absolute gate). */
export const SILENCE_LUFS = -70;

/**
 * Parses what `ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M` prints for 100 ms frames
 * ("frame:N pts:… pts_time:T" then "lavfi.r128.M=L") into one loudness per whole second: the
 * energy mean of the momentary loudness of that second's frames.
 */
export function parseMomentaryLoudness(text: string): LoudnessSecond[] {
  const energy = new Map<number, { sum: number; n: number }>();
  let time: number | null = null;
  for (const line of text.split('\n')) {
    const frame = /pts_time:(-?[\d.]+)/.exec(line);
    if (frame) {
      time = Number(frame[1]);
      continue;
    }
    const value = /lavfi\.r128\.M=(-?[\d.]+|-?inf|nan)/i.exec(line);
    if (!value || time === null || !Number.isFinite(time)) continue;
    const lufs = Number(value[1]);
    // The reading after the frame at T covers [T − 0.3, T + 0.1): file it under its centre.
    const second = Math.max(0, Math.floor(time - 0.1 + 1e-6));
    const bucket = energy.get(second) ?? { sum: 0, n: 0 };
    bucket.sum += Number.isFinite(lufs)
      ? 10 ** (Math.max(lufs, SILENCE_LUFS) / 10)
      : 10 ** (SILENCE_LUFS / 10);
    bucket.n += 1;
    energy.set(second, bucket);
    time = null;
  }
  return [...energy]
    .sort((a, b) => a[0] - b[0])
    .map(([t, { sum, n }]) => ({ t, lufs: Math.round(10 * Math.log10(sum / n) * 10) / 10 }));
}

export interface LoudnessPerSecondOptions {
  /** ffmpeg binary, from resolveFfmpegBinaries().ffmpeg.path. */
  bin: string;
  input: string;
  durationSec?: number | null | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: FfmpegProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

/** Loudness of every second of the input's audio, in one decoding pass without the video. */
export async function loudnessPerSecond(options: LoudnessPerSecondOptions): Promise<LoudnessSecond[]> {
  const result = await runFfmpeg({
    bin: options.bin,
    args: [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-i',
      options.input,
      '-vn',
      '-sn',
      '-dn',
      '-af',
      // 100 ms frames at 48 kHz: ten momentary readings per second, printed to stdout.
      'aresample=48000,asetnsamples=n=4800:p=0,ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M:file=-',
      '-f',
      'null',
      '-',
    ],
    durationSec: options.durationSec ?? null,
    signal: options.signal,
    onProgress: options.onProgress,
    logger: options.logger,
  });
  return parseMomentaryLoudness(result.stdout.toString('utf8'));
}
