import { describe, expect, it } from 'vitest';
import { planWindows, splitLongRegions, windowRemainder, windowToSourceTime } from './plan-windows.js';
import { VAD_FRAME_SEC } from './speech-regions.js';

const r = (start: number, end: number) => ({ start, end });

describe('planWindows', () => {
  it.each<[string, Array<[number, number]>, number, number[][]]>([
    ['nothing', [], 30, []],
    ['one region', [[1, 5]], 30, [[1]]],
    [
      'packs regions up to the limit',
      [
        [0, 10],
        [12, 22],
        [30, 39],
        [40, 45],
      ],
      30,
      [[0, 12, 30], [40]],
    ],
    [
      'a region exactly at the limit',
      [
        [0, 30],
        [31, 32],
      ],
      30,
      [[0], [31]],
    ],
  ])('%s', (_name, regions, max, starts) => {
    const windows = planWindows(
      regions.map(([a, b]) => r(a, b)),
      max,
    );
    expect(windows.map((w) => w.pieces.map((p) => p.srcStart))).toEqual(starts);
    for (const w of windows) expect(w.durationSec).toBeLessThanOrEqual(max + 1e-9);
  });

  it('maps window time back to source time across skipped silence', () => {
    const [w] = planWindows([r(2, 5), r(10, 12)], 30);
    expect([0, 1.5, 3, 3.5, 5, 9].map((t) => windowToSourceTime(w!, t))).toEqual([2, 3.5, 10, 10.5, 12, 12]);
  });
});

describe('splitLongRegions', () => {
  it('cuts a long region at its quietest frame in the last third, keeping every piece ≤ max', () => {
    const probs = new Float32Array(Math.ceil(70 / VAD_FRAME_SEC)).fill(0.9);
    const quiet = Math.floor(25 / VAD_FRAME_SEC);
    probs[quiet] = 0.2;
    const pieces = splitLongRegions([r(0, 70)], probs, 30);
    expect(pieces[0]!.end).toBeCloseTo(quiet * VAD_FRAME_SEC, 1);
    expect(pieces.at(-1)!.end).toBe(70);
    for (const p of pieces) expect(p.end - p.start).toBeLessThanOrEqual(30 + 1e-9);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
  });

  it('leaves short regions alone', () => {
    expect(splitLongRegions([r(1, 20)], new Float32Array(1000), 30)).toEqual([r(1, 20)]);
  });
});

describe('windowRemainder', () => {
  it.each<[string, number, Array<[number, number, number]>]>([
    [
      'from the start',
      0,
      [
        [2, 5, 0],
        [10, 12, 3],
      ],
    ],
    [
      'inside the first piece',
      1,
      [
        [3, 5, 0],
        [10, 12, 2],
      ],
    ],
    ['at a piece boundary', 3, [[10, 12, 0]]],
    ['inside the last piece', 4.5, [[11.5, 12, 0]]],
    ['past the end', 6, []],
  ])('%s', (_name, from, expected) => {
    const [w] = planWindows([r(2, 5), r(10, 12)], 30);
    const rest = windowRemainder(w!, from);
    expect(rest.pieces.map((p) => [p.srcStart, p.srcEnd, p.winStart])).toEqual(expected);
    expect(rest.durationSec).toBeCloseTo(
      expected.reduce((s, [a, b]) => s + b - a, 0),
      9,
    );
  });
});
