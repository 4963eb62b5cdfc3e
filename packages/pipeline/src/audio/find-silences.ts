import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { firstAudioTrackArgs } from './first-audio-track-args.js';

export interface Silence {
  start: number;
  end: number;
}

/**
 * Silences from ffmpeg's silencedetect as `ametadata` prints them (`lavfi.silence_start=…`,
 * `lavfi.silence_end=…` lines). A silence still open at the end lasts until `durationSec`.
 */
export function parseSilences(printed: string, durationSec: number): Silence[] {
  const silences: Silence[] = [];
  let open: number | null = null;
  for (const line of printed.split('\n')) {
    const match = /^lavfi\.silence_(start|end)=(-?[\d.]+)/.exec(line.trim());
    if (!match) continue;
    const at = Math.max(0, Number(match[2]));
    if (match[1] === 'start') open = at;
    else if (open !== null) {
      silences.push({ start: open, end: at });
      open = null;
    }
  }
  if (open !== null && durationSec > open) silences.push({ start: open, end: durationSec });
  return silences;
}

/** The pauses in a file's first audio track (quieter than `noiseDb` for at least `minSec`). */
export async function findSilences(
  input: string,
  options: { durationSec: number; noiseDb?: number; minSec?: number; signal?: AbortSignal | undefined },
): Promise<Silence[]> {
  const { stdout } = await runFfmpeg({
    bin: resolveFfmpegBinaries().ffmpeg.path,
    args: [
      ...firstAudioTrackArgs(input),
      '-af',
      `silencedetect=noise=${options.noiseDb ?? -35}dB:d=${options.minSec ?? 0.3},ametadata=mode=print:file=-`,
      '-f',
      'null',
      '-',
    ],
    signal: options.signal,
  });
  return parseSilences(stdout.toString('utf8'), options.durationSec);
}
