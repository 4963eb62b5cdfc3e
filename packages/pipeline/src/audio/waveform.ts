import { decodePcm16k } from './decode-pcm.js';

export interface Waveform {
  startSec: number;
  endSec: number;
  /** One value per equal slice of [startSec, endSec]: the slice's peak level, 0…1 of the loudest. */
  peaks: number[];
}

const WAVEFORM_SAMPLE_RATE = 8000;

/**
 * Folds samples into `buckets` running peaks (absolute amplitude), as they stream in: `add` one
 * chunk at a time, `peaks()` at the end. Samples past the last bucket go into it.
 */
export function createPeakBuckets(totalSamples: number, buckets: number) {
  const peaks = new Float32Array(Math.max(0, buckets));
  const perBucket = Math.max(1, totalSamples / Math.max(1, buckets));
  let at = 0;
  return {
    add(samples: Float32Array): void {
      for (let i = 0; i < samples.length; i++, at++) {
        const bucket = Math.min(peaks.length - 1, Math.floor(at / perBucket));
        const level = Math.abs(samples[i]!);
        if (bucket >= 0 && level > peaks[bucket]!) peaks[bucket] = level;
      }
    },
    /** Normalised to the loudest bucket; silence stays 0 (a quiet floor is not blown up to full). */
    peaks(): number[] {
      const loudest = Math.max(0.05, ...peaks);
      return Array.from(peaks, (p) => Math.round((Math.min(1, p / loudest) || 0) * 1000) / 1000);
    },
  };
}

/** The waveform of one part of a file's first audio track, for trim handles to sit on. */
export async function readWaveform(
  input: string,
  options: { startSec: number; endSec: number; buckets: number; signal?: AbortSignal | undefined },
): Promise<Waveform> {
  const { startSec, endSec } = options;
  const folded = createPeakBuckets(Math.round((endSec - startSec) * WAVEFORM_SAMPLE_RATE), options.buckets);
  for await (const chunk of decodePcm16k(input, {
    signal: options.signal,
    range: { startSec, endSec },
    sampleRate: WAVEFORM_SAMPLE_RATE,
  }))
    folded.add(chunk);
  return { startSec, endSec, peaks: folded.peaks() };
}
