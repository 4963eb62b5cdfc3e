import { windowToSourceTime, type AsrWindow } from '../vad/plan-windows.js';
import {
  collapseRepeatedNgrams,
  compressionRatio,
  looksLikeSilenceHallucination,
  MAX_COMPRESSION_RATIO,
  speechFraction,
  wordKey,
} from './guards.js';
import { SPACELESS_LANGUAGES, splitWords } from './split-words.js';
import { segmentsFromTokens } from './timestamp-segments.js';
import type { TranscriptSegment } from './transcript.js';
import type { WhisperTokenizer } from './whisper-tokenizer.js';
import { timeWordsInSegment, wordWeight } from './word-timings.js';

export interface WindowResult {
  segments: TranscriptSegment[];
  /** Why segments were dropped ('repetition', 'silence'); a repetition is worth one retry. */
  rejected: Array<'repetition' | 'silence'>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Turns one window's decoded tokens into segments and words on the source timeline, applying the
 * guards against Whisper's failure modes: repetition loops (n-gram collapse, then the compression
 * ratio), and text where the VAD heard no speech.
 */
export function transcriptFromWindow(
  decoded: { tokens: readonly number[]; probability: number },
  window: AsrWindow,
  tokenizer: WhisperTokenizer,
  speechProbAt: (sourceSec: number) => number,
  frameSec: number,
  options: {
    /** false on the retry: like Whisper, the last attempt is kept (its n-gram loops collapsed). */
    rejectRepetition?: boolean;
    /** The language written: zh, ja, th… have no spaces between words. */
    language?: string;
  } = {},
): WindowResult {
  const { rejectRepetition = true, language = 'en' } = options;
  const spaceless = SPACELESS_LANGUAGES.has(language);
  const segments: TranscriptSegment[] = [];
  const rejected: WindowResult['rejected'] = [];
  const inWindow = (t: number) => speechProbAt(windowToSourceTime(window, t));
  const probability = round2(Math.min(1, Math.max(0, decoded.probability)));
  for (const seg of segmentsFromTokens(decoded.tokens, tokenizer, window.durationSec)) {
    const words = collapseRepeatedNgrams(splitWords(seg.tokens, tokenizer, spaceless), wordKey);
    const text = words.map((w) => w.word).join(spaceless ? '' : ' ');
    if (!text) continue;
    if (rejectRepetition && compressionRatio(text) > MAX_COMPRESSION_RATIO) {
      rejected.push('repetition');
      continue;
    }
    const speech = speechFraction(seg.start, seg.end, inWindow, frameSec);
    if (speech === 0 || (speech < 0.2 && looksLikeSilenceHallucination(text))) {
      rejected.push('silence');
      continue;
    }
    const spans = timeWordsInSegment(
      words.map((w) => wordWeight(w.word)),
      seg,
      inWindow,
      frameSec,
    );
    const toSource = (t: number) => round2(windowToSourceTime(window, t));
    const start = toSource(seg.start);
    const end = Math.max(start, toSource(seg.end));
    segments.push({
      start,
      end,
      text,
      words: words.map((w, i) => {
        const wordStart = Math.min(end, Math.max(start, toSource(spans[i]!.start)));
        return {
          start: wordStart,
          end: Math.min(end, Math.max(wordStart, toSource(spans[i]!.end))),
          word: w.word,
          probability,
        };
      }),
    });
  }
  return { segments, rejected };
}
