/** A time the trim handles may snap to: a word's start or end, or a shot cut. */
export interface Boundary {
  time: number;
  kind: 'word-start' | 'word-end' | 'shot';
}

/**
 * The boundary nearest to `time` within `tolerance` seconds (shot cuts win ties, since a cut
 * mid-word is rarely wanted but a cut on a shot change always looks intended), else `time`.
 */
export function snapTime(time: number, boundaries: readonly Boundary[], tolerance: number): number {
  let best: Boundary | null = null;
  let bestDistance = Infinity;
  for (const boundary of boundaries) {
    const distance = Math.abs(boundary.time - time);
    if (distance > tolerance) continue;
    const better =
      distance < bestDistance - 1e-9 ||
      (Math.abs(distance - bestDistance) <= 1e-9 && boundary.kind === 'shot');
    if (better) {
      best = boundary;
      bestDistance = distance;
    }
  }
  return best ? best.time : time;
}

/** Keeps a trim inside the video and at least `minLength` long, moving the handle being dragged. */
export function clampTrim(
  start: number,
  end: number,
  moved: 'start' | 'end',
  videoDuration: number,
  minLength = 0.5,
): { start: number; end: number } {
  const s = Math.max(0, Math.min(start, videoDuration));
  const e = Math.max(0, Math.min(end, videoDuration));
  if (e - s >= minLength) return { start: s, end: e };
  return moved === 'start'
    ? { start: Math.max(0, e - minLength), end: e }
    : { start: s, end: Math.min(videoDuration, s + minLength) };
}

/**
 * The first boundary strictly after (`direction` 1) or before (-1) `time`, for a keyboard step
 * that snapping would otherwise pull straight back; null when there is none that way.
 */
export function stepToBoundary(
  time: number,
  direction: 1 | -1,
  boundaries: readonly Boundary[],
): number | null {
  let best: number | null = null;
  for (const { time: t } of boundaries) {
    const ahead = direction === 1 ? t > time + 1e-3 : t < time - 1e-3;
    if (ahead && (best === null || (direction === 1 ? t < best : t > best))) best = t;
  }
  return best;
}
