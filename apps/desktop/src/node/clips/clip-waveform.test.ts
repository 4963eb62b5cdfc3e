import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Clip } from '@kirinuki/contracts';
import type { VideoRecord } from '@kirinuki/contracts';
import { clipWaveform, waveformWindow } from './clip-waveform.js';

const padded = fileURLToPath(
  new URL('../../../../../fixtures/media/asr-padded-speech.flac', import.meta.url),
);

describe('waveformWindow', () => {
  it.each([
    { clip: { start: 10, end: 20 }, duration: 100, window: { startSec: 5, endSec: 25 } },
    { clip: { start: 10, end: 12 }, duration: 100, window: { startSec: 7, endSec: 15 } }, // ≥ 3 s each side
    { clip: { start: 1, end: 30 }, duration: 35, window: { startSec: 0, endSec: 35 } }, // inside the video
  ])('$clip in $duration s → $window', ({ clip, duration, window }) => {
    expect(waveformWindow(clip, duration)).toEqual(window);
  });
});

describe('clipWaveform', () => {
  const video = { path: padded, durationSec: 12.29, hasAudio: true } as VideoRecord;
  const clip = { start: 4, end: 9 } as Clip;

  it('reads ten peaks a second around the clip, flat where the padding is silent', async () => {
    const wave = await clipWaveform(video, clip);
    expect(wave).toMatchObject({ startSec: 1, endSec: 12 });
    expect(wave.peaks).toHaveLength(110);
    expect(Math.max(...wave.peaks.slice(0, 20))).toBeLessThan(0.05); // 1–3 s
    expect(Math.max(...wave.peaks)).toBe(1);
  });

  it('is empty for a video without sound', async () => {
    expect(await clipWaveform({ ...video, hasAudio: false }, clip)).toEqual({
      startSec: 1,
      endSec: 12,
      peaks: [],
    });
  });
});
