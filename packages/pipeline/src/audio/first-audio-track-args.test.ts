import { describe, expect, it } from 'vitest';
import { firstAudioTrackArgs } from './first-audio-track-args.js';

describe('firstAudioTrackArgs', () => {
  it.each([
    {
      range: undefined,
      args: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', 'in.mp4', '-map', '0:a:0', '-vn'],
    },
    {
      range: { startSec: 2, endSec: 6.5 },
      args: [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-ss',
        '2.000',
        '-t',
        '4.500',
        '-i',
        'in.mp4',
        '-map',
        '0:a:0',
        '-vn',
      ],
    },
    {
      range: { startSec: 5, endSec: 4 },
      args: [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-ss',
        '5.000',
        '-t',
        '0.000',
        '-i',
        'in.mp4',
        '-map',
        '0:a:0',
        '-vn',
      ],
    },
  ])('$range', ({ range, args }) => {
    expect(firstAudioTrackArgs('in.mp4', range)).toEqual(args);
  });
});
