import { describe, expect, it } from 'vitest';
import { clampFraction, estimateEtaMs } from './progress-eta.js';

describe('estimateEtaMs', () => {
  const cases: Array<[string, number, number, number | null]> = [
    ['too early to tell', 500, 0.5, null],
    ['too little progress', 10_000, 0.005, null],
    ['half done in 10 s: 10 s left', 10_000, 0.5, 10_000],
    ['a quarter in 3 s: 9 s left', 3_000, 0.25, 9_000],
    ['done', 5_000, 1, 0],
    ['NaN fraction', 5_000, Number.NaN, null],
  ];
  it.each(cases)('%s', (_name, elapsed, fraction, expected) => {
    expect(estimateEtaMs(1_000, 1_000 + elapsed, fraction)).toBe(expected);
  });
});

describe('clampFraction', () => {
  it.each([
    [-1, 0],
    [0.3, 0.3],
    [7, 1],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ])('%d → %d', (input, expected) => expect(clampFraction(input)).toBe(expected));
});
