import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectShots } from './detect-shots.js';
import { removeImages, writeFrameJpegs, writeSprite } from './frame-images.js';
import { chooseKeyframes, filmstripTimes } from './keyframes.js';
import { ffmpegPath, makeEventsVideo } from '../test-support/vision/test-videos.js';
import { visualFeaturesPerSecond } from './visual-features.js';

const shot = (index: number, startFrame: number, endFrame: number) => ({
  index,
  startFrame,
  endFrame,
  start: startFrame / 10,
  end: (endFrame + 1) / 10,
});

describe('chooseKeyframes', () => {
  it.each<[string, number[], number]>([
    ['flat shot: the middle frame', [5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 4],
    ['the sharpest frame of the middle 60 %', [0, 0, 5, 5, 9, 5, 5, 5, 0, 0], 4],
    ['ignores contrasty frames at the edges', [50, 0, 5, 5, 5, 5, 5, 6, 0, 50], 7],
  ])('%s', (_name, std, frame) => {
    const pts = std.map((_, i) => i / 10);
    expect(chooseKeyframes([shot(0, 0, 9)], std, pts)).toEqual([{ shotIndex: 0, frame, time: frame / 10 }]);
  });
  it('handles one-frame shots', () => {
    expect(chooseKeyframes([shot(0, 0, 0), shot(1, 1, 1)], [1, 2], [0, 0.1])).toEqual([
      { shotIndex: 0, frame: 0, time: 0 },
      { shotIndex: 1, frame: 1, time: 0.1 },
    ]);
  });
});

describe('filmstripTimes', () => {
  it.each<[number, number, number[]]>([
    [10, 5, [1, 3, 5, 7, 9]],
    [3, 2, [0.75, 2.25]],
    [0, 4, []],
    [10, 0, []],
  ])('%d s in %d → %j', (d, n, times) => {
    expect(filmstripTimes(d, n)).toEqual(times);
  });
});

describe('visualFeaturesPerSecond', () => {
  it('buckets frames and face samples by second', () => {
    const frames = { pts: [0, 0.5, 1, 1.5], diff: [0, 2, 30, 4], mean: [255, 255, 0, 51] };
    const faces = [
      { t: 0, faces: [{ cx: 0.5, cy: 0.5, w: 0.2, h: 0.5, score: 0.9 }] },
      { t: 0.5, faces: [] },
      { t: 1.2, faces: [] },
    ];
    expect(visualFeaturesPerSecond(frames, faces, 2)).toEqual([
      { second: 0, visualChange: 1, brightness: 1, facePresence: 0.5, faceSize: 0.1 },
      { second: 1, visualChange: 17, brightness: 0.1, facePresence: 0, faceSize: 0 },
    ]);
  });
});

describe('keyframe and filmstrip images', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-keyframes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JPEG per shot and tiles them into a sprite', async () => {
    const video = await makeEventsVideo(path.join(dir, 'events.mp4'));
    const shots = await detectShots(video, { ffmpeg: ffmpegPath(), fps: 25, durationSec: 9 });
    const keyframes = chooseKeyframes(shots.shots, shots.features.std, shots.pts);
    expect(keyframes).toHaveLength(shots.shots.length);
    const images = await writeFrameJpegs(
      video,
      keyframes.map((k) => k.time),
      dir,
      'shot',
      90,
      { ffmpeg: ffmpegPath() },
    );
    const sprite = path.join(dir, 'sprite.jpg');
    const layout = await writeSprite(
      images,
      sprite,
      { columns: 3, cellWidth: 160, cellHeight: 90 },
      { ffmpeg: ffmpegPath() },
    );
    expect(layout).toEqual({ columns: 3, rows: 2, cellWidth: 160, cellHeight: 90, count: 5 });
    const jpeg = readFileSync(sprite);
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(jpegSize(jpeg)).toEqual({ width: 480, height: 180 });
    removeImages(images);
  });
});

/** Width and height from a JPEG's SOF marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < jpeg.length) {
    const marker = jpeg[i + 1] as number;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2)
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}
