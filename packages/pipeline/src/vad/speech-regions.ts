/** Silero v5 scores 512-sample frames of 16 kHz audio: 32 ms each. */
export const VAD_FRAME_SAMPLES = 512;
export const VAD_FRAME_SEC = VAD_FRAME_SAMPLES / 16_000;

export interface SpeechRegion {
  start: number;
  end: number;
}

export interface RegionOptions {
  /** Probability that starts speech. */
  threshold: number;
  /** Probability below which speech may end (hysteresis). */
  negThreshold: number;
  /** Silence shorter than this does not end a region. */
  minSilenceSec: number;
  /** Regions shorter than this are dropped (clicks, breaths). */
  minSpeechSec: number;
  /** Added on both sides so word edges are not clipped. */
  padSec: number;
}

export const DEFAULT_REGION_OPTIONS: RegionOptions = {
  threshold: 0.5,
  negThreshold: 0.35,
  minSilenceSec: 0.3,
  minSpeechSec: 0.25,
  padSec: 0.2,
};

/** Speech regions (seconds) from per-frame speech probabilities; padded regions that touch are merged. */
export function speechRegions(
  probs: ArrayLike<number>,
  totalSec: number,
  options: RegionOptions = DEFAULT_REGION_OPTIONS,
): SpeechRegion[] {
  const raw: SpeechRegion[] = [];
  let start: number | null = null;
  let silenceFrom: number | null = null;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] ?? 0;
    const t = i * VAD_FRAME_SEC;
    if (start === null) {
      if (p >= options.threshold) start = t;
      continue;
    }
    if (p >= options.threshold) silenceFrom = null;
    else if (p < options.negThreshold) {
      silenceFrom ??= t;
      if (t + VAD_FRAME_SEC - silenceFrom >= options.minSilenceSec) {
        raw.push({ start, end: silenceFrom });
        start = null;
        silenceFrom = null;
      }
    }
  }
  if (start !== null)
    raw.push({ start, end: silenceFrom ?? Math.min(totalSec, probs.length * VAD_FRAME_SEC) });

  const merged: SpeechRegion[] = [];
  for (const r of raw.filter((r) => r.end - r.start >= options.minSpeechSec)) {
    const padded = {
      start: Math.max(0, r.start - options.padSec),
      end: Math.min(totalSec, r.end + options.padSec),
    };
    const last = merged.at(-1);
    if (last && padded.start <= last.end) last.end = Math.max(last.end, padded.end);
    else merged.push(padded);
  }
  return merged.map((r) => ({ start: round3(r.start), end: round3(r.end) }));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
