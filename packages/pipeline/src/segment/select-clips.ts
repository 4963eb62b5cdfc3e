import type { ClipFeatures } from './clip-features.js';
import { scoreFeatures } from './score-clip.js';
import { cosine } from './topic-boundaries.js';

export interface SelectableClip {
  start: number;
  end: number;
  features: ClipFeatures;
  /** Term counts of the clip's text, for novelty. */
  terms: Map<string, number>;
}

export interface SelectOptions {
  count: number;
  durationSec: number;
  /** Two chosen clips never share more than this share of the shorter one. */
  maxOverlapShare: number;
  /** Only the best this many candidates by their own score are considered. */
  poolSize: number;
}

/** Seconds two spans share, as a share of the shorter one. */
export function overlapShare(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (shared <= 0) return 0;
  return shared / Math.min(a.end - a.start, b.end - b.start);
}

/**
 * Greedy choice: each round takes the candidate with the best score once novelty (vocabulary the
 * chosen clips lack) and spread (distance in time from them) are set, skipping any that overlaps
 * a chosen clip too much. Returns the chosen clips with their final features and score.
 */
export function selectClips<T extends SelectableClip>(
  candidates: readonly T[],
  options: SelectOptions,
): Array<T & { score: number }> {
  const pool = candidates
    .map((c) => ({ c, base: scoreFeatures(c.features) }))
    .sort((a, b) => b.base - a.base)
    .slice(0, options.poolSize)
    .map(({ c }) => c);
  const chosen: Array<T & { score: number }> = [];
  const spacing = options.durationSec / (options.count + 1);
  const alive = new Array<boolean>(pool.length).fill(true);
  while (chosen.length < options.count) {
    let best = -1;
    let bestScore = -Infinity;
    let bestFeatures: ClipFeatures | null = null;
    for (let i = 0; i < pool.length; i += 1) {
      if (!alive[i]) continue;
      const c = pool[i]!;
      if (chosen.some((k) => overlapShare(k, c) > options.maxOverlapShare)) {
        alive[i] = false;
        continue;
      }
      let similarity = 0;
      let distance = Infinity;
      const centre = (c.start + c.end) / 2;
      for (const k of chosen) {
        similarity = Math.max(similarity, cosine(c.terms, k.terms));
        distance = Math.min(distance, Math.abs(centre - (k.start + k.end) / 2));
      }
      const features: ClipFeatures = {
        ...c.features,
        novelty: 1 - similarity,
        spread: chosen.length ? Math.min(1, distance / Math.max(spacing, 1)) : 1,
      };
      const score = scoreFeatures(features);
      if (score > bestScore) {
        bestScore = score;
        best = i;
        bestFeatures = features;
      }
    }
    if (best < 0 || !bestFeatures) break;
    alive[best] = false;
    chosen.push({ ...pool[best]!, features: bestFeatures, score: bestScore });
  }
  return chosen.sort((a, b) => b.score - a.score || a.start - b.start);
}
