import { intersectionOverUnion, type DetectedFace } from './face-box.js';

/** Keeps the best box of each overlapping group (IoU above `threshold`), best first. */
export function plainNms(boxes: readonly DetectedFace[], threshold: number): DetectedFace[] {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: DetectedFace[] = [];
  for (const box of sorted) {
    if (kept.every((k) => intersectionOverUnion(k, box) <= threshold)) kept.push(box);
  }
  return kept;
}

/**
 * MediaPipe's weighted NMS: each group of boxes overlapping the best remaining one is replaced by
 * their score-weighted average (steadier than keeping one anchor's box), with the best score.
 */
export function weightedNms(boxes: readonly DetectedFace[], threshold: number): DetectedFace[] {
  let remaining = [...boxes].sort((a, b) => b.score - a.score);
  const out: DetectedFace[] = [];
  while (remaining.length) {
    const best = remaining[0] as DetectedFace;
    const group = remaining.filter((b) => intersectionOverUnion(best, b) > threshold || b === best);
    remaining = remaining.filter((b) => !group.includes(b));
    if (group.length === 1) {
      out.push(best);
      continue;
    }
    const total = group.reduce((s, b) => s + b.score, 0);
    const avg = (key: 'cx' | 'cy' | 'w' | 'h') => group.reduce((s, b) => s + b[key] * b.score, 0) / total;
    out.push({ cx: avg('cx'), cy: avg('cy'), w: avg('w'), h: avg('h'), score: best.score });
  }
  return out;
}
