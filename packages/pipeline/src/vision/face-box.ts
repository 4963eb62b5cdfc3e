/** A detected face in normalised image coordinates (0..1, origin top-left): centre, size and score. */
export interface DetectedFace {
  cx: number;
  cy: number;
  w: number;
  h: number;
  score: number;
}

export function intersectionOverUnion(a: DetectedFace, b: DetectedFace): number {
  const x0 = Math.max(a.cx - a.w / 2, b.cx - b.w / 2);
  const x1 = Math.min(a.cx + a.w / 2, b.cx + b.w / 2);
  const y0 = Math.max(a.cy - a.h / 2, b.cy - b.h / 2);
  const y1 = Math.min(a.cy + a.h / 2, b.cy + b.h / 2);
  const inner = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.w * a.h + b.w * b.h - inner;
  return union > 0 ? inner / union : 0;
}
