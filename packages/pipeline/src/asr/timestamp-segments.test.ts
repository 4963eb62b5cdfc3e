import { describe, expect, it } from 'vitest';
import { splitWords } from './split-words.js';
import { testTokenizer, ts } from '../test-support/asr/test-tokenizer.js';
import { segmentsFromTokens } from './timestamp-segments.js';

const tok = testTokenizer();

describe('segmentsFromTokens', () => {
  it.each<[string, number[], number, Array<[number, number, number[]]>]>([
    ['one segment', [11, ts(0), 0, 1, ts(2.5), 10, 10], 10, [[0, 2.5, [0, 1]]]],
    [
      'two segments with repeated boundary',
      [11, ts(0), 0, ts(1), ts(1), 3, 5, ts(3.2), 10],
      10,
      [
        [0, 1, [0]],
        [1, 3.2, [3, 5]],
      ],
    ],
    ['missing end timestamp ends at the window end', [11, ts(0.5), 7, 8], 4, [[0.5, 4, [7, 8]]]],
    ['timestamps beyond the window are clamped', [11, ts(0), 0, ts(29.98)], 12.5, [[0, 12.5, [0]]]],
    ['nothing but timestamps', [11, ts(0), ts(3), 10], 5, []],
    ['end of text stops reading', [11, ts(0), 0, ts(1), 10, 1, ts(2)], 5, [[0, 1, [0]]]],
    [
      'out-of-order timestamp never goes back',
      [11, ts(2), 0, ts(3), ts(1), 1, ts(4)],
      5,
      [
        [2, 3, [0]],
        [3, 4, [1]],
      ],
    ],
  ])('%s', (_name, ids, windowSec, expected) => {
    expect(segmentsFromTokens(ids, tok, windowSec).map((s) => [s.start, s.end, s.tokens])).toEqual(expected);
  });
});

describe('splitWords', () => {
  it.each<[number[], string[]]>([
    [
      [0, 1],
      ['hello', 'world'],
    ],
    [
      [0, 2, 1, 6],
      ['hello,', 'world.'],
    ],
    [
      [3, 4, 5],
      ['asking', 'not'],
    ],
    [
      [2, 0],
      [',', 'hello'],
    ],
    [[9], ['é']],
    [[], []],
  ])('%j → %j', (ids, words) => expect(splitWords(ids, tok).map((w) => w.word)).toEqual(words));
});
