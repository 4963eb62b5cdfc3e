import type { DurationRange } from '@kirinuki/contracts';
import type { FlatWord, Sentence } from './sentences.js';

export interface ClipWindow {
  firstSentence: number;
  lastSentence: number;
  start: number;
  end: number;
  /** Which edges landed on a shot boundary. */
  snappedStart: boolean;
  snappedEnd: boolean;
}

export interface WindowOptions {
  /** A shot boundary this close to a sentence edge moves the edge onto it (never into a word). */
  snapSec: number;
  /** Lead-in before the first word and tail after the last, taken only from silence. */
  padBeforeSec: number;
  padAfterSec: number;
}

export const DEFAULT_WINDOW_OPTIONS: WindowOptions = { snapSec: 0.5, padBeforeSec: 0.15, padAfterSec: 0.25 };

/** The largest index i with sorted[i] ≤ x, or −1. */
export function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The cut in [lo, hi] nearest to target, or null. */
function nearestCut(cuts: readonly number[], lo: number, hi: number, target: number): number | null {
  if (hi < lo) return null;
  let best: number | null = null;
  for (let i = Math.max(0, lastAtOrBefore(cuts, lo) - 1); i < cuts.length && cuts[i]! <= hi; i += 1) {
    const c = cuts[i]!;
    if (c >= lo && (best === null || Math.abs(c - target) < Math.abs(best - target))) best = c;
  }
  return best;
}

/**
 * Every span that starts at a sentence start and ends at a sentence end within the duration
 * range, with its edges padded into silence or snapped onto a nearby shot boundary.
 */
export function candidateWindows(
  sentences: readonly Sentence[],
  words: readonly FlatWord[],
  range: DurationRange,
  shotCutTimes: readonly number[],
  mediaEnd: number,
  options: WindowOptions = DEFAULT_WINDOW_OPTIONS,
): ClipWindow[] {
  const cuts = [...shotCutTimes].sort((a, b) => a - b);
  const windows: ClipWindow[] = [];
  for (let i = 0; i < sentences.length; i += 1) {
    const first = sentences[i]!;
    const silenceBefore = first.firstWord > 0 ? words[first.firstWord - 1]!.end : 0;
    const startCut = nearestCut(
      cuts,
      Math.max(silenceBefore, first.start - options.snapSec),
      first.start,
      first.start,
    );
    const paddedStart = Math.max(silenceBefore, first.start - options.padBeforeSec);
    for (let j = i; j < sentences.length; j += 1) {
      const last = sentences[j]!;
      const spoken = last.end - first.start;
      if (spoken > range.maxSec) break;
      const silenceAfter = last.lastWord + 1 < words.length ? words[last.lastWord + 1]!.start : mediaEnd;
      const endCut = nearestCut(cuts, last.end, Math.min(silenceAfter, last.end + options.snapSec), last.end);
      const paddedEnd = Math.min(silenceAfter, last.end + options.padAfterSec);
      // Try shot edges, then padding, then the bare words; keep the first that fits the range.
      const tries: Array<[number, number, boolean, boolean]> = [
        [startCut ?? paddedStart, endCut ?? paddedEnd, startCut !== null, endCut !== null],
        [startCut ?? paddedStart, paddedEnd, startCut !== null, false],
        [paddedStart, endCut ?? paddedEnd, false, endCut !== null],
        [paddedStart, paddedEnd, false, false],
        [first.start, last.end, false, false],
      ];
      const fit = tries.find(([s, e]) => e - s >= range.minSec && e - s <= range.maxSec);
      if (!fit) continue;
      windows.push({
        firstSentence: i,
        lastSentence: j,
        start: fit[0],
        end: fit[1],
        snappedStart: fit[2],
        snappedEnd: fit[3],
      });
    }
  }
  return windows;
}
