import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { makeGoodMedia, type GoodMedia } from '../test-support/media-corpus.js';
import { decodeCheckTimes } from './decode-check.js';
import { validateMediaFile } from './validate-media.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-validate-'));
const bins = resolveFfmpegBinaries();
const options = { ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path };
let good: GoodMedia;
beforeAll(async () => {
  good = await makeGoodMedia(dir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decodeCheckTimes', () => {
  it.each([
    [10, [0.1, 5, 9]],
    [2, [0.1, 1, 1.5]],
    [0.5, [0.05, 0.25, 0.375]],
    [0, [0]],
  ])('%s s → %j', (duration, times) => {
    expect(decodeCheckTimes(duration)).toEqual(times);
  });
});

describe('validateMediaFile accepts every container we promise', () => {
  it.each<[keyof GoodMedia, Record<string, unknown>]>([
    [
      'mp4',
      {
        container: 'mov',
        video: expect.objectContaining({ codec: 'h264', width: 160, height: 120, fps: 25, rotation: 0 }),
        audio: expect.objectContaining({ codec: 'aac' }),
      },
    ],
    ['mp4MoovAtEnd', { video: expect.objectContaining({ codec: 'h264' }) }],
    ['mov', { container: 'mov', video: expect.objectContaining({ codec: 'h264' }) }],
    [
      'mkvVp9',
      {
        container: 'matroska',
        video: expect.objectContaining({ codec: 'vp9' }),
        audio: expect.objectContaining({ codec: 'opus' }),
      },
    ],
    [
      'webmAv1',
      { container: 'matroska', video: expect.objectContaining({ codec: 'av1', width: 64, height: 64 }) },
    ],
    [
      'aviXvidAc3',
      {
        container: 'avi',
        video: expect.objectContaining({ codec: 'mpeg4' }),
        audio: expect.objectContaining({ codec: 'ac3' }),
      },
    ],
    ['rotatedMp4', { video: expect.objectContaining({ width: 108, height: 192, rotation: 90 }) }],
    ['vfrMp4', { video: expect.objectContaining({ vfr: true }), audio: null }],
    ['oddName', { video: expect.objectContaining({ codec: 'h264' }) }],
  ])('%s', async (key, expected) => {
    const { info, warnings } = await validateMediaFile(good[key], options);
    expect(info).toMatchObject(expected);
    expect(info.durationSec).toBeGreaterThan(1);
    if (key === 'vfrMp4') expect(warnings.join(' ')).toMatch(/variable frame rate/);
  });
});
