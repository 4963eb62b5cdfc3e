import { describe, expect, it } from 'vitest';
import { candidateWindows, lastAtOrBefore } from './candidate-windows.js';
import type { FlatWord, Sentence } from './sentences.js';

// Three 4-second sentences of one word each, with 1 s of silence between them: 0–4, 5–9, 10–14.
const words: FlatWord[] = [0, 5, 10].map((t) => ({ start: t, end: t + 4, word: ' w.' }));
const sentences: Sentence[] = words.map((w, i) => ({
  index: i,
  firstWord: i,
  lastWord: i,
  start: w.start,
  end: w.end,
  text: 'w.',
  punctuated: true,
}));
const noPad = { snapSec: 0.5, padBeforeSec: 0, padAfterSec: 0 };

describe('candidateWindows', () => {
  const cases: Array<[string, { minSec: number; maxSec: number }, number[], Array<[number, number]>]> = [
    [
      'every sentence span within 3–9 s',
      { minSec: 3, maxSec: 9 },
      [],
      [
        [0, 4],
        [0, 9],
        [5, 9],
        [5, 14],
        [10, 14],
      ],
    ],
    ['only long spans', { minSec: 10, maxSec: 20 }, [], [[0, 14]]],
    [
      'snaps the start back onto a cut in the silence',
      { minSec: 3, maxSec: 4.5 },
      [4.6],
      [
        [0, 4],
        [4.6, 9],
        [10, 14],
      ],
    ],
    [
      'snaps the end forward onto a cut in the silence',
      { minSec: 3, maxSec: 4.5 },
      [9.3],
      [
        [0, 4],
        [5, 9.3],
        [10, 14],
      ],
    ],
    [
      'uses a cut 0.4 s before a start, not 0.6 s after an end',
      { minSec: 3, maxSec: 4.5 },
      [9.6],
      [
        [0, 4],
        [5, 9],
        [9.6, 14],
      ],
    ],
    [
      'ignores a cut inside a word',
      { minSec: 3, maxSec: 4.5 },
      [5.2],
      [
        [0, 4],
        [5, 9],
        [10, 14],
      ],
    ],
    [
      'drops the snap when it breaks the range',
      { minSec: 3, maxSec: 4.2 },
      [4.6],
      [
        [0, 4],
        [5, 9],
        [10, 14],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, range, cuts, expected) => {
    const windows = candidateWindows(sentences, words, range, cuts, 15, noPad);
    expect(windows.map((w) => [w.start, w.end])).toEqual(expected);
  });

  it('pads into silence only', () => {
    const windows = candidateWindows(sentences, words, { minSec: 3, maxSec: 5 }, [], 14.1, {
      snapSec: 0.5,
      padBeforeSec: 0.2,
      padAfterSec: 0.3,
    });
    expect(windows.map((w) => [w.start, w.end])).toEqual([
      [0, 4.3],
      [4.8, 9.3],
      [9.8, 14.1],
    ]);
  });
});

describe('lastAtOrBefore', () => {
  it.each([
    [[1, 2, 3], 0, -1],
    [[1, 2, 3], 2, 1],
    [[1, 2, 3], 9, 2],
    [[], 1, -1],
  ])('%j, %d → %d', (sorted, x, expected) => {
    expect(lastAtOrBefore(sorted, x)).toBe(expected);
  });
});
