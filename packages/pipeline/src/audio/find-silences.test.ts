import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSilences, parseSilences } from './find-silences.js';

const padded = fileURLToPath(new URL('../../../../fixtures/media/asr-padded-speech.flac', import.meta.url));

describe('parseSilences', () => {
  it('pairs starts and ends, and closes a silence still open at the end', () => {
    const printed = [
      'frame:4    pts:4608    pts_time:0.288',
      'lavfi.silence_start=0',
      'frame:55   pts:63360   pts_time:3.96',
      'lavfi.silence_end=4.00394',
      'lavfi.silence_duration=4.00394',
      'lavfi.silence_start=8.80006',
    ].join('\n');
    expect(parseSilences(printed, 12.3)).toEqual([
      { start: 0, end: 4.00394 },
      { start: 8.80006, end: 12.3 },
    ]);
    expect(parseSilences('', 10)).toEqual([]);
    expect(parseSilences('lavfi.silence_end=3\n', 10)).toEqual([]); // an end without a start
  });
});

describe('findSilences', () => {
  it('finds the padding around the speech of a real file', async () => {
    const silences = await findSilences(padded, { durationSec: 12.29 });
    expect(silences[0]).toMatchObject({ start: 0 });
    expect(silences[0]!.end).toBeGreaterThan(3);
    expect(silences.at(-1)!.end).toBeCloseTo(12.29, 1);
  });
});
