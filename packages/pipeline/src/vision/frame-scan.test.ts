import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  B_FRAMES_ENCODING,
  EVENTS_VIDEO,
  ffmpegPath,
  makeEventsVideo,
} from '../test-support/vision/test-videos.js';
import { createFramecrcParser, scanFrames } from './frame-scan.js';
import { decodeFrames } from './frame-source.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (lines: string[]) => {
  const parser = createFramecrcParser();
  lines.forEach((line) => parser.line(line));
  return parser.finish();
};

describe('scanFrames', () => {
  it('tells the B-frames from the packets’ order: a pts earlier than one already sent', () => {
    // Decode order I0 P4 B2 b1 b3 P8 B6 b5 b7 (a B-pyramid), time base 1/25.
    const scan = parse([
      '#tb 0: 1/25',
      ...[0, 4, 2, 1, 3, 8, 6, 5, 7].map(
        (pts) => `0,          ${pts},          ${pts},        1,     1000, 0x0`,
      ),
    ]);
    expect(scan).toEqual({
      pts: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => n / 25),
      referenceIndices: [0, 4, 8],
    });
    // No B-frames: every frame is one.
    expect(parse(['#tb 0: 1/30', '0, 0, 0, 1, 9, 0x0', '0, 1, 1, 1, 9, 0x0'])?.referenceIndices).toEqual([
      0, 1,
    ]);
  });

  it('refuses what it cannot map back to frames: no time base, no pts, a pts twice', () => {
    expect(parse(['0, 0, 0, 1, 9, 0x0'])).toBeNull();
    expect(parse(['#tb 0: 1/25', '0, 0, N/A, 1, 9, 0x0'])).toBeNull();
    expect(parse(['#tb 0: 1/25', '0, 0, 3, 1, 9, 0x0', '0, 1, 3, 1, 9, 0x0'])).toBeNull();
    expect(parse(['#tb 0: 1/25'])).toBeNull();
  });

  it('names exactly the frames a decode with -skip_frame bidir gives, at their pts', async () => {
    const video = await makeEventsVideo(path.join(dir, 'b.mp4'), B_FRAMES_ENCODING);
    const scan = (await scanFrames({ ffmpeg: ffmpegPath(), input: video }))!;
    expect(scan.pts).toHaveLength(EVENTS_VIDEO.frames);
    expect(scan.referenceIndices.length).toBeLessThan(EVENTS_VIDEO.frames / 3);
    const decoded: number[] = [];
    const output = { width: 8, height: 8, pixelFormat: 'gray', fit: 'stretch', sampleFps: null } as const;
    await decodeFrames({ ffmpeg: ffmpegPath(), input: video, skipFrame: 'bidir' }, [
      { ...output, onFrame: (f) => void decoded.push(f.pts) },
    ]);
    expect(decoded.map((t) => Math.round(t * 25))).toEqual(scan.referenceIndices);
    scan.pts.forEach((t, i) => expect(t).toBeCloseTo(i / 25, 6));
  });
});
