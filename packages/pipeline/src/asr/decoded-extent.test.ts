import { describe, expect, it } from 'vitest';
import { decodedExtentSec } from './decoded-extent.js';
import { testTokenizer, ts } from '../test-support/asr/test-tokenizer.js';

const tok = testTokenizer();

describe('decodedExtentSec', () => {
  it.each<[string, number[], number]>([
    ['closed last segment', [11, ts(0), 0, 1, ts(10.64), 10, 10], 10.64],
    ['several segments', [11, ts(0), 0, ts(3), ts(3), 1, ts(7.5), 10], 7.5],
    ['unclosed last segment runs to the end', [11, ts(0), 0, ts(3), ts(3), 1, 10], 29],
    ['no timestamps at all', [11, 0, 1, 10], 29],
    ['timestamp beyond the window', [11, ts(0), 0, ts(29.98), 10], 29],
    ['nothing', [11, ts(0), 10], 0],
  ])('%s', (_name, ids, expected) => expect(decodedExtentSec(ids, tok, 29)).toBe(expected));
});
