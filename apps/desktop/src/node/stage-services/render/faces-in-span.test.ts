import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import type { VisionResult } from '@kirinuki/contracts';
import { createLogger } from '../../logging/create-logger.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { facesInSpan, SPAN_MARGIN_SEC } from './faces-in-span.js';

const TALKING = fileURLToPath(
  new URL('../../../../../../../shared/eval/video_talking_sadtalker', import.meta.url),
);
const files = existsSync(TALKING) ? readdirSync(TALKING).filter((f) => f.endsWith('.mp4')) : [];

describe.skipIf(!files.length)('facesInSpan', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-faces-span-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const store = localStageResultStore(path.join(dir, 'library'));
  const source = path.join(dir, 'talk.mp4');
  copyFileSync(path.join(TALKING, files[0]!), source);
  const video = {
    sha256: 'a'.repeat(64),
    path: source,
    mediaInfo: { video: { width: 512, height: 512, fps: 25 } },
  } as unknown as Parameters<typeof facesInSpan>[1];
  const vision = { shots: { cuts: [{ time: 5, frame: 125, kind: 'hard', confidence: 1 }] } } as VisionResult;
  const run = () => ({
    ffmpeg: resolveFfmpegBinaries().ffmpeg.path,
    signal: new AbortController().signal,
    logger: createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' }),
  });

  it(
    'tracks the span (and a second either side) at 5 fps once, then reads what it stored',
    { timeout: 30_000 },
    async () => {
      const fractions: number[] = [];
      const first = await facesInSpan(store, video, { start: 2, end: 4 }, vision, {
        ...run(),
        onProgress: (f) => fractions.push(f),
      });
      expect(first.cached).toBe(false);
      expect(first.faces.sampleFps).toBe(5);
      const boxes = first.faces.tracks.flatMap((t) => t.boxes);
      expect(boxes.length).toBeGreaterThanOrEqual(18);
      for (const box of boxes) {
        expect(box.t).toBeGreaterThanOrEqual(2 - SPAN_MARGIN_SEC - 0.01);
        expect(box.t).toBeLessThan(4 + SPAN_MARGIN_SEC);
      }
      // The cut at 5 s is after the span's margin; a track ends there only when it is inside.
      expect(first.faces.tracks).toHaveLength(1);
      expect(fractions.at(-1)).toBe(1);

      rmSync(source); // the stored tracks are read, the video is not decoded again
      const again = await facesInSpan(store, video, { start: 2, end: 4 }, vision, run());
      expect(again).toEqual({ faces: first.faces, cached: true });
      copyFileSync(path.join(TALKING, files[0]!), source);
    },
  );

  it(
    'ends tracks at the cuts inside the span; another span is tracked anew',
    { timeout: 30_000 },
    async () => {
      const cut = await facesInSpan(store, video, { start: 3.5, end: 6.5 }, vision, run());
      expect(cut.cached).toBe(false);
      expect(cut.faces.tracks.length).toBeGreaterThanOrEqual(2);
      for (const track of cut.faces.tracks) expect(track.start >= 5 || track.end <= 5).toBe(true);
    },
  );
});
