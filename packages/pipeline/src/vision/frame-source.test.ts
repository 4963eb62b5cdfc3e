import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '@kirinuki/contracts';
import { runningFfmpegCount } from '../ffmpeg/run-ffmpeg.js';
import { bytesPerFrame, frameFilterChain, frameSourceArgs } from './frame-source-args.js';
import { readFrames } from './frame-source.js';
import { ffmpegPath, makeEventsVideo, makeRotatedVideo } from '../test-support/vision/test-videos.js';
import type { VisionProgress } from './vision-progress.js';
import { mediaTimeProgress } from './vision-progress.js';

describe('frame source arguments', () => {
  it.each<[Parameters<typeof frameFilterChain>[0], string]>([
    [
      { width: 64, height: 36, pixelFormat: 'gray', fit: 'stretch', sampleFps: null },
      'scale=64:36:flags=area,format=gray,showinfo',
    ],
    [
      { width: 128, height: 128, pixelFormat: 'rgb24', fit: 'letterbox', sampleFps: 5 },
      'fps=5,scale=128:128:force_original_aspect_ratio=decrease:flags=area,pad=128:128:(ow-iw)/2:(oh-ih)/2,format=rgb24,showinfo',
    ],
  ])('%j → %s', (options, chain) => {
    expect(frameFilterChain(options)).toBe(chain);
  });

  it('adds decoder shortcuts only when asked, and always passes frames through one to one', () => {
    const base = {
      input: 'a.mp4',
      width: 64,
      height: 36,
      pixelFormat: 'gray',
      fit: 'stretch',
      sampleFps: null,
      threads: 0,
    } as const;
    expect(frameSourceArgs({ ...base, fastDecode: true })).toEqual(
      expect.arrayContaining(['-skip_loop_filter', 'all', '-flags2', 'fast']),
    );
    expect(frameSourceArgs({ ...base, fastDecode: false }).filter(Boolean)).not.toContain(
      '-skip_loop_filter',
    );
    expect(frameSourceArgs({ ...base, fastDecode: false })).toEqual(
      expect.arrayContaining(['-vsync', 'passthrough']),
    );
    expect(frameSourceArgs({ ...base, fastDecode: false, limitSec: 60 })).toEqual(
      expect.arrayContaining(['-t', 60]),
    );
    expect(frameSourceArgs({ ...base, fastDecode: false })).not.toContain('-t');
    expect(bytesPerFrame({ width: 64, height: 36, pixelFormat: 'gray' })).toBe(2304);
    expect(bytesPerFrame({ width: 128, height: 128, pixelFormat: 'rgb24' })).toBe(49152);
  });

  it.each<[number, number | null, number, VisionProgress]>([
    [5, 10, 2, { stage: 's', fraction: 0.5, etaSec: 2 }],
    [0, 10, 1, { stage: 's', fraction: 0, etaSec: null }],
    [12, 10, 3, { stage: 's', fraction: 1, etaSec: 0 }],
    [5, null, 2, { stage: 's', fraction: null, etaSec: null }],
  ])('progress at %d s of %s after %d s', (done, total, elapsed, expected) => {
    expect(mediaTimeProgress('s', done, total, elapsed)).toEqual(expected);
  });
});

describe('readFrames', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-frames-'));
  let events = '';
  let rotated = '';
  beforeAll(async () => {
    [events, rotated] = await Promise.all([
      makeEventsVideo(path.join(dir, 'events.mp4')),
      makeRotatedVideo(path.join(dir, 'rotated.mp4')),
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams every frame with its index and pts, and reports progress', async () => {
    const progress: VisionProgress[] = [];
    const frames: Array<[number, number, number]> = [];
    for await (const f of readFrames({
      ffmpeg: ffmpegPath(),
      input: events,
      width: 32,
      height: 18,
      pixelFormat: 'gray',
      fit: 'stretch',
      durationSec: 9,
      onProgress: (p) => progress.push(p),
    })) {
      frames.push([f.index, f.pts, f.data.length]);
    }
    expect(frames).toHaveLength(225);
    frames.forEach(([index, pts, bytes], i) => {
      expect(index).toBe(i);
      expect(pts).toBeCloseTo(i / 25, 3);
      expect(bytes).toBe(32 * 18);
    });
    expect(progress.at(-1)).toEqual({ stage: 'decoding frames', fraction: 1, etaSec: 0 });
  });

  it('resamples to a few fps as RGB', async () => {
    const pts: number[] = [];
    for await (const f of readFrames({
      ffmpeg: ffmpegPath(),
      input: events,
      width: 16,
      height: 16,
      pixelFormat: 'rgb24',
      fit: 'letterbox',
      sampleFps: 2,
    })) {
      expect(f.data.length).toBe(16 * 16 * 3);
      pts.push(f.pts);
    }
    expect(pts.length).toBeGreaterThanOrEqual(18);
    expect(pts.length).toBeLessThanOrEqual(19);
    expect(pts[3]).toBeCloseTo(1.5, 3);
  });

  it('applies the rotation flag: the left half is shown at the bottom', async () => {
    const frames: Uint8Array[] = [];
    for await (const f of readFrames({
      ffmpeg: ffmpegPath(),
      input: rotated,
      width: 4,
      height: 8,
      pixelFormat: 'gray',
      fit: 'stretch',
    })) {
      frames.push(f.data);
    }
    const first = frames[0] as Uint8Array;
    const top = first.slice(0, 16).reduce((a, b) => a + b, 0) / 16;
    const bottom = first.slice(16).reduce((a, b) => a + b, 0) / 16;
    expect(frames).toHaveLength(10);
    expect(bottom).toBeGreaterThan(200);
    expect(top).toBeLessThan(50);
  });

  it('stops ffmpeg when aborted and when the caller stops reading', async () => {
    const controller = new AbortController();
    const read = async () => {
      for await (const f of readFrames({
        ffmpeg: ffmpegPath(),
        input: events,
        width: 32,
        height: 18,
        pixelFormat: 'gray',
        fit: 'stretch',
        signal: controller.signal,
      })) {
        if (f.index === 10) controller.abort();
      }
    };
    await expect(read()).rejects.toSatisfy(isAbortError);
    for await (const f of readFrames({
      ffmpeg: ffmpegPath(),
      input: events,
      width: 32,
      height: 18,
      pixelFormat: 'gray',
      fit: 'stretch',
    })) {
      if (f.index === 5) break;
    }
    expect(runningFfmpegCount()).toBe(0);
  });
});
