/** One word with its time in the source file (seconds). */
export interface TranscriptWord {
  start: number;
  end: number;
  /** As Whisper emits it: English words carry their leading space and punctuation. */
  word: string;
  /** 0–1: the decoder's confidence. */
  probability: number;
}

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
  words: TranscriptWord[];
}

/** The transcribe stage's result: what the transcript JSON beside the video holds. */
export interface Transcript {
  language: string;
  model: string;
  backend: 'local' | 'openai';
  durationSec: number;
  segments: TranscriptSegment[];
}
