import type { CaptionCue } from '../captions/caption-types.js';

/**
 * When to take the cover frame: the middle of the caption cue nearest a third into the clip
 * (a moment with words on screen and the subject settled), else a third in.
 */
export function chooseCoverTime(durationSec: number, cues: readonly CaptionCue[]): number {
  const goal = durationSec / 3;
  let best = goal;
  let bestDistance = Infinity;
  for (const cue of cues) {
    const middle = (cue.start + Math.min(cue.end, durationSec)) / 2;
    if (Math.abs(middle - goal) < bestDistance) {
      best = middle;
      bestDistance = Math.abs(middle - goal);
    }
  }
  return Math.max(0, Math.min(best, durationSec - 0.1));
}
