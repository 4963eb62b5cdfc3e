import { describe, expect, it } from 'vitest';
import { timeWordsInSegment, wordWeight } from './word-timings.js';

const FRAME = 0.032;
/** Speech probability from a list of speech spans (seconds). */
const speech = (spans: Array<[number, number]>) => (t: number) =>
  spans.some(([a, b]) => t >= a && t < b) ? 0.9 : 0.05;

describe('wordWeight', () => {
  it.each<[string, number]>([
    ['a', 2],
    ['hello,', 6],
    ['—', 0.5],
    ["don't", 5],
  ])('%s → %s', (w, n) => expect(wordWeight(w)).toBe(n));
});

describe('timeWordsInSegment', () => {
  it('puts word boundaries into the pauses between speech islands', () => {
    const spans = timeWordsInSegment(
      [4, 4, 4],
      { start: 0, end: 3 },
      speech([
        [0.2, 0.8],
        [1.2, 1.8],
        [2.2, 2.8],
      ]),
      FRAME,
    );
    const expected = [
      [0.2, 0.8],
      [1.2, 1.8],
      [2.2, 2.8],
    ];
    spans.forEach((s, i) => {
      expect(s.start).toBeCloseTo(expected[i]![0]!, 1);
      expect(s.end).toBeCloseTo(expected[i]![1]!, 1);
    });
  });

  it.each<[string, number[], [number, number], Array<[number, number]>]>([
    ['no speech detected: shares the whole segment', [1, 1], [0, 2], []],
    ['one word', [5], [1, 2], [[1.2, 1.6]]],
    ['many words in continuous speech', [2, 6, 3, 9, 1, 4], [0, 5], [[0, 5]]],
    ['zero-length segment', [1, 2], [3, 3], [[3, 3]]],
  ])('%s: ordered and inside the segment', (_name, weights, [start, end], speechSpans) => {
    const spans = timeWordsInSegment(weights, { start, end }, speech(speechSpans), FRAME);
    expect(spans).toHaveLength(weights.length);
    for (const [i, s] of spans.entries()) {
      expect(s.start).toBeGreaterThanOrEqual(start);
      expect(s.end).toBeLessThanOrEqual(end);
      expect(s.end).toBeGreaterThanOrEqual(s.start);
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
  });

  it('returns nothing for no words', () => {
    expect(timeWordsInSegment([], { start: 0, end: 1 }, () => 1, FRAME)).toEqual([]);
  });
});
