import { describe, expect, it } from 'vitest';
import { japaneseChunks, seededRandom, synthesizeTranscript } from './synthetic-transcript.js';

describe('japaneseChunks', () => {
  it.each([
    ['今日は晴れです。', ['今日は', '晴れです。']],
    ['カレーを食べる', ['カレー', 'を', '食べる']],
    ['3つのコツ', ['3', 'つの', 'コツ']],
  ])('%s', (text, expected) => {
    expect(japaneseChunks(text)).toEqual(expected);
  });
});

describe('synthesizeTranscript', () => {
  it('times words in order with pauses at sentence and paragraph ends, reproducibly', () => {
    const a = synthesizeTranscript(['One two. Three,', 'Four.']);
    const words = a.segments.flatMap((s) => s.words);
    expect(words.map((w) => w.word)).toEqual([' One', ' two.', ' Three,', ' Four.']);
    for (let i = 1; i < words.length; i += 1)
      expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
    const gap = (i: number) => words[i + 1]!.start - words[i]!.end;
    expect(gap(1)).toBeGreaterThan(gap(0));
    expect(gap(2)).toBeGreaterThan(gap(1));
    expect(a.durationSec).toBeGreaterThan(words[3]!.end);
    expect(synthesizeTranscript(['One two. Three,', 'Four.'])).toEqual(a);
  });

  it('writes Japanese without spaces', () => {
    const t = synthesizeTranscript(['今日は晴れです。'], { japanese: true });
    expect(t.language).toBe('ja');
    expect(t.segments[0]!.text).toBe('今日は晴れです。');
  });

  it('seededRandom is deterministic and in [0, 1)', () => {
    const r1 = seededRandom(3);
    const r2 = seededRandom(3);
    const values = Array.from({ length: 100 }, () => r1());
    expect(values).toEqual(Array.from({ length: 100 }, () => r2()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
