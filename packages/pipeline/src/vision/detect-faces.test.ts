import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFaces } from './detect-faces.js';
import { ffmpegPath } from '../test-support/vision/test-videos.js';

// Real talking heads from the shared eval set, read in place when this checkout has it.
const TALKING = fileURLToPath(new URL('../../../../../shared/eval/video_talking_sadtalker', import.meta.url));
const files = existsSync(TALKING) ? readdirSync(TALKING).filter((f) => f.endsWith('.mp4')) : [];

describe.skipIf(!files.length)('detectFaces on ../shared/eval/video_talking_sadtalker', () => {
  it.each(files)('%s: one track covers ≥ 95 % of sampled frames', { timeout: 30_000 }, async (file) => {
    const result = await detectFaces(path.join(TALKING, file), {
      ffmpeg: ffmpegPath(),
      width: 512,
      height: 512,
      durationSec: 8,
    });
    expect(result.sampleFps).toBe(5);
    expect(result.samples.length).toBe(40);
    expect(result.tracks).toHaveLength(1);
    const track = result.tracks[0]!;
    expect(track.coverage).toBeGreaterThanOrEqual(0.95);
    // A head-and-shoulders framing: a big face near the middle.
    for (const box of track.boxes) {
      expect(box.x + box.w / 2).toBeGreaterThan(0.3);
      expect(box.x + box.w / 2).toBeLessThan(0.7);
      expect(box.w).toBeGreaterThan(0.3);
    }
  });
});
