import { describe, expect, it } from 'vitest';
import {
  blazefaceAnchors,
  decodeBlazefaceHead,
  letterboxPlacement,
  sigmoid,
  unletterbox,
} from './blazeface-decode.js';
import { intersectionOverUnion, type DetectedFace } from './face-box.js';
import { plainNms, weightedNms } from './non-max-suppression.js';

describe('blazefaceAnchors', () => {
  const [fine, coarse] = blazefaceAnchors();
  it.each<[string, number, { x: number; y: number }]>([
    ['fine first', 0, { x: 1 / 32, y: 1 / 32 }],
    ['fine second anchor of the first cell', 1, { x: 1 / 32, y: 1 / 32 }],
    ['fine second cell', 2, { x: 3 / 32, y: 1 / 32 }],
    ['fine second row', 32, { x: 1 / 32, y: 3 / 32 }],
    ['fine last', 511, { x: 31 / 32, y: 31 / 32 }],
  ])('%s', (_name, index, expected) => {
    expect(fine?.[index]).toEqual(expected);
  });
  it('has 512 + 384 anchors, the coarse ones 6 per 8×8 cell', () => {
    expect(fine).toHaveLength(512);
    expect(coarse).toHaveLength(384);
    expect(coarse?.[6]).toEqual({ x: 3 / 16, y: 1 / 16 });
  });
});

describe('decodeBlazefaceHead', () => {
  it('offsets from the anchor in input pixels and thresholds the sigmoid score', () => {
    const anchors = [
      { x: 0.25, y: 0.5 },
      { x: 0.75, y: 0.5 },
    ];
    const regressors = new Float32Array(32);
    regressors.set([12.8, -6.4, 32, 64], 0);
    regressors.set([0, 0, 10, 10], 16);
    const boxes = decodeBlazefaceHead(anchors, [2, -3], regressors, 0.5);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.cx).toBeCloseTo(0.35, 6);
    expect(boxes[0]?.cy).toBeCloseTo(0.45, 6);
    expect(boxes[0]?.w).toBeCloseTo(0.25, 6);
    expect(boxes[0]?.h).toBeCloseTo(0.5, 6);
    expect(boxes[0]?.score).toBeCloseTo(sigmoid(2), 6);
  });
});

describe('letterbox', () => {
  it.each<[number, number, ReturnType<typeof letterboxPlacement>]>([
    [1920, 1080, { contentW: 128, contentH: 72, padX: 0, padY: 28, size: 128 }],
    [1080, 1920, { contentW: 72, contentH: 128, padX: 28, padY: 0, size: 128 }],
    [512, 512, { contentW: 128, contentH: 128, padX: 0, padY: 0, size: 128 }],
  ])('%i×%i', (w, h, expected) => {
    expect(letterboxPlacement(w, h)).toEqual(expected);
  });
  it('maps a box back to picture coordinates', () => {
    const box = unletterbox(
      { cx: 0.5, cy: 0.5, w: 0.25, h: 72 / 128 / 2, score: 0.9 },
      letterboxPlacement(1920, 1080),
    );
    expect(box).toEqual({ cx: 0.5, cy: 0.5, w: 0.25, h: 0.5, score: 0.9 });
  });
});

const box = (cx: number, cy: number, w: number, score: number): DetectedFace => ({ cx, cy, w, h: w, score });

describe('non-max suppression', () => {
  it.each<[string, DetectedFace, DetectedFace, number]>([
    ['identical', box(0.5, 0.5, 0.2, 1), box(0.5, 0.5, 0.2, 1), 1],
    ['disjoint', box(0.2, 0.2, 0.1, 1), box(0.8, 0.8, 0.1, 1), 0],
    ['half shifted', box(0.5, 0.5, 0.2, 1), box(0.6, 0.5, 0.2, 1), 1 / 3],
  ])('IoU %s', (_n, a, b, iou) => {
    expect(intersectionOverUnion(a, b)).toBeCloseTo(iou, 6);
  });

  const input = [box(0.5, 0.5, 0.2, 0.9), box(0.52, 0.5, 0.2, 0.6), box(0.1, 0.1, 0.05, 0.7)];
  it('plain keeps the best of each overlapping group', () => {
    expect(plainNms(input, 0.3)).toEqual([input[0], input[2]]);
  });
  it('weighted averages each group by score and keeps the best score', () => {
    const out = weightedNms(input, 0.3);
    expect(out).toHaveLength(2);
    expect(out[0]?.cx).toBeCloseTo((0.5 * 0.9 + 0.52 * 0.6) / 1.5, 6);
    expect(out[0]?.score).toBe(0.9);
    expect(out[1]).toEqual(input[2]);
  });
  it('returns nothing for nothing', () => {
    expect(weightedNms([], 0.3)).toEqual([]);
    expect(plainNms([], 0.3)).toEqual([]);
  });
});
