import { SPACELESS_LANGUAGES } from '../asr/split-words.js';
import type { InputTranscript } from './clip-inputs.js';

/**
 * Scoring reads English words the way Whisper emits them (" Hello,"): a bare word is a
 * continuation there. The local ASR splits words itself, so give its words their leading space.
 */
export function withWhisperSpacing(transcript: InputTranscript): InputTranscript {
  // Japanese, Chinese, Thai… put no spaces between words.
  if (SPACELESS_LANGUAGES.has(transcript.language.split('-')[0]!)) return transcript;
  return {
    ...transcript,
    segments: transcript.segments.map((segment) => ({
      ...segment,
      words: segment.words.map((w) => (/^\s/.test(w.word) ? w : { ...w, word: ` ${w.word}` })),
    })),
  };
}
