import type { CaptionWord, TimedWord } from './caption-types.js';
import { hasCjk, textColumns } from './text-width.js';

/**
 * ASR words (source time) → caption words in clip time: only those inside [start, end], text
 * trimmed, the leading space kept as a flag, and Japanese runs wider than a line split into
 * characters with their time shared out, so every unit can be placed on a line.
 */
export function prepareCaptionWords(
  words: readonly TimedWord[],
  start: number,
  end: number,
  maxCharsPerLine: number,
): CaptionWord[] {
  const out: CaptionWord[] = [];
  // Whisper marks word starts with a space; engines that do not are spaced between Latin words.
  const marksSpaces = words.some((w) => /^\s/.test(w.word));
  for (const w of words) {
    if (w.end <= start || w.start >= end) continue;
    const text = w.word.trim();
    if (!text) continue;
    const s = Math.max(0, w.start - start);
    const e = Math.min(end - start, Math.max(w.end, w.start) - start);
    const cjk = hasCjk(text);
    const previous = out.at(-1)?.text ?? '';
    const spaceBefore =
      out.length > 0 && !cjk && (marksSpaces ? /^\s/.test(w.word) : !hasCjk(previous.slice(-1)));
    if (cjk && textColumns(text) > maxCharsPerLine) {
      const chars = [...text];
      chars.forEach((ch, i) => {
        out.push({
          text: ch,
          start: s + ((e - s) * i) / chars.length,
          end: s + ((e - s) * (i + 1)) / chars.length,
          spaceBefore: false,
          emphasis: false,
        });
      });
    } else out.push({ text, start: s, end: e, spaceBefore, emphasis: false });
  }
  return out;
}
