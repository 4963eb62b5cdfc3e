import { describe, expect, it } from 'vitest';
import { median, wordStartErrors, type TimedWord } from './word-timing-error.js';

const w = (word: string, start: number): TimedWord => ({ word, start, end: start + 0.2 });

describe('wordStartErrors', () => {
  it.each<[string, TimedWord[], TimedWord[], number[]]>([
    ['exact', [w('a', 0), w('b', 1)], [w('A', 0), w('b.', 1)], [0, 0]],
    ['offsets', [w('a', 0), w('b', 1)], [w('a', 0.1), w('b', 0.7)], [0.1, 0.3]],
    ['inserted word skipped', [w('a', 0), w('b', 1)], [w('a', 0), w('uh', 0.5), w('b', 1.2)], [0, 0.2]],
    ['deleted word skipped', [w('a', 0), w('b', 1), w('c', 2)], [w('a', 0), w('c', 2.1)], [0, 0.1]],
    ['nothing matches', [w('a', 0)], [w('z', 0)], []],
  ])('%s', (_name, ref, hyp, expected) => {
    const got = wordStartErrors(ref, hyp);
    expect(got).toHaveLength(expected.length);
    got.forEach((e, i) => expect(e).toBeCloseTo(expected[i]!, 6));
  });
});

describe('median', () => {
  it.each<[number[], number]>([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5], 5],
  ])('%j → %s', (values, m) => expect(median(values)).toBe(m));
  it('is NaN for nothing', () => expect(median([])).toBeNaN());
});
