import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningFfmpegCount } from '../ffmpeg/run-ffmpeg.js';
import { ffmpegPath, makeEventsVideo } from '../test-support/vision/test-videos.js';
import { frameOutputsArgs, outputPipe } from './frame-source-args.js';
import { decodeFrames, readFrames, type DecodedFrame } from './frame-source.js';

const gray = { width: 32, height: 18, pixelFormat: 'gray', fit: 'stretch', sampleFps: null } as const;
const rgb = { width: 16, height: 16, pixelFormat: 'rgb24', fit: 'letterbox', sampleFps: 2 } as const;

describe('frame outputs arguments', () => {
  it('decodes the input once and splits it into one pipe per output', () => {
    const args = frameOutputsArgs({ input: 'a.mp4', outputs: [gray, rgb], fastDecode: true, threads: 1 });
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    const graph = String(args[args.indexOf('-filter_complex') + 1]);
    expect(graph).toMatch(/^\[0:v:0\]split=2\[s0\]\[s1\];\[s0\]scale=32:18/);
    expect(graph).toContain('showinfo@o0[o0]');
    expect(graph).toContain('[s1]fps=2,scale=16:16');
    expect(graph).toContain('showinfo@o1[o1]');
    expect(args.slice(-2)).toEqual(['rgb24', 'pipe:4']);
    expect(args).toContain('pipe:1');
    expect([outputPipe(0), outputPipe(1), outputPipe(2)]).toEqual(['pipe:1', 'pipe:4', 'pipe:5']);
  });

  it('seeks only when asked to start later than 0', () => {
    const base = { input: 'a.mp4', outputs: [gray], fastDecode: false, threads: 1 };
    expect(frameOutputsArgs({ ...base, startSec: 0, limitSec: 0 })).not.toContain('-ss');
    expect(frameOutputsArgs({ ...base, startSec: 0 })).not.toContain(0);
    const seek = frameOutputsArgs({ ...base, startSec: 2.5, limitSec: 3 });
    expect(seek.slice(seek.indexOf('-ss'), seek.indexOf('-ss') + 2)).toEqual(['-ss', 2.5]);
    expect(seek.indexOf('-ss')).toBeLessThan(seek.indexOf('-i'));
    expect(seek.slice(seek.indexOf('-t'), seek.indexOf('-t') + 2)).toEqual(['-t', 3]);
  });
});

describe('decodeFrames', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-frame-outputs-'));
  let events = '';
  beforeAll(async () => {
    events = await makeEventsVideo(path.join(dir, 'events.mp4'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function single(spec: typeof gray | typeof rgb): Promise<DecodedFrame[]> {
    const frames: DecodedFrame[] = [];
    for await (const f of readFrames({ ffmpeg: ffmpegPath(), input: events, ...spec })) frames.push(f);
    return frames;
  }

  it('gives each output the frames a decode of its own would, from one ffmpeg', async () => {
    const both: [DecodedFrame[], DecodedFrame[]] = [[], []];
    let mostRunning = 0;
    await decodeFrames({ ffmpeg: ffmpegPath(), input: events, durationSec: 9 }, [
      {
        ...gray,
        onFrame: (f) => {
          mostRunning = Math.max(mostRunning, runningFfmpegCount());
          both[0].push(f);
        },
      },
      {
        ...rgb,
        // A slow consumer holds back only its own stream; the other keeps flowing.
        onFrame: async (f) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          both[1].push(f);
        },
      },
    ]);
    expect(mostRunning).toBe(1);
    const [alone0, alone1] = [await single(gray), await single(rgb)];
    expect(both[0]).toHaveLength(225);
    for (const [together, alone] of [
      [both[0], alone0],
      [both[1], alone1],
    ] as const) {
      expect(together.map((f) => f.pts)).toEqual(alone.map((f) => f.pts));
      expect(together.map((f) => f.index)).toEqual(alone.map((_, i) => i));
      together.forEach((f, i) => expect(Buffer.from(f.data).equals(Buffer.from(alone[i]!.data))).toBe(true));
    }
    expect(runningFfmpegCount()).toBe(0);
  });

  it('starts at a media time and keeps the frames in media time', async () => {
    const frames: DecodedFrame[] = [];
    const alone = await single(gray);
    await decodeFrames({ ffmpeg: ffmpegPath(), input: events, startSec: 2, limitSec: 3, fastDecode: false }, [
      { ...gray, onFrame: (f) => void frames.push(f) },
    ]);
    expect(frames).toHaveLength(75);
    expect(frames[0]!.pts).toBeCloseTo(2, 3);
    expect(frames.at(-1)!.pts).toBeCloseTo(2 + 74 / 25, 3);
    // The picture at a time is the one the whole decode shows at that time (an exact seek).
    const at = alone.findIndex((f) => Math.abs(f.pts - frames[10]!.pts) < 1e-3);
    const diff = frames[10]!.data.reduce((sum, v, i) => sum + Math.abs(v - alone[at]!.data[i]!), 0);
    expect(diff / frames[10]!.data.length).toBeLessThan(2);
  });

  it('stops ffmpeg when an output throws', async () => {
    await expect(
      decodeFrames({ ffmpeg: ffmpegPath(), input: events }, [
        { ...gray, onFrame: () => undefined },
        {
          ...rgb,
          onFrame: (f) => {
            if (f.index === 3) throw new Error('no more');
          },
        },
      ]),
    ).rejects.toThrow('no more');
    expect(runningFfmpegCount()).toBe(0);
  });
});
