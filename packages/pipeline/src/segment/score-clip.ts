import type { ClipFeatures, WeightedReason } from './clip-features.js';
import { SCORE_WEIGHTS, type ScoredFeature } from './score-weights.js';

/** 0–100 from the weighted features that could be measured (see SCORE_WEIGHTS). */
export function scoreFeatures(features: ClipFeatures): number {
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(SCORE_WEIGHTS) as ScoredFeature[]) {
    const value = features[key];
    if (value === null) continue;
    sum += SCORE_WEIGHTS[key] * value;
    weight += SCORE_WEIGHTS[key];
  }
  return weight ? (100 * sum) / weight : 0;
}

/**
 * The clip's top reasons, strongest contribution first (feature weight × reason strength), one
 * per feature before a second of any; a clip with nothing remarkable still says what it is.
 */
export function topReasons(reasons: readonly WeightedReason[], fallback: string, limit = 3): string[] {
  const ranked = [...reasons].sort(
    (a, b) => SCORE_WEIGHTS[b.feature] * b.strength - SCORE_WEIGHTS[a.feature] * a.strength,
  );
  // The best reason of each feature first, so three reasons say three different things.
  const seen = new Set<ScoredFeature>();
  const firstPass = ranked.filter((r) => !seen.has(r.feature) && seen.add(r.feature));
  const out: string[] = [];
  for (const r of [...firstPass, ...ranked]) {
    if (!out.includes(r.text)) out.push(r.text);
    if (out.length >= limit) break;
  }
  return out.length ? out : [fallback];
}
