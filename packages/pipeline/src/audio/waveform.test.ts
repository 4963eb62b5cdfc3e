import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPeakBuckets, readWaveform } from './waveform.js';

const padded = fileURLToPath(new URL('../../../../fixtures/media/asr-padded-speech.flac', import.meta.url));

describe('createPeakBuckets', () => {
  it.each([
    // samples (fed in chunks of 2), buckets → normalised peaks
    { samples: [0, 0.5, -1, 0.25], buckets: 2, peaks: [0.5, 1] },
    { samples: [0.1, -0.2, 0.2, 0.4, 0, 0], buckets: 3, peaks: [0.5, 1, 0] },
    { samples: [0, 0, 0, 0], buckets: 2, peaks: [0, 0] }, // silence is not blown up
    { samples: [0.01, 0.02], buckets: 2, peaks: [0.2, 0.4] }, // a quiet track stays quiet
    { samples: [1, 1, 1, 1, 0.5], buckets: 2, peaks: [1, 1] }, // the remainder joins the last bucket
  ])('$samples in $buckets buckets', ({ samples, buckets, peaks }) => {
    const folded = createPeakBuckets(samples.length, buckets);
    for (let i = 0; i < samples.length; i += 2) folded.add(Float32Array.from(samples.slice(i, i + 2)));
    expect(folded.peaks()).toEqual(peaks);
  });
});

describe('readWaveform', () => {
  it('shows silence as flat and speech as peaks, for any part of the file', async () => {
    const whole = await readWaveform(padded, { startSec: 0, endSec: 12, buckets: 24 });
    expect(whole.peaks).toHaveLength(24);
    expect(Math.max(...whole.peaks.slice(0, 6))).toBeLessThan(0.05); // 0–3 s: padding
    expect(Math.max(...whole.peaks.slice(22))).toBeLessThan(0.05); // 11–12 s: padding
    expect(Math.max(...whole.peaks)).toBe(1);
    const part = await readWaveform(padded, { startSec: 5, endSec: 7, buckets: 4 });
    expect(part).toMatchObject({ startSec: 5, endSec: 7 });
    expect(part.peaks.filter((p) => p > 0.05).length).toBeGreaterThanOrEqual(3);
  });
});
