import type { Shot } from './shot-list.js';

export interface Keyframe {
  shotIndex: number;
  frame: number;
  time: number;
}

/**
 * One representative frame per shot: in the middle 60 % of the shot (away from fades and the
 * frames around a cut), the frame with the most contrast, which is rarely black or blurred.
 */
export function chooseKeyframes(
  shots: readonly Shot[],
  std: readonly number[],
  pts: readonly number[],
): Keyframe[] {
  return shots.map((shot) => {
    const length = shot.endFrame - shot.startFrame + 1;
    const from = shot.startFrame + Math.floor(length * 0.2);
    const to = Math.max(from, shot.startFrame + Math.ceil(length * 0.8) - 1);
    let best = Math.floor((from + to) / 2);
    for (let i = from; i <= to; i += 1) {
      // Ties keep the frame nearest the middle; a clearly sharper frame wins.
      if ((std[i] ?? 0) > (std[best] ?? 0) + 0.5) best = i;
    }
    return { shotIndex: shot.index, frame: best, time: pts[best] ?? shot.start };
  });
}

/** `count` times spread evenly over the video, each in the middle of its slice. */
export function filmstripTimes(durationSec: number, count: number): number[] {
  if (!(durationSec > 0) || count < 1) return [];
  return Array.from({ length: count }, (_, i) => Math.round(((i + 0.5) * durationSec * 1000) / count) / 1000);
}
