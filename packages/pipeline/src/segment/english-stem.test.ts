import { describe, expect, it } from 'vitest';
import { stemEnglish } from './english-stem.js';

describe('stemEnglish', () => {
  const groups: string[][] = [
    ['teaching', 'teaches', 'teach'],
    ['running', 'runs', 'run'],
    ['created', 'create', 'creating'],
    ['studies', 'study', 'studied'],
    ['batteries', 'battery'],
    ['gardens', 'garden', 'gardening'],
    ["volcano's", 'volcano'],
  ];
  it.each(groups)('"%s" and its family share a stem', (...words) => {
    const stems = new Set(words.map(stemEnglish));
    expect([...stems]).toHaveLength(1);
  });

  const apart: Array<[string, string]> = [
    ['ocean', 'oven'],
    ['bus', 'bush'],
    ['car', 'care'],
  ];
  it.each(apart)('"%s" and "%s" stay apart', (a, b) => {
    expect(stemEnglish(a)).not.toBe(stemEnglish(b));
  });

  it('leaves short words alone', () => {
    expect(stemEnglish('is')).toBe('is');
    expect(stemEnglish('gas')).toBe('gas');
  });
});
