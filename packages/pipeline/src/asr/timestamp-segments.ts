import type { WhisperTokenizer } from './whisper-tokenizer.js';

/** A segment as the decoder wrote it: times inside the window, text tokens between two timestamps. */
export interface TokenSegment {
  start: number;
  end: number;
  tokens: number[];
}

/**
 * Reads `<|t0|> text <|t1|><|t1|> text <|t2|>` into segments. A segment without a closing
 * timestamp ends at the window's end; times are clamped into the window and kept ordered.
 */
export function segmentsFromTokens(
  ids: readonly number[],
  tokenizer: WhisperTokenizer,
  windowSec: number,
): TokenSegment[] {
  const { endOfText } = tokenizer.special;
  const segments: TokenSegment[] = [];
  let start: number | null = null;
  let text: number[] = [];
  const close = (end: number) => {
    if (text.length) {
      const s = Math.min(start ?? 0, windowSec);
      segments.push({ start: s, end: Math.max(s, Math.min(end, windowSec)), tokens: text });
    }
    text = [];
  };
  for (const id of ids) {
    if (id === endOfText) break;
    if (tokenizer.isTimestamp(id)) {
      const t = tokenizer.timestampSec(id);
      if (text.length) close(t);
      start = Math.max(t, segments.at(-1)?.end ?? 0);
    } else if (!tokenizer.isSpecial(id)) text.push(id);
  }
  close(windowSec);
  return segments;
}
