import type { FfmpegProgress } from '../ffmpeg/ffmpeg-progress.js';
import { runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';

/** Short-form platforms normalise to about −14 LUFS; a little below −1 dBTP leaves room for AAC. */
export const LOUDNESS_TARGET = { integrated: -14, truePeak: -1.5, lra: 11 } as const;

export interface LoudnessMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

/** The JSON block `loudnorm=print_format=json` prints at the end of stderr. */
export function parseLoudnormJson(stderr: string): LoudnessMeasurement | null {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  let raw: Record<string, string>;
  try {
    raw = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  } catch {
    return null;
  }
  const n = (k: string) => Number(raw[k]);
  const m = {
    inputI: n('input_i'),
    inputTp: n('input_tp'),
    inputLra: n('input_lra'),
    inputThresh: n('input_thresh'),
    targetOffset: n('target_offset'),
  };
  // Silence measures as -inf: nothing to normalise.
  return Object.values(m).every(Number.isFinite) ? m : null;
}

/**
 * Second pass from the measured values. When the gain that reaches the target keeps the true
 * peak under its ceiling, it is a plain linear gain (`volume`), which is what loudnorm's linear
 * mode does, and it also works on clips under 3 s, where older loudnorm builds skip linear mode.
 * Otherwise loudnorm with the measured values limits the peaks dynamically.
 */
export function loudnessSecondPass(m: LoudnessMeasurement): string {
  const t = LOUDNESS_TARGET;
  const gain = t.integrated - m.inputI;
  if (m.inputTp + gain <= t.truePeak) return `volume=${gain.toFixed(2)}dB`;
  return (
    `loudnorm=I=${t.integrated}:TP=${t.truePeak}:LRA=${t.lra}` +
    `:measured_I=${m.inputI}:measured_TP=${m.inputTp}:measured_LRA=${m.inputLra}` +
    `:measured_thresh=${m.inputThresh}:offset=${m.targetOffset}:linear=true:print_format=summary`
  );
}

export interface MeasureLoudnessOptions {
  bin: string;
  input: string;
  /** Seconds into the input, and how long to measure. */
  start?: number;
  durationSec: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: FfmpegProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

/** First pass: loudness of the audio of [start, start+duration), without decoding the video. */
export async function measureLoudness(options: MeasureLoudnessOptions): Promise<LoudnessMeasurement | null> {
  const t = LOUDNESS_TARGET;
  const result = await runFfmpeg({
    bin: options.bin,
    args: [
      '-hide_banner',
      '-nostdin',
      '-ss',
      options.start ?? 0,
      '-t',
      options.durationSec,
      '-i',
      options.input,
      '-vn',
      '-sn',
      '-dn',
      '-af',
      `loudnorm=I=${t.integrated}:TP=${t.truePeak}:LRA=${t.lra}:print_format=json`,
      '-f',
      'null',
      '-',
    ],
    durationSec: options.durationSec,
    signal: options.signal,
    onProgress: options.onProgress,
    logger: options.logger,
  });
  return parseLoudnormJson(result.stderr);
}
