import { describe, expect, it } from 'vitest';
import {
  collapseRepeatedNgrams,
  compressionRatio,
  looksLikeSilenceHallucination,
  MAX_COMPRESSION_RATIO,
  speechFraction,
} from './guards.js';

const words = (s: string) => s.split(' ');

describe('collapseRepeatedNgrams', () => {
  it.each<[string, string]>([
    ['the the the the the end', 'the end'],
    ['I said I said I said I said hello', 'I said hello'],
    ['go go go', 'go go go'],
    ['a b c a b c a b c a b c a b c', 'a b c'],
    [
      'ask not what your country can do for you ask what you can do',
      'ask not what your country can do for you ask what you can do',
    ],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(collapseRepeatedNgrams(input ? words(input) : [], (w) => w).join(' ')).toBe(expected);
  });
});

describe('compressionRatio', () => {
  it.each<[string, boolean]>([
    ['And so my fellow Americans, ask not what your country can do for you.', false],
    ['Thank you. '.repeat(20), true],
    ['la la la la la la la la la la la la la la la la la la la la la la la la', true],
  ])('%j loops: %s', (text, loops) => expect(compressionRatio(text) > MAX_COMPRESSION_RATIO).toBe(loops));
  it('is 0 for empty text', () => expect(compressionRatio('')).toBe(0));
});

describe('silence guards', () => {
  it.each<[string, boolean]>([
    ['Thank you.', true],
    ['Thanks for watching!', true],
    ['[Music]', true],
    ['(upbeat music)', true],
    ['...', true],
    ['Thank you for the report on the budget.', false],
    ['Hello there.', false],
  ])('%j is a known hallucination: %s', (text, yes) => expect(looksLikeSilenceHallucination(text)).toBe(yes));

  it('measures the share of speech frames', () => {
    const prob = (t: number) => (t < 1 ? 0.9 : 0.1);
    expect(speechFraction(0, 2, prob, 0.5)).toBe(0.5);
    expect(speechFraction(1, 2, prob, 0.5)).toBe(0);
    expect(speechFraction(1, 1, prob, 0.5)).toBe(0);
  });
});
