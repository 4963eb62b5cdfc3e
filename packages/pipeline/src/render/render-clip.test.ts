import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimedWord } from '../captions/caption-types.js';
import { isAbortError } from '@kirinuki/contracts';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { runFfprobeJson, probeMedia } from '../probe/probe-media.js';
import type { MediaInfo } from '../probe/media-info.js';
import { topLevelAtoms } from './mp4-atoms.js';
import { PLATFORM_NAMES, RENDER_PRESETS, type PlatformName } from './platform-presets.js';
import { renderClip, type RenderedClip, type RenderClipOptions } from './render-clip.js';
import {
  boxFaceTrack,
  grayFrame,
  makeBoxVideo,
  measuredLoudness,
  TEST_SOURCE,
} from '../test-support/render/render-test-media.js';

const bins = resolveFfmpegBinaries({});
const ffmpeg = bins.ffmpeg.path;
const dir = mkdtempSync(path.join(os.tmpdir(), 'kirinuki-render-test-'));
const CLIP = { start: 0.3, end: 2.3 };
const MOVING = (t: number) => 60 + 90 * t;
const STILL = () => 500;
// Two cues: "Hello world." 0.4–1.4 s of the clip, a gap, then "Again." from 1.7 s.
const WORDS: TimedWord[] = [
  { start: 0.7, end: 0.9, word: ' Hello', probability: 0.9 },
  { start: 0.9, end: 1.1, word: ' world.', probability: 0.9 },
  { start: 2.0, end: 2.2, word: ' Again.', probability: 0.9 },
];

let moving: { file: string; info: MediaInfo };
let still: { file: string; info: MediaInfo };
const rendered = new Map<string, RenderedClip>();

async function source(name: string, xExpr: string) {
  const file = await makeBoxVideo(ffmpeg, path.join(dir, name), { durationSec: 2.6, xExpr });
  return { file, info: await probeMedia(file, statSync(file).size, { ffprobe: bins.ffprobe.path }) };
}

function options(platform: PlatformName, style: RenderClipOptions['style'], src = moving, path_ = MOVING) {
  return {
    source: src.file,
    mediaInfo: src.info,
    ...CLIP,
    words: WORDS,
    faces: boxFaceTrack(path_, 2.6),
    platform,
    style,
    outDir: path.join(dir, 'out'),
    name: `${platform}-${style}`,
  } satisfies RenderClipOptions;
}

beforeAll(async () => {
  moving = await source('moving.mp4', `60+90*t`);
  still = await source('still.mp4', '500');
  for (const platform of PLATFORM_NAMES) {
    const src = platform === 'square' ? still : moving;
    rendered.set(
      platform,
      await renderClip(options(platform, 'highlight', src, platform === 'square' ? STILL : MOVING)),
    );
  }
  rendered.set('none', await renderClip(options('tiktok', 'none')));
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderClip output, for every platform preset', () => {
  it.each(PLATFORM_NAMES)('%s: size, codecs, duration, loudness, moov first', async (platform) => {
    const clip = rendered.get(platform)!;
    const preset = RENDER_PRESETS[platform];
    expect(clip).toMatchObject({
      width: preset.width,
      height: preset.height,
      encoder: 'libx264',
      preset: platform,
    });
    const probe = await runFfprobeJson(clip.output, { ffprobe: bins.ffprobe.path });
    const video = probe.streams!.find((s) => s.codec_type === 'video')!;
    const audio = probe.streams!.find((s) => s.codec_type === 'audio')!;
    expect([video.codec_name, (video as { profile?: string }).profile, video.pix_fmt]).toEqual([
      'h264',
      'High',
      'yuv420p',
    ]);
    expect([video.width, video.height]).toEqual([preset.width, preset.height]);
    expect([audio.codec_name, audio.sample_rate]).toEqual(['aac', '48000']);
    expect(Math.abs(Number(probe.format!.duration) - 2)).toBeLessThanOrEqual(0.1);
    const atoms = await topLevelAtoms(clip.output);
    expect(atoms.indexOf('moov')).toBeLessThan(atoms.indexOf('mdat'));
    const loudness = await measuredLoudness(ffmpeg, clip.output);
    expect(Math.abs(loudness.i - -14)).toBeLessThanOrEqual(1);
    expect(loudness.tp).toBeLessThanOrEqual(-1);
    expect(statSync(clip.cover).size).toBeGreaterThan(1000);
    expect(statSync(clip.srt).size).toBeGreaterThan(10);
    expect(clip.sizeBytes).toBe(statSync(clip.output).size);
  });
});

