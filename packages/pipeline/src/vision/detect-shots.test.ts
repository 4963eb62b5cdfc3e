import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accuracyFromCounts, parseCutGroundTruth, scoreCuts } from '../test-support/vision/cut-accuracy.js';
import { detectShots } from './detect-shots.js';
import {
  B_FRAMES_ENCODING,
  CAMERA_MOVES_VIDEO,
  EVENTS_VIDEO,
  ffmpegPath,
  makeCameraMovesVideo,
  makeEventsVideo,
  makeVfrVideo,
  VFR_VIDEO,
} from '../test-support/vision/test-videos.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-shots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectShots on generated video', () => {
  let events = '';
  let vfr = '';
  beforeAll(async () => {
    [events, vfr] = await Promise.all([
      makeEventsVideo(path.join(dir, 'events.mp4')),
      makeVfrVideo(path.join(dir, 'vfr.mp4')),
    ]);
  });

  it('finds the hard cuts exactly, the fade and the dissolve as gradual, and ignores the flash and the pan', async () => {
    const result = await detectShots(events, { ffmpeg: ffmpegPath(), fps: 25, durationSec: 9 });
    expect(result.frameCount).toBe(EVENTS_VIDEO.frames);
    const hard = result.cuts.filter((c) => c.kind === 'hard').map((c) => c.frame);
    const gradual = result.cuts.filter((c) => c.kind === 'gradual').map((c) => c.frame);
    expect(hard).toEqual(EVENTS_VIDEO.hardCuts);
    expect(gradual).toHaveLength(EVENTS_VIDEO.gradual.length);
    gradual.forEach((frame, i) =>
      expect(Math.abs(frame - (EVENTS_VIDEO.gradual[i] as number))).toBeLessThanOrEqual(3),
    );
    expect(result.cuts.every((c) => c.confidence > 0 && c.confidence <= 1)).toBe(true);
    expect(result.shots.map((s) => s.startFrame)).toEqual([0, ...result.cuts.map((c) => c.frame)]);
    expect(result.shots.at(-1)).toMatchObject({ endFrame: EVENTS_VIDEO.frames - 1, end: 9 });
    expect(result.cuts[0]).toMatchObject({ frame: 50, time: 2 });
  });

  it('finds no cut in a slow pan or a zoom (camera moves look like dissolves window by window)', async () => {
    const moves = await makeCameraMovesVideo(path.join(dir, 'moves.mp4'));
    const result = await detectShots(moves, { ffmpeg: ffmpegPath(), fps: 30, durationSec: 8 });
    expect(result.frameCount).toBe(CAMERA_MOVES_VIDEO.frames);
    // The pan meets the zoom with a hard cut at 4 s; nothing else is a boundary.
    expect(result.cuts.map((c) => [c.frame, c.kind])).toEqual([[120, 'hard']]);
    // The blend test alone would have taken some of these runs for dissolves.
    const blendOnly = result.features.blendRuns.filter(
      (r) => r.end - r.start >= 8 && r.change >= 12 && r.blendError <= 0.3 * r.change,
    );
    expect(blendOnly.length).toBeGreaterThan(0);
    expect(blendOnly.every((r) => r.unexplained < 0.7)).toBe(true);
  });

  it('keeps decoded indices and real timestamps on variable frame rate video', async () => {
    const result = await detectShots(vfr, { ffmpeg: ffmpegPath(), fps: 25, durationSec: null });
    expect(result.frameCount).toBe(VFR_VIDEO.frames);
    expect(result.cuts.map((c) => [c.frame, c.time, c.kind])).toEqual([
      [VFR_VIDEO.cutIndex, VFR_VIDEO.cutTime, 'hard'],
    ]);
    for (const [index, time] of VFR_VIDEO.pts) expect(result.pts[index]).toBeCloseTo(time, 3);
    expect(result.shots[1]).toMatchObject({ startFrame: 50, start: 2, endFrame: 84 });
  });
});

