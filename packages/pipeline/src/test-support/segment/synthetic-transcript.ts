import type { InputSegment, InputTranscript, InputWord } from '../../segment/clip-inputs.js';

/**
 * A word-timed transcript from plain text with a simple speaking-rate model (word length sets its
 * duration, punctuation adds pauses, a seeded jitter keeps it from being regular). Used by tests
 * and the benchmark until speech synthesis → ASR fixtures replace it.
 */
export interface SpeakingModel {
  /** Seconds per word plus seconds per character. */
  wordBaseSec: number;
  charSec: number;
  gapSec: number;
  commaPauseSec: number;
  sentencePauseSec: number;
  paragraphPauseSec: number;
  /** ±share of random variation on every duration. */
  jitter: number;
  seed: number;
}

export const DEFAULT_SPEAKING_MODEL: SpeakingModel = {
  wordBaseSec: 0.12,
  charSec: 0.048,
  gapSec: 0.04,
  commaPauseSec: 0.22,
  sentencePauseSec: 0.45,
  paragraphPauseSec: 0.9,
  jitter: 0.15,
  seed: 7,
};

/** Japanese speech runs by character; a paragraph is still separated by a longer pause. */
export const JAPANESE_SPEAKING_MODEL: SpeakingModel = {
  ...DEFAULT_SPEAKING_MODEL,
  wordBaseSec: 0.05,
  charSec: 0.11,
};

/** Mulberry32: small, seeded, good enough for timing jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Japanese text in word-like chunks: a change of script (kanji, hiragana, katakana, Latin) starts a new chunk. */
export function japaneseChunks(text: string): string[] {
  const script = (c: string): string =>
    /[\u3040-\u309f]/.test(c)
      ? 'h'
      : /[\u30a0-\u30ffー]/.test(c)
        ? 'k'
        : /[\u3400-\u9fff]/.test(c)
          ? 'c'
          : /[。、！？!?」』）]/.test(c)
            ? 'p'
            : 'l';
  const chunks: string[] = [];
  for (const c of text.replace(/\s+/g, '')) {
    const last = chunks[chunks.length - 1];
    const kind = script(c);
    // Punctuation sticks to the word before it; okurigana (kanji then hiragana) stays with the kanji.
    if (
      last !== undefined &&
      (kind === 'p' ||
        script(last.slice(-1)) === kind ||
        (kind === 'h' && last.length < 3 && script(last.slice(-1)) === 'c'))
    ) {
      chunks[chunks.length - 1] = last + c;
    } else chunks.push(c);
  }
  return chunks;
}

export function synthesizeTranscript(
  paragraphs: readonly string[],
  options: { japanese?: boolean; model?: SpeakingModel; startSec?: number } = {},
): InputTranscript {
  const japanese = options.japanese ?? false;
  const model = options.model ?? (japanese ? JAPANESE_SPEAKING_MODEL : DEFAULT_SPEAKING_MODEL);
  const random = seededRandom(model.seed);
  const vary = (sec: number) => sec * (1 + (random() * 2 - 1) * model.jitter);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const segments: InputSegment[] = [];
  let t = options.startSec ?? 0.5;
  let current: InputWord[] = [];
  const flush = () => {
    if (!current.length) return;
    const text = current.map((w) => w.word).join('');
    segments.push({
      start: current[0]!.start,
      end: current[current.length - 1]!.end,
      text: japanese ? text : text.trim(),
      words: current,
    });
    current = [];
  };
  for (const paragraph of paragraphs) {
    const tokens = japanese ? japaneseChunks(paragraph) : paragraph.split(/\s+/).filter(Boolean);
    tokens.forEach((token, i) => {
      const letters = token.replace(/[^\p{L}\p{N}]/gu, '').length;
      const duration = vary(model.wordBaseSec + model.charSec * Math.max(1, letters));
      current.push({
        start: round(t),
        end: round(t + duration),
        word: japanese ? token : ` ${token}`,
        probability: 0.9,
      });
      t += duration + vary(model.gapSec);
      const last = i === tokens.length - 1;
      if (last) t += vary(model.paragraphPauseSec);
      else if (/[.?!。！？][」』"”)]*$/.test(token)) t += vary(model.sentencePauseSec);
      else if (/[,;:、]$/.test(token)) t += vary(model.commaPauseSec);
      if (last || (/[.?!。！？][」』"”)]*$/.test(token) && current.length >= 12)) flush();
    });
  }
  flush();
  return {
    language: japanese ? 'ja' : 'en',
    model: 'synthetic',
    backend: 'local',
    durationSec: round(t + 0.5),
    segments,
  };
}
