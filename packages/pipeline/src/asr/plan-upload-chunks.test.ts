import { describe, expect, it } from 'vitest';
import { planUploadChunks } from './plan-upload-chunks.js';

describe('planUploadChunks', () => {
  it.each([
    { name: 'fits in one upload', duration: 50, max: 60, silences: [], chunks: [[0, 50]] },
    {
      name: 'no pause: cut at the limit',
      duration: 130,
      max: 60,
      silences: [],
      chunks: [
        [0, 60],
        [60, 120],
        [120, 130],
      ],
    },
    {
      name: 'cut in the middle of the latest pause of each second half',
      duration: 130,
      max: 60,
      silences: [
        { start: 40, end: 41 },
        { start: 52, end: 54 },
        { start: 95, end: 96 },
      ],
      chunks: [
        [0, 53],
        [53, 95.5],
        [95.5, 130],
      ],
    },
    {
      name: 'a pause in the first half is too early (the chunk would be short)',
      duration: 100,
      max: 60,
      silences: [{ start: 10, end: 12 }],
      chunks: [
        [0, 60],
        [60, 100],
      ],
    },
    {
      name: 'a pause past the limit does not count',
      duration: 100,
      max: 60,
      silences: [{ start: 59, end: 63 }],
      chunks: [
        [0, 60],
        [60, 100],
      ],
    },
  ])('$name', ({ duration, max, silences, chunks }) => {
    expect(planUploadChunks(duration, max, silences).map((c) => [c.start, c.end])).toEqual(chunks);
  });
});
