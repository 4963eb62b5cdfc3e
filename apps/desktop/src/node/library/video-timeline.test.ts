import { describe, expect, it } from 'vitest';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import { videoTimeline } from './video-timeline.js';

const transcript = (language: string, words: string[]): Transcript => ({
  language,
  model: 'whisper-tiny.en-int8',
  backend: 'local',
  durationSec: 10,
  segments: [
    {
      start: 0,
      end: words.length,
      text: words.join(''),
      words: words.map((word, i) => ({ start: i, end: i + 0.8, word, probability: 0.9 })),
    },
  ] as Transcript['segments'],
});

describe('videoTimeline', () => {
  it.each<[string, Transcript | null, string[]]>([
    ['not transcribed yet', null, []],
    [
      'bare English words get the space running text has',
      transcript('en', ['Here', 'is', 'the']),
      [' Here', ' is', ' the'],
    ],
    [
      'words Whisper already spaced stay as they are',
      transcript('en', [' Hello', ' world']),
      [' Hello', ' world'],
    ],
    ['Japanese has no spaces between words', transcript('ja', ['今日', 'は']), ['今日', 'は']],
  ])('%s', (_name, t, words) => {
    const timeline = videoTimeline(10, t, null);
    expect(timeline.transcribed).toBe(t !== null);
    expect(timeline.words.map((w) => w.word)).toEqual(words);
  });

  it('lists the shots of the vision result, and none before it is made', () => {
    const shots = {
      fps: 10,
      frameCount: 100,
      cuts: [],
      shots: [
        { index: 0, startFrame: 0, endFrame: 49, start: 0, end: 5 },
        { index: 1, startFrame: 50, endFrame: 99, start: 5, end: 10 },
      ],
    };
    expect(videoTimeline(10, null, { shots }).shots).toEqual([
      { index: 0, start: 0, end: 5 },
      { index: 1, start: 5, end: 10 },
    ]);
    expect(videoTimeline(10, null, null).shots).toEqual([]);
  });
});
