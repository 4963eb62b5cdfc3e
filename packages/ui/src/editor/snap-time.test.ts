import { describe, expect, it } from 'vitest';
import { clampTrim, snapTime, stepToBoundary, type Boundary } from './snap-time.js';

const boundaries: Boundary[] = [
  { time: 1.0, kind: 'word-start' },
  { time: 1.4, kind: 'word-end' },
  { time: 2.0, kind: 'shot' },
  { time: 2.2, kind: 'word-start' },
];

describe('snapTime', () => {
  it.each([
    [1.1, 0.25, 1.0],
    [1.3, 0.25, 1.4],
    [3.0, 0.25, 3.0],
    [2.1, 0.25, 2.0],
    [2.15, 0.25, 2.2],
    [1.2, 0.1, 1.2],
  ])('%s with tolerance %s → %s', (time, tolerance, expected) => {
    expect(snapTime(time, boundaries, tolerance)).toBe(expected);
  });
  it('prefers a shot cut on a tie', () => {
    expect(
      snapTime(
        5,
        [
          { time: 4.9, kind: 'word-end' },
          { time: 5.1, kind: 'shot' },
        ],
        0.2,
      ),
    ).toBe(5.1);
  });
  it('leaves the time alone without boundaries', () => {
    expect(snapTime(7.3, [], 1)).toBe(7.3);
  });
});

describe('clampTrim', () => {
  it.each<[number, number, 'start' | 'end', { start: number; end: number }]>([
    [1, 5, 'start', { start: 1, end: 5 }],
    [-2, 5, 'start', { start: 0, end: 5 }],
    [1, 99, 'end', { start: 1, end: 60 }],
    [4.8, 5, 'start', { start: 4.5, end: 5 }],
    [1, 1.2, 'end', { start: 1, end: 1.5 }],
  ])('%s–%s moving %s', (start, end, moved, expected) => {
    expect(clampTrim(start, end, moved, 60)).toEqual(expected);
  });
});

describe('stepToBoundary', () => {
  it.each([
    [1.0, 1, 1.4], // from a boundary to the next one, not back to itself
    [1.0, -1, null],
    [1.2, 1, 1.4],
    [2.0, -1, 1.4],
    [2.2, 1, null],
    [0, 1, 1.0],
  ] as const)('%s stepping %s → %s', (time, direction, expected) => {
    expect(stepToBoundary(time, direction, boundaries)).toBe(expected);
  });
});
