import { describe, expect, it } from 'vitest';
import { characterErrorRate, normaliseForWer, wordErrorRate } from './word-error-rate.js';

describe('wordErrorRate', () => {
  it.each<[string, string, number]>([
    ['ask not what', 'Ask not, what!', 0],
    ['a b c d', 'a x c d', 0.25],
    ['a b c d', 'a c d', 0.25],
    ['a b c d', 'a b c d e f', 0.5],
    ['a b', '', 1],
    ['', '', 0],
    ['', 'hello', 1],
    ['DISHONOURED BOSOM', 'dishonored bosom.', 0],
    ["it's well-known", 'its well known', 1 / 3],
  ])('%j vs %j → %s', (ref, hyp, wer) => expect(wordErrorRate(ref, hyp).wer).toBeCloseTo(wer, 6));

  it('normalises case, punctuation and hyphens', () => {
    expect(normaliseForWer("And so, my fellow-Americans: 'ask'")).toEqual([
      'and',
      'so',
      'my',
      'fellow',
      'americans',
      'ask',
    ]);
  });
});

describe('characterErrorRate', () => {
  it.each([
    ['これはテスト文です', 'これはテスト文です。', 0],
    ['これはテスト文です', 'これは、テスト文でした', 2],
    ['日本語ちゃんと', '日本後ちゃんと', 1],
    ['ＡＢＣ１２', 'abc12', 0],
    ['', '', 0],
  ])('%s vs %s → %i errors', (ref, hyp, errors) => {
    expect(characterErrorRate(ref, hyp).errors).toBe(errors);
  });
});
