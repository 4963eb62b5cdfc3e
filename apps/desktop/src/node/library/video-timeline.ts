import type { Transcript, VisionResult } from '@kirinuki/contracts';
import { withWhisperSpacing } from '@kirinuki/pipeline/segment/whisper-spacing';

/** What the player shows beside a video: the transcript's words and the shots (empty until made). */
export interface VideoTimeline {
  durationSec: number;
  transcribed: boolean;
  /** Each word as it reads in running text: with its leading space where the language has spaces. */
  words: Array<{ start: number; end: number; word: string }>;
  shots: Array<{ index: number; start: number; end: number }>;
}

export function videoTimeline(
  durationSec: number,
  transcript: Transcript | null,
  vision: VisionResult | null,
): VideoTimeline {
  // The local ASR gives bare words; shown one after another they must not run together.
  const spaced = transcript ? withWhisperSpacing(transcript) : null;
  return {
    durationSec,
    transcribed: transcript !== null,
    words: (spaced?.segments ?? []).flatMap((s) =>
      s.words.map((w) => ({ start: w.start, end: w.end, word: w.word })),
    ),
    shots: (vision?.shots?.shots ?? []).map((s) => ({ index: s.index, start: s.start, end: s.end })),
  };
}
