import { describe, expect, it } from 'vitest';
import type { ClipFeatures } from './clip-features.js';
import { scoreFeatures, topReasons } from './score-clip.js';
import { overlapShare, selectClips, type SelectableClip } from './select-clips.js';

function features(value: number, overrides: Partial<ClipFeatures> = {}): ClipFeatures {
  return {
    hook: value,
    completeness: value,
    density: value,
    energy: value,
    visual: value,
    novelty: 1,
    spread: 1,
    length: value,
    measures: {
      speechRate: 3,
      fillerRatio: 0,
      silenceShare: 0,
      peakAboveMedianLu: null,
      peakAtSec: null,
      burstsAtSec: [],
      facePresence: null,
      shotCuts: 0,
      startsTopic: true,
      endsTopic: true,
      crossesTopics: 0,
    },
    ...overrides,
  };
}

const clip = (start: number, end: number, value: number, words: string[]): SelectableClip => ({
  start,
  end,
  features: features(value),
  terms: new Map(words.map((w) => [w, 1])),
});

describe('overlapShare', () => {
  it.each([
    [{ start: 0, end: 10 }, { start: 5, end: 15 }, 0.5],
    [{ start: 0, end: 10 }, { start: 10, end: 20 }, 0],
    [{ start: 0, end: 30 }, { start: 10, end: 20 }, 1],
  ])('%j and %j share %d', (a, b, expected) => {
    expect(overlapShare(a, b)).toBeCloseTo(expected, 9);
  });
});

describe('selectClips', () => {
  const options = { count: 2, durationSec: 100, maxOverlapShare: 0.3, poolSize: 100 };

  it('skips a better clip that overlaps the chosen one and ranks by score', () => {
    const chosen = selectClips(
      [clip(0, 20, 0.9, ['a']), clip(5, 25, 0.85, ['b']), clip(60, 80, 0.5, ['c'])],
      options,
    );
    expect(chosen.map((c) => c.start)).toEqual([0, 60]);
    expect(chosen[0]!.score).toBeGreaterThanOrEqual(chosen[1]!.score);
  });

  it('prefers a clip with new vocabulary over a near-duplicate of the same quality', () => {
    const chosen = selectClips(
      [clip(0, 20, 0.8, ['bee', 'hive']), clip(50, 70, 0.8, ['bee', 'hive']), clip(52, 72, 0.78, ['chess'])],
      options,
    );
    expect(chosen.map((c) => c.start).sort((a, b) => a - b)).toEqual([0, 52]);
    expect(chosen.find((c) => c.start === 52)!.features.novelty).toBe(1);
  });
});

describe('scoreFeatures', () => {
  it('maps all-zero to 0 and all-one to 100, and drops missing inputs from the weights', () => {
    expect(scoreFeatures(features(0, { novelty: 0, spread: 0 }))).toBe(0);
    expect(scoreFeatures(features(1))).toBeCloseTo(100, 9);
    expect(scoreFeatures(features(1, { energy: null, visual: null }))).toBeCloseTo(100, 9);
    expect(scoreFeatures(features(0.5, { energy: null }))).toBeLessThan(
      scoreFeatures(features(0.5, { energy: 1 })),
    );
  });
});

describe('topReasons', () => {
  it('gives one reason per feature first, strongest first, and a fallback when empty', () => {
    const reasons = topReasons(
      [
        { feature: 'hook', strength: 0.7, text: 'Opens with a question' },
        { feature: 'hook', strength: 0.6, text: 'Opens with a strong claim' },
        { feature: 'energy', strength: 1, text: 'Loudest moment at 0:12' },
        { feature: 'length', strength: 0.1, text: 'Fits' },
      ],
      'fallback',
    );
    expect(reasons).toEqual(['Opens with a question', 'Loudest moment at 0:12', 'Fits']);
    expect(topReasons([], 'Complete sentences')).toEqual(['Complete sentences']);
  });
});
