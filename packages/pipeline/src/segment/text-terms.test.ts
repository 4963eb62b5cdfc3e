import { describe, expect, it } from 'vitest';
import { contentTerms, englishKeywordSurfaces, hasJapanese, isJapaneseLanguage } from './text-terms.js';

describe('contentTerms', () => {
  const cases: Array<[string, boolean, string[]]> = [
    ['The bees are dancing in the hive.', false, ['bee', 'danc', 'hive']],
    ["Um, you know, it's really about gardens.", false, ['garden']],
    ['太陽光パネル', true, ['太陽', '陽光', '光パ', 'パネ', 'ネル']],
    ['これはペンです。', true, ['はペ', 'ペン', 'ンで']],
    ['AIの話', true, ['ai', 'の話']],
  ];
  it.each(cases)('%s', (text, japanese, expected) => {
    expect(contentTerms(text, japanese)).toEqual(expected);
  });
});

describe('language helpers', () => {
  it.each([
    ['ja', true],
    ['japanese', true],
    ['en', false],
  ])('isJapaneseLanguage(%s) = %s', (language, expected) => {
    expect(isJapaneseLanguage(language)).toBe(expected);
  });
  it('detects Japanese text', () => {
    expect(hasJapanese('hello')).toBe(false);
    expect(hasJapanese('こんにちは')).toBe(true);
  });
  it('picks the most frequent surface form per stem', () => {
    expect(englishKeywordSurfaces('Gardens, gardens and a garden.').get('garden')).toBe('gardens');
  });
});
