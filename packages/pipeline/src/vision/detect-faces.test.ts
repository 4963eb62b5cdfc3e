import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFaces } from './detect-faces.js';
import { detectShots } from './detect-shots.js';
import { detectShotsAndFaces, FACE_PRESENCE_SAMPLE_FPS } from './detect-shots-and-faces.js';
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

describe.skipIf(!files.length)('faces in one decode with the shots, and in a span', () => {
  const file = path.join(TALKING, files[0] ?? '');
  const common = { ffmpeg: ffmpegPath(), width: 512, height: 512, durationSec: 8, fps: 25 };

  it('finds the same shots as a shot pass alone, and a face a second', { timeout: 30_000 }, async () => {
    const [together, shotsAlone] = await Promise.all([
      detectShotsAndFaces(file, common),
      detectShots(file, common),
    ]);
    expect(together.shots.cuts).toEqual(shotsAlone.cuts);
    expect(together.shots.pts).toEqual(shotsAlone.pts);
    expect(together.faces.sampleFps).toBe(FACE_PRESENCE_SAMPLE_FPS);
    expect(together.faces.samples.map((s) => Math.round(s.t))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(together.faces.samples.every((s) => s.faces.length === 1)).toBe(true);
  });

  it(
    'tracks densely inside a span only, in media time, ending tracks at cuts',
    { timeout: 30_000 },
    async () => {
      const span = await detectFaces(file, { ...common, startSec: 2, limitSec: 4, cutTimes: [4] });
      expect(span.samples).toHaveLength(20);
      expect(span.samples[0]!.t).toBeCloseTo(2, 1);
      expect(span.samples.at(-1)!.t).toBeLessThan(6);
      expect(span.tracks.length).toBeGreaterThanOrEqual(2);
      for (const track of span.tracks) expect(track.start >= 4 || track.end <= 4).toBe(true);
    },
  );
});