const W = 108;
const H = 192;

/** Mean absolute difference per row band between two gray frames. */
function diffRows(a: Buffer, b: Buffer): number[] {
  const rows: number[] = [];
  for (let y = 0; y < H; y += 1) {
    let sum = 0;
    for (let x = 0; x < W; x += 1) sum += Math.abs((a[y * W + x] ?? 0) - (b[y * W + x] ?? 0));
    rows.push(sum / W);
  }
  return rows;
}

describe('captions on the picture', () => {
  it('change the caption area while a cue is shown, and nothing else', async () => {
    const withCaptions = rendered.get('tiktok')!.output;
    const without = rendered.get('none')!.output;
    const safe = RENDER_PRESETS.tiktok.safe;
    const band = {
      top: Math.floor(((1920 - safe.bottom - 520) * H) / 1920),
      bottom: Math.ceil(((1920 - safe.bottom) * H) / 1920),
    };
    for (const [t, shown] of [
      [0.15, false],
      [0.6, true],
      [1.2, true],
      [1.5, false],
      [1.85, true],
    ] as const) {
      const rows = diffRows(
        await grayFrame(ffmpeg, withCaptions, t, W, H),
        await grayFrame(ffmpeg, without, t, W, H),
      );
      const inBand = Math.max(...rows.slice(band.top, band.bottom));
      const outside = Math.max(...rows.slice(0, band.top), ...rows.slice(band.bottom));
      expect(outside, `outside the caption band at ${t}s`).toBeLessThan(3);
      if (shown) expect(inBand, `caption band at ${t}s`).toBeGreaterThan(15);
      else expect(inBand, `caption band at ${t}s`).toBeLessThan(3);
    }
  });
});

/** Horizontal centre of the white square in the rows where it is drawn, in output pixels. */
async function boxCentreX(file: string, t: number, width: number, height: number): Promise<number | null> {
  const frame = await grayFrame(ffmpeg, file, t, W, Math.round((W * height) / width));
  const rows = Math.round((W * height) / width);
  const scale = rows / TEST_SOURCE.height;
  const y0 = Math.floor((TEST_SOURCE.boxY + 8) * scale);
  const y1 = Math.ceil((TEST_SOURCE.boxY + TEST_SOURCE.box - 8) * scale);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = 0; x < W; x += 1) {
      if ((frame[y * W + x] ?? 0) > 128) {
        sum += x;
        n += 1;
      }
    }
  }
  return n === 0 ? null : ((sum / n + 0.5) * width) / W;
}

describe('reframing', () => {
  it('follows a subject moving across the frame', async () => {
    const clip = rendered.get('tiktok')!;
    for (const t of [0.2, 1.0, 1.9]) {
      const x = await boxCentreX(clip.output, t, 1080, 1920);
      expect(x, `square visible at ${t}s`).not.toBeNull();
      expect(Math.abs(x! - 540), `square near the middle at ${t}s`).toBeLessThan(1080 * 0.25);
    }
  });

  it('holds still on a still subject, framed rather than centre-cropped', async () => {
    const clip = rendered.get('square')!;
    const xs = await Promise.all([0.2, 1.0, 1.9].map((t) => boxCentreX(clip.output, t, 1080, 1080)));
    expect(xs.every((x) => x !== null)).toBe(true);
    expect(Math.max(...(xs as number[])) - Math.min(...(xs as number[]))).toBeLessThan(12);
  });
});

describe('cancelling', () => {
  it('rejects with an AbortError and leaves no files behind', async () => {
    const controller = new AbortController();
    const outDir = path.join(dir, 'cancelled');
    const error = await renderClip({
      ...options('tiktok', 'pop'),
      outDir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'encode' && p.fraction > 0.1) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('tells a bad request apart as a user error', async () => {
    await expect(renderClip({ ...options('x', 'boxed'), start: 2, end: 1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
