import type { CaptionCue, CaptionLayoutOptions, CaptionWord } from './caption-types.js';
import { layoutCaptions } from './layout-captions.js';
import { hasCjk } from './text-width.js';

const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Splits edited text into caption words: by spaces for Latin, by character for Japanese. */
export function tokenizeEditedText(text: string): Array<{ text: string; spaceBefore: boolean }> {
  const tokens: Array<{ text: string; spaceBefore: boolean }> = [];
  for (const [i, chunk] of text.trim().split(/\s+/).filter(Boolean).entries()) {
    if (hasCjk(chunk)) {
      [...chunk].forEach((ch, j) =>
        tokens.push({ text: ch, spaceBefore: i > 0 && j === 0 && !hasCjk(tokens.at(-1)?.text ?? '') }),
      );
    } else tokens.push({ text: chunk, spaceBefore: tokens.length > 0 });
  }
  return tokens;
}

/** Pairs of (old index, new index) in a longest common subsequence of the words' spellings. */
function matchWords(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = dp[i] as number[];
      row[j] =
        a[i] && a[i] === b[j]
          ? 1 + ((dp[i + 1] as number[])[j + 1] as number)
          : Math.max((dp[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] && a[i] === b[j]) pairs.push([i++, j++]);
    else if (((dp[i + 1] as number[])[j] as number) >= ((dp[i] as number[])[j + 1] as number)) i += 1;
    else j += 1;
  }
  return pairs;
}

/**
 * Re-times edited words inside [spanStart, spanEnd]: words kept from the original keep their
 * times; new words share the time between their kept neighbours, by length.
 */
export function retimeWords(
  original: readonly CaptionWord[],
  text: string,
  spanStart: number,
  spanEnd: number,
): CaptionWord[] {
  const tokens = tokenizeEditedText(text);
  const oldKeys = original.map((w) => key(w.text));
  const pairs = matchWords(
    oldKeys,
    tokens.map((t) => key(t.text)),
  );
  const out: CaptionWord[] = tokens.map((t) => ({ ...t, start: NaN, end: NaN, emphasis: false }));
  for (const [i, j] of pairs) {
    const source = original[i] as CaptionWord;
    out[j] = { ...(out[j] as CaptionWord), start: source.start, end: source.end, emphasis: source.emphasis };
  }
  for (let j = 0; j < out.length;) {
    if (!Number.isNaN((out[j] as CaptionWord).start)) {
      j += 1;
      continue;
    }
    let k = j;
    while (k < out.length && Number.isNaN((out[k] as CaptionWord).start)) k += 1;
    // A run of new words [j, k): share out the gap between its kept neighbours.
    let from = j > 0 ? (out[j - 1] as CaptionWord).end : spanStart;
    const to = k < out.length ? (out[k] as CaptionWord).start : spanEnd;
    let first = j;
    if (to - from < 0.08 * (k - j) && j > 0) {
      // No room: the previous kept word gives up its exclusive time and joins the run.
      first = j - 1;
      from = (out[first] as CaptionWord).start;
    }
    const weights = out.slice(first, k).map((w) => Math.max(1, [...w.text].length));
    const total = weights.reduce((a, b) => a + b, 0);
    let t = from;
    for (let m = first; m < k; m += 1) {
      const d = (Math.max(0, to - from) * (weights[m - first] as number)) / total;
      out[m] = { ...(out[m] as CaptionWord), start: t, end: t + d };
      t += d;
    }
    j = k;
  }
  return out;
}

/**
 * Replaces the text of cue `index`, keeping it inside its original time span: returns all cues
 * with that one re-timed, split into more cues only when the new text needs more room.
 */
export function editCaptionCue(
  cues: readonly CaptionCue[],
  index: number,
  text: string,
  layout: CaptionLayoutOptions,
): CaptionCue[] {
  const cue = cues[index];
  if (!cue) throw new RangeError(`no caption cue ${index}`);
  const words = retimeWords(cue.lines.flat(), text, cue.start, cue.end);
  const relaid =
    words.length === 0
      ? []
      : layoutCaptions(words, { ...layout, pauseSec: Infinity, maxCueSec: Infinity }, cue.end).map(
          (c, i, all) => ({
            ...c,
            start: i === 0 ? cue.start : c.start,
            end: i === all.length - 1 ? cue.end : c.end,
          }),
        );
  return [...cues.slice(0, index), ...relaid, ...cues.slice(index + 1)];
}
