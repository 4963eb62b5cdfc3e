import { describe, expect, it } from 'vitest';
import { defaultWindow, pk, windowDiff } from './segmentation-metrics.js';

const ref = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

describe('pk / windowDiff', () => {
  const cases: Array<[string, number[], number, number]> = [
    ['identical', ref, 0, 0],
    // k = 2, 10 probes: (2,4) (4,6) (6,8) (8,10) disagree.
    ['boundaries one unit late', [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2], 0.4, 0.4],
    ['one boundary found, one missed', [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], 0.2, 0.2],
    ['no boundaries', new Array<number>(12).fill(0), 0.4, 0.4],
  ];
  it.each(cases)('%s', (_name, hyp, expectedPk, expectedWd) => {
    expect(pk(ref, hyp)).toBeCloseTo(expectedPk, 5);
    expect(windowDiff(ref, hyp)).toBeCloseTo(expectedWd, 5);
  });

  it('WindowDiff counts an extra boundary inside a window that Pk misses', () => {
    const hyp = [0, 0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 3];
    expect(windowDiff(ref, hyp)).toBeGreaterThan(pk(ref, hyp));
  });

  it('uses half the mean reference segment length as the window', () => {
    expect(defaultWindow(ref)).toBe(2);
    expect(() => pk(ref, [0])).toThrow(/length/);
  });
});
