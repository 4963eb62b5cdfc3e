/** One word with its time in the source file (seconds). */
export interface TranscriptWord {
  start: number;
  end: number;
  word: string;
  /** 0–1: the decoder's confidence (see whisper-window-decoder.ts for what it is). */
  probability: number;
}

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
  words: TranscriptWord[];
}

export interface Transcript {
  language: string;
  model: string;
  backend: 'local' | 'openai';
  durationSec: number;
  segments: TranscriptSegment[];
}

export interface TranscribeProgress {
  fraction: number;
  stage: string;
  etaSec: number | null;
}
