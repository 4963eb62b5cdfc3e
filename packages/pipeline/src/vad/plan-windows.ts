import { VAD_FRAME_SEC, type SpeechRegion } from './speech-regions.js';

/** A stretch of the source audio placed in a window. */
export interface WindowPiece {
  srcStart: number;
  srcEnd: number;
  /** Where it starts inside the window. */
  winStart: number;
}

/** Audio for one decoder call: speech pieces joined end to end (silence between them skipped). */
export interface AsrWindow {
  pieces: WindowPiece[];
  durationSec: number;
}

/**
 * Splits regions longer than `maxSec` at their quietest frame in the last third of each
 * `maxSec` stretch (a pause between words, when there is one).
 */
export function splitLongRegions(
  regions: readonly SpeechRegion[],
  probs: ArrayLike<number>,
  maxSec: number,
): SpeechRegion[] {
  const out: SpeechRegion[] = [];
  for (const region of regions) {
    let start = region.start;
    while (region.end - start > maxSec) {
      let cut = start + maxSec;
      let best = Infinity;
      for (let t = start + (maxSec * 2) / 3; t < start + maxSec; t += VAD_FRAME_SEC) {
        const p = probs[Math.floor(t / VAD_FRAME_SEC)] ?? 1;
        if (p < best) {
          best = p;
          cut = t;
        }
      }
      out.push({ start, end: cut });
      start = cut;
    }
    out.push({ start, end: region.end });
  }
  return out;
}

/** Packs speech regions, in order, into windows of at most `maxSec` of audio. */
export function planWindows(regions: readonly SpeechRegion[], maxSec: number): AsrWindow[] {
  const windows: AsrWindow[] = [];
  let current: AsrWindow | null = null;
  for (const r of regions) {
    const length = r.end - r.start;
    if (length <= 0) continue;
    if (!current || current.durationSec + length > maxSec + 1e-9) {
      current = { pieces: [], durationSec: 0 };
      windows.push(current);
    }
    current.pieces.push({ srcStart: r.start, srcEnd: r.end, winStart: current.durationSec });
    current.durationSec += length;
  }
  return windows;
}

/** Source time of a time inside the window (a time in a skipped gap snaps to the piece it belongs to). */
export function windowToSourceTime(window: AsrWindow, t: number): number {
  const pieces = window.pieces;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i]!;
    if (t >= piece.winStart || i === 0) {
      const offset = Math.max(0, t - piece.winStart);
      return Math.min(piece.srcEnd, piece.srcStart + offset);
    }
  }
  return 0;
}

/** The part of a window from `fromSec` (window time) on, as a window of its own. */
export function windowRemainder(window: AsrWindow, fromSec: number): AsrWindow {
  const pieces: WindowPiece[] = [];
  let at = 0;
  for (const piece of window.pieces) {
    const length = piece.srcEnd - piece.srcStart;
    const pieceEnd = piece.winStart + length;
    if (pieceEnd <= fromSec + 1e-9) continue;
    const skip = Math.max(0, fromSec - piece.winStart);
    pieces.push({ srcStart: piece.srcStart + skip, srcEnd: piece.srcEnd, winStart: at });
    at += length - skip;
  }
  return { pieces, durationSec: at };
}