describe('detectShots decoding only the I and P frames', () => {
  it('finds the same cuts on the same frames when the cuts fall among skipped B-frames', async () => {
    const every = await detectShots(await makeEventsVideo(path.join(dir, 'events-every.mp4')), {
      ffmpeg: ffmpegPath(),
      fps: 25,
      durationSec: 9,
    });
    const video = await makeEventsVideo(path.join(dir, 'events-b.mp4'), B_FRAMES_ENCODING);
    const result = await detectShots(video, { ffmpeg: ffmpegPath(), fps: 25, durationSec: 9 });
    expect(every.sparse).toBe(false);
    expect(result.sparse).toBe(true);
    // A quarter of the frames decoded; cut 50 lies between I/P frames 48 and 52, cut 100 right after B-frames.
    expect(result.features.frameCount).toBe(Math.ceil(EVENTS_VIDEO.frames / 4));
    expect(result.frameCount).toBe(EVENTS_VIDEO.frames);
    expect(result.pts).toHaveLength(EVENTS_VIDEO.frames);
    expect(result.featurePts).toHaveLength(result.features.frameCount);
    const hard = result.cuts.filter((c) => c.kind === 'hard').map((c) => c.frame);
    expect(hard).toEqual(EVENTS_VIDEO.hardCuts);
    const gradual = result.cuts.filter((c) => c.kind === 'gradual').map((c) => c.frame);
    expect(gradual).toHaveLength(EVENTS_VIDEO.gradual.length);
    gradual.forEach((frame, i) =>
      expect(Math.abs(frame - (EVENTS_VIDEO.gradual[i] as number))).toBeLessThanOrEqual(3),
    );
    expect(result.cuts[0]).toMatchObject({ frame: 50, time: 2 });
    expect(result.shots.at(-1)).toMatchObject({ endFrame: EVENTS_VIDEO.frames - 1, end: 9 });
  });
});

// The shared eval set (real third-party media) is read in place when this checkout has it.
const EVAL_DIR = fileURLToPath(new URL('../../../../../shared/eval', import.meta.url));
const hasEval = existsSync(path.join(EVAL_DIR, 'video_cuts.tsv'));

describe.skipIf(!hasEval)('detectShots on ../shared/eval/video_pyscenedetect', () => {
  it(
    'hard-cut F1 ≥ 0.95 within ±1 frame, no cut in counter.mp4, fades only gradual',
    { timeout: 60_000 },
    async () => {
      const truth = parseCutGroundTruth(readFileSync(path.join(EVAL_DIR, 'video_cuts.tsv'), 'utf8'));
      let tp = 0;
      let fp = 0;
      let fn = 0;
      const byFile = new Map<string, Awaited<ReturnType<typeof detectShots>>>();
      for (const row of truth) {
        const result = await detectShots(path.join(EVAL_DIR, row.file), {
          ffmpeg: ffmpegPath(),
          fps: 25,
          durationSec: null,
        });
        byFile.set(path.basename(row.file), result);
        expect(result.frameCount).toBe(row.frames);
        const score = scoreCuts(
          result.cuts.filter((c) => c.kind === 'hard').map((c) => c.frame),
          row.hardCuts,
          1,
        );
        tp += score.truePositives;
        fp += score.falsePositives;
        fn += score.falseNegatives;
      }
      expect(accuracyFromCounts(tp, fp, fn).f1).toBeGreaterThanOrEqual(0.95);
      expect(byFile.get('counter.mp4')?.cuts).toEqual([]);
      const fades = byFile.get('fades.mp4')?.cuts ?? [];
      expect(fades.filter((c) => c.kind === 'hard')).toEqual([]);
      expect(fades.map((c) => c.frame)).toEqual([expect.closeTo(84, 0), expect.closeTo(167, 0)]);
      // Where the files have B-frames only the I and P frames were decoded, and the cuts stayed exact.
      expect([...byFile].filter(([, r]) => r.sparse).map(([file]) => file)).toEqual([
        'testvideo.mp4',
        'goldeneye-vfr-drop3.mp4',
        'issue-195-aspect-ratio.mp4',
        'counter.mp4',
      ]);
      expect(byFile.get('testvideo.mp4')?.cuts.map((c) => [c.frame, c.kind])).toEqual([
        [30, 'hard'],
        [180, 'hard'],
        [214, 'gradual'],
        [378, 'gradual'],
        [544, 'gradual'],
      ]);
    },
  );
});
