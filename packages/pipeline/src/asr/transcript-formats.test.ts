import { describe, expect, it } from 'vitest';
import type { Transcript } from './transcript.js';
import { formatTimestamp, toSrt, toTxt, toVtt } from './transcript-formats.js';

const transcript = (segments: Array<[number, number, string]>): Transcript => ({
  language: 'en',
  model: 'm',
  backend: 'local',
  durationSec: 10,
  segments: segments.map(([start, end, text]) => ({ start, end, text, words: [] })),
});

describe('formatTimestamp', () => {
  it.each<[number, ',' | '.', string]>([
    [0, ',', '00:00:00,000'],
    [1.5, '.', '00:00:01.500'],
    [59.9996, ',', '00:01:00,000'],
    [3723.004, ',', '01:02:03,004'],
    [-2, '.', '00:00:00.000'],
    [36000, '.', '10:00:00.000'],
  ])('%s s with "%s" → %s', (s, sep, expected) => expect(formatTimestamp(s, sep)).toBe(expected));
});

describe('transcript formats', () => {
  const two = transcript([
    [0.12, 2.5, 'Hello there.'],
    [3, 4.25, 'A --> B\nsecond line'],
  ]);
  it.each<[string, (t: Transcript) => string, Transcript, string]>([
    [
      'srt',
      toSrt,
      two,
      '1\n00:00:00,120 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,250\nA --> B second line\n',
    ],
    [
      'vtt',
      toVtt,
      two,
      'WEBVTT\n\n00:00:00.120 --> 00:00:02.500\nHello there.\n\n00:00:03.000 --> 00:00:04.250\nA -> B second line\n',
    ],
    ['txt', toTxt, two, 'Hello there.\nA --> B second line\n'],
    ['srt of nothing', toSrt, transcript([]), ''],
    ['vtt of nothing', toVtt, transcript([]), 'WEBVTT\n'],
    ['txt of nothing', toTxt, transcript([]), ''],
  ])('%s', (_name, format, input, expected) => expect(format(input)).toBe(expected));
});
