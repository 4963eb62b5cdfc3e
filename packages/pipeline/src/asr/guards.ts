import { deflateRawSync } from 'node:zlib';

/** Whisper's own check: text that compresses better than this is a repetition loop. */
export const MAX_COMPRESSION_RATIO = 2.4;

export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 0;
  return bytes.length / deflateRawSync(bytes, { level: 9 }).length;
}

/**
 * Collapses an n-gram (1–6 words) repeated more than `maxRepeats` times in a row to one
 * occurrence: the signature of a decoder stuck in a loop.
 */
export function collapseRepeatedNgrams<T>(words: readonly T[], key: (w: T) => string, maxRepeats = 3): T[] {
  const out = [...words];
  for (let n = 1; n <= 6; n++) {
    for (let i = 0; i + n <= out.length; i++) {
      const gram = out
        .slice(i, i + n)
        .map(key)
        .join(' ');
      let repeats = 1;
      while (
        i + (repeats + 1) * n <= out.length &&
        out
          .slice(i + repeats * n, i + (repeats + 1) * n)
          .map(key)
          .join(' ') === gram
      )
        repeats++;
      if (repeats > maxRepeats) out.splice(i + n, (repeats - 1) * n);
    }
  }
  return out;
}

const normalise = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
export const wordKey = (w: { word: string }) => normalise(w.word);

/** Share of the span's frames that the VAD calls speech. */
export function speechFraction(
  start: number,
  end: number,
  speechProbAt: (t: number) => number,
  frameSec: number,
  threshold = 0.5,
): number {
  let speech = 0;
  let frames = 0;
  for (let t = start; t < end; t += frameSec) {
    frames++;
    if (speechProbAt(t + frameSec / 2) >= threshold) speech++;
  }
  return frames ? speech / frames : 0;
}

/** Phrases Whisper is known to invent on silence or music. */
const SILENCE_HALLUCINATIONS = [
  /^(thank you|thanks)( (so|very) much)?( for watching)?[.!]?$/i,
  /^(please )?subscribe/i,
  /^\[?(music|applause|silence|blank_audio|inaudible)\]?\.?$/i,
  /^\(.*\)$/,
  /^[.…\s-]*$/,
];

export const looksLikeSilenceHallucination = (text: string) =>
  SILENCE_HALLUCINATIONS.some((r) => r.test(text.trim()));
