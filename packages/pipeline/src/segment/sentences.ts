import type { InputTranscript, InputWord } from './clip-inputs.js';
import { hasJapanese, isJapaneseLanguage } from './text-terms.js';

/** A word on the flat, time-ordered list clip finding works on. */
export interface FlatWord {
  start: number;
  end: number;
  /** As emitted (English with its leading space). */
  word: string;
}

export interface Sentence {
  index: number;
  /** Indices into the flat word list, inclusive. */
  firstWord: number;
  lastWord: number;
  start: number;
  end: number;
  text: string;
  /** Ended by . ? ! 。 ？ ！ rather than by a pause or a length cut. */
  punctuated: boolean;
}

export interface SentenceOptions {
  /** A silence at least this long ends a sentence even without punctuation. */
  pauseSec: number;
  /** An unpunctuated run longer than this is cut at its longest pause. */
  maxSentenceSec: number;
}

export const DEFAULT_SENTENCE_OPTIONS: SentenceOptions = { pauseSec: 1.0, maxSentenceSec: 20 };

const ENGLISH_END = /[.?!]["'”’)\]]*$/;
const JAPANESE_END = /[。！？!?][」』）)]*$/;
// A full stop after these is not the end of a sentence.
const ABBREVIATION = /(?:^|\s)(?:mr|mrs|ms|dr|prof|st|vs|etc|e\.g|i\.e|no|approx|jr|sr)\.$/i;

export function isJapaneseTranscript(transcript: InputTranscript): boolean {
  if (isJapaneseLanguage(transcript.language)) return true;
  const sample = transcript.segments
    .slice(0, 20)
    .map((s) => s.text)
    .join('');
  return hasJapanese(sample);
}

/** Words of every segment in time order, with empty ones dropped and times made monotonic. */
export function flattenWords(transcript: InputTranscript): FlatWord[] {
  const all: InputWord[] = [];
  for (const segment of transcript.segments) for (const w of segment.words) all.push(w);
  all.sort((a, b) => a.start - b.start);
  const words: FlatWord[] = [];
  let lastEnd = 0;
  for (const w of all) {
    if (!w.word.trim() || !Number.isFinite(w.start) || !Number.isFinite(w.end)) continue;
    const start = Math.max(w.start, lastEnd);
    const end = Math.max(w.end, start);
    words.push({ start, end, word: w.word });
    lastEnd = end;
  }
  return words;
}

export function joinWords(words: readonly FlatWord[], japanese: boolean): string {
  const text = words.map((w) => (japanese ? w.word.trim() : w.word)).join('');
  return japanese ? text : text.replace(/\s+/g, ' ').trim();
}

function endsSentence(words: readonly FlatWord[], i: number, japanese: boolean): boolean {
  const w = words[i]!.word.trim();
  if (japanese) return JAPANESE_END.test(w);
  if (!ENGLISH_END.test(w)) return false;
  if (/\.$/.test(w)) {
    const before = (words[i - 1]?.word ?? '') + words[i]!.word;
    if (ABBREVIATION.test(before.trim()) || ABBREVIATION.test(` ${w}`)) return false;
    // "3." followed by a digit-led word is a decimal split across tokens.
    if (/\d\.$/.test(w) && /^\d/.test(words[i + 1]?.word.trim() ?? '')) return false;
  }
  return true;
}

/** Splits [first, last] at its longest pauses until no piece is longer than maxSec. */
function splitLong(words: readonly FlatWord[], first: number, last: number, maxSec: number): number[] {
  if (words[last]!.end - words[first]!.start <= maxSec || last === first) return [last];
  let best = first;
  let bestGap = -1;
  // Prefer a comma-ended word when gaps tie; search the middle so pieces stay balanced.
  const from = first + Math.floor((last - first) / 4);
  const to = last - Math.floor((last - first) / 4);
  for (let i = Math.max(first, from); i < Math.min(last, Math.max(to, from + 1)); i += 1) {
    const gap = words[i + 1]!.start - words[i]!.end + (/[,、，]$/.test(words[i]!.word) ? 0.05 : 0);
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return [...splitLong(words, first, best, maxSec), ...splitLong(words, best + 1, last, maxSec)];
}

/** Sentences from punctuation and pauses; Japanese ends on 。！？ with no spaces between words. */
export function buildSentences(
  words: readonly FlatWord[],
  japanese: boolean,
  options: SentenceOptions = DEFAULT_SENTENCE_OPTIONS,
): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const push = (last: number, punctuated: boolean) => {
    const ends = splitLong(words, first, last, options.maxSentenceSec);
    let from = first;
    for (const end of ends) {
      const slice = words.slice(from, end + 1);
      sentences.push({
        index: sentences.length,
        firstWord: from,
        lastWord: end,
        start: words[from]!.start,
        end: words[end]!.end,
        text: joinWords(slice, japanese),
        punctuated: punctuated && end === last,
      });
      from = end + 1;
    }
    first = last + 1;
  };
  for (let i = 0; i < words.length; i += 1) {
    const next = words[i + 1];
    if (endsSentence(words, i, japanese)) push(i, true);
    else if (!next || next.start - words[i]!.end >= options.pauseSec) push(i, false);
  }
  return sentences;
}
