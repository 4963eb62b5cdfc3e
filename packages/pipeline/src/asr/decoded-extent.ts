import type { WhisperTokenizer } from './whisper-tokenizer.js';

/**
 * How far into the window the decoder's output reaches (seconds): the last timestamp when the
 * output closes its last segment with one, else the whole window (an unclosed segment runs to
 * the end). Whisper often stops after a few segments of a 30 s window; the rest is decoded again
 * from here (Whisper's own "seek").
 */
export function decodedExtentSec(
  ids: readonly number[],
  tokenizer: WhisperTokenizer,
  windowSec: number,
): number {
  let lastTimestamp: number | null = null;
  let textAfterTimestamp = false;
  for (const id of ids) {
    if (id === tokenizer.special.endOfText) break;
    if (tokenizer.isTimestamp(id)) {
      lastTimestamp = tokenizer.timestampSec(id);
      textAfterTimestamp = false;
    } else if (!tokenizer.isSpecial(id)) textAfterTimestamp = true;
  }
  if (lastTimestamp === null || textAfterTimestamp) return windowSec;
  return Math.min(windowSec, lastTimestamp);
}
