import type { InputTranscript } from './clip-inputs.js';

/**
 * Scoring reads English words the way Whisper emits them (" Hello,"): a bare word is a
 * continuation there. The local ASR splits words itself, so give its words their leading space.
 */
export function withWhisperSpacing(transcript: InputTranscript): InputTranscript {
  if (transcript.language.startsWith('ja')) return transcript;
  return {
    ...transcript,
    segments: transcript.segments.map((segment) => ({
      ...segment,
      words: segment.words.map((w) => (/^\s/.test(w.word) ? w : { ...w, word: ` ${w.word}` })),
    })),
  };
}
