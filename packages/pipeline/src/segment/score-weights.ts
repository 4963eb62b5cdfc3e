/**
 * The one table of how much each feature counts towards a clip's 0–100 score. Every feature is
 * 0–1; the score is 100 × Σ weight × feature / Σ weight over the features that could be measured
 * (no loudness → energy drops out and the others share its weight, never a silent zero).
 *
 * | feature      | weight | what earns it                                                        |
 * |--------------|--------|----------------------------------------------------------------------|
 * | hook         | 0.25   | first sentence is a question, a number, a strong claim or addresses you |
 * | completeness | 0.22   | starts cleanly (no "and so…"), ends on a sentence, ideally a topic end |
 * | density      | 0.15   | a lively speaking rate with few fillers and little dead air           |
 * | energy       | 0.12   | loudness peaks above the video's norm, laughter/applause-like bursts  |
 * | visual       | 0.10   | a face on screen, a big face, some picture change                     |
 * | novelty      | 0.10   | vocabulary the already chosen clips do not cover (set while choosing) |
 * | spread       | 0.03   | far from the already chosen clips in time (set while choosing)        |
 * | length       | 0.03   | close to the sweet spot of the platform's duration range              |
 */
export const SCORE_WEIGHTS = {
  hook: 0.25,
  completeness: 0.22,
  density: 0.15,
  energy: 0.12,
  visual: 0.1,
  novelty: 0.1,
  spread: 0.03,
  length: 0.03,
} as const;

export type ScoredFeature = keyof typeof SCORE_WEIGHTS;

/** Each hook signal's strength; several combine as 1 − Π(1 − s). */
export const HOOK_STRENGTH = { question: 0.7, claim: 0.55, directAddress: 0.45, number: 0.4 } as const;

/** Speaking rates that read as lively but clear: English words/s, Japanese characters/s. */
export const GOOD_RATE = {
  english: { low: 2.2, high: 3.6 },
  japanese: { low: 5.5, high: 9 },
} as const;

/** The sweet spot as a share of the way from the range's min to its max. */
export const LENGTH_SWEET_SPOT = 0.55;
