import { describe, expect, it } from 'vitest';
import { withWhisperSpacing } from './whisper-spacing.js';

const transcript = (language: string, words: string[]) => ({
  language,
  model: 'whisper-tiny.en-int8',
  backend: 'local',
  durationSec: 3,
  segments: [
    {
      start: 0,
      end: 3,
      text: '',
      words: words.map((word, i) => ({ start: i, end: i + 0.5, word, probability: 0.9 })),
    },
  ],
});

describe('withWhisperSpacing', () => {
  it('gives bare English words a leading space and leaves spaced ones as they are', () => {
    const out = withWhisperSpacing(transcript('en', ['Hello,', ' world', 'again.']));
    expect(out.segments[0]!.words.map((w) => w.word)).toEqual([' Hello,', ' world', ' again.']);
  });

  it.each([
    ['ja', ['今日', 'は', '晴れ']],
    ['zh', ['今天', '天气', '好']],
    ['th', ['วันนี้', 'อากาศ']],
  ])('leaves %s alone (no spaces between words)', (language, words) => {
    expect(withWhisperSpacing(transcript(language, words)).segments[0]!.words.map((w) => w.word)).toEqual(
      words,
    );
  });
});
