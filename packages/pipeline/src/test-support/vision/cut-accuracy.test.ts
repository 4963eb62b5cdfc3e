import { describe, expect, it } from 'vitest';
import { accuracyFromCounts, parseCutGroundTruth, scoreCuts } from './cut-accuracy.js';

describe('scoreCuts', () => {
  it.each<[number[], number[], number, [number, number, number], number]>([
    [[], [], 1, [0, 0, 0], 1],
    [[30, 180], [30, 180], 1, [2, 0, 0], 1],
    [[31, 179], [30, 180], 1, [2, 0, 0], 1],
    [[32], [30], 1, [0, 1, 1], 0],
    [[30, 31], [30], 1, [1, 1, 0], 2 / 3],
    [[], [10, 20], 1, [0, 0, 2], 0],
    [[10, 11], [10, 12], 1, [2, 0, 0], 1],
  ])('%j vs %j ±%i → tp/fp/fn %j, F1 %d', (predicted, truth, tolerance, counts, f1) => {
    const score = scoreCuts(predicted, truth, tolerance);
    expect([score.truePositives, score.falsePositives, score.falseNegatives]).toEqual(counts);
    expect(score.f1).toBeCloseTo(f1, 6);
  });

  it('sums counts into one corpus score', () => {
    expect(accuracyFromCounts(9, 1, 0).f1).toBeCloseTo((2 * 0.9) / 1.9, 6);
  });
});

describe('parseCutGroundTruth', () => {
  it('takes frame@time pairs and ignores notes and glob rows', () => {
    const tsv = [
      'file\tframes\tfps\tcuts\tsource',
      'a/testvideo.mp4\t720\t29.97\t30@1.001, 180@6.006 (PySceneDetect golden: 30,180,394)\tx',
      'a/fades.mp4\t250\t25\tno hard cuts; golden 84,167 (fades)\tx',
      'b/WDA_*.mp4\t200 each\t25\tno cuts\t-',
    ].join('\n');
    expect(parseCutGroundTruth(tsv)).toEqual([
      { file: 'a/testvideo.mp4', frames: 720, hardCuts: [30, 180] },
      { file: 'a/fades.mp4', frames: 250, hardCuts: [] },
    ]);
  });
});
