import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_OPTIONS, speechRegions, VAD_FRAME_SEC } from './speech-regions.js';

/** Frames from a pattern: each char is one 32 ms frame ('#' speech 0.9, '~' unsure 0.4, '.' silence 0.05). */
const frames = (pattern: string) => Array.from(pattern, (c) => (c === '#' ? 0.9 : c === '~' ? 0.4 : 0.05));
const at = (frame: number) => Math.round(frame * VAD_FRAME_SEC * 1000) / 1000;
const noPad = { ...DEFAULT_REGION_OPTIONS, padSec: 0 };

describe('speechRegions', () => {
  it.each<[string, string, Array<[number, number]>]>([
    ['all silence', '..........', []],
    ['one region', '...##########.............', [[3, 13]]],
    ['unsure frames keep a region open', '..#####~~~~####............', [[2, 15]]],
    ['short pause does not split', '..########...########..............', [[2, 21]]],
    [
      'long pause splits',
      '..########..........########..........',
      [
        [2, 10],
        [20, 28],
      ],
    ],
    ['too short to be speech is dropped', '...###.................', []],
    ['speech to the end', '....##########', [[4, 14]]],
  ])('%s', (_name, pattern, expected) => {
    const probs = frames(pattern);
    const total = probs.length * VAD_FRAME_SEC;
    expect(speechRegions(probs, total, noPad)).toEqual(
      expected.map(([s, e]) => ({ start: at(s), end: at(e) })),
    );
  });

  it('pads regions and merges padded regions that touch, within the file', () => {
    const probs = frames('##########............##########');
    const total = probs.length * VAD_FRAME_SEC;
    expect(speechRegions(probs, total, { ...noPad, padSec: 0.2 })).toEqual([{ start: 0, end: at(32) }]);
    expect(speechRegions(probs, total, { ...noPad, padSec: 0.1 })).toEqual([
      { start: 0, end: 0.42 },
      { start: 0.604, end: at(32) },
    ]);
  });
});
