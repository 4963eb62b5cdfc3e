import { breakCost } from './break-rules.js';
import type { CaptionCue, CaptionLayoutOptions, CaptionWord } from './caption-types.js';
import { estimateWidthEm, textColumns } from './text-width.js';

export const DEFAULT_LAYOUT: CaptionLayoutOptions = {
  maxCharsPerLine: 24,
  maxLineEm: 12,
  maxLines: 2,
  maxCueSec: 3.2,
  pauseSec: 0.7,
};

/** The text of a line as shown: words joined with their own spacing. */
export function lineText(words: readonly CaptionWord[]): string {
  return words.map((w, i) => (i > 0 && w.spaceBefore ? ' ' : '') + w.text).join('');
}

const shownText = (words: readonly CaptionWord[], options: CaptionLayoutOptions) =>
  options.uppercase ? lineText(words).toUpperCase() : lineText(words);

function fits(words: readonly CaptionWord[], options: CaptionLayoutOptions): boolean {
  const text = shownText(words, options);
  return textColumns(text) <= options.maxCharsPerLine && estimateWidthEm(text) <= options.maxLineEm;
}

/** Units on a line: words, or characters for Japanese (where a lone word is a lone character). */
const units = (words: readonly CaptionWord[]) => [...lineText(words).replace(/ /g, '')].length;

/**
 * Splits a cue's words into at most `maxLines` lines: one line when it fits, else the break that
 * best respects phrases, balances the two lines and leaves no orphan word. Null if it cannot fit.
 */
export function breakIntoLines(
  words: readonly CaptionWord[],
  options: CaptionLayoutOptions,
): { lines: CaptionWord[][]; cost: number } | null {
  if (words.length === 0) return null;
  if (fits(words, options)) return { lines: [[...words]], cost: 0 };
  if (options.maxLines < 2) return null;
  let best: { lines: CaptionWord[][]; cost: number } | null = null;
  for (let k = 1; k < words.length; k += 1) {
    const top = words.slice(0, k);
    const bottom = words.slice(k);
    if (!fits(top, options) || !fits(bottom, options)) continue;
    const phrase = breakCost(words[k - 1] as CaptionWord, words[k]);
    if (!Number.isFinite(phrase)) continue;
    const wTop = estimateWidthEm(shownText(top, options));
    const wBottom = estimateWidthEm(shownText(bottom, options));
    const imbalance = Math.abs(wTop - wBottom) / Math.max(wTop, wBottom);
    const lonely = (line: CaptionWord[]) => (line.length === 1 && words.length > 2) || units(line) < 3;
    const orphan = lonely(top) || lonely(bottom) ? 6 : 0;
    const cost = phrase + 3 * imbalance + orphan;
    if (!best || cost < best.cost) best = { lines: [top, bottom], cost };
  }
  return best;
}

/**
 * Groups words into caption cues with dynamic programming over the cue ends: each cue fits its
 * lines, never spans a long pause, stays under the time cap, and prefers to end at phrase ends.
 * A one-word cue costs extra so a word is left alone only when nothing else fits.
 */
export function layoutCaptions(
  words: readonly CaptionWord[],
  options: CaptionLayoutOptions = DEFAULT_LAYOUT,
  clipDurationSec = Infinity,
): CaptionCue[] {
  const n = words.length;
  const best: Array<{ cost: number; from: number; lines: CaptionWord[][] } | null> = [
    { cost: 0, from: -1, lines: [] },
  ];
  for (let j = 1; j <= n; j += 1) {
    best[j] = null;
    for (let i = j - 1; i >= 0; i -= 1) {
      const first = words[i] as CaptionWord;
      const last = words[j - 1] as CaptionWord;
      const span = words.slice(i, j);
      if (j - i > 1 && last.end - first.start > options.maxCueSec) break;
      if (j - i > 1 && (words[i + 1] as CaptionWord).start - first.end >= options.pauseSec) break;
      const previous = best[i];
      if (!previous) continue;
      const laid = breakIntoLines(span, options);
      if (!laid) {
        if (j - i === 1) {
          // A word wider than a line on its own still has to be shown.
          const cost = previous.cost + 20;
          if (!best[j] || cost < (best[j]?.cost ?? Infinity)) best[j] = { cost, from: i, lines: [span] };
        }
        break;
      }
      const end = breakCost(last, words[j]);
      // A sentence that ends inside a cue belongs with the previous cue, not this one.
      const inner = span.slice(0, -1).filter((w, k) => breakCost(w, span[k + 1]) === 0).length * 8;
      // A cue that opens with the last word of the previous sentence reads as an orphan.
      const tail = j - i > 1 && i > 0 && breakCost(first, span[1]) === 0 ? 5 : 0;
      const cost =
        previous.cost +
        3 +
        inner +
        tail +
        laid.cost +
        (Number.isFinite(end) ? end : 50) +
        (j - i === 1 && n > 1 ? 6 : 0);
      if (!best[j] || cost < (best[j]?.cost ?? Infinity)) best[j] = { cost, from: i, lines: laid.lines };
    }
  }
  const cues: CaptionCue[] = [];
  for (let j = n; j > 0;) {
    const step = best[j];
    if (!step) break;
    const flat = step.lines.flat();
    cues.unshift({
      start: (flat[0] as CaptionWord).start,
      end: (flat.at(-1) as CaptionWord).end,
      lines: step.lines,
    });
    j = step.from;
  }
  return settleCueTimes(cues, clipDurationSec);
}

/** Keeps each cue up until the next one (short gaps) or a moment after its last word. */
export function settleCueTimes(cues: CaptionCue[], clipDurationSec: number): CaptionCue[] {
  return cues.map((cue, i) => {
    const next = cues[i + 1];
    const linger = cue.end + 0.6;
    const end = next ? (next.start - cue.end < 0.8 ? next.start : linger) : linger;
    // At least 0.3 s on screen, but never overlapping the next cue (two cues would stack).
    const shown = Math.min(next ? next.start : Infinity, Math.max(end, cue.start + 0.3));
    return { ...cue, end: Math.min(clipDurationSec, shown) };
  });
}
