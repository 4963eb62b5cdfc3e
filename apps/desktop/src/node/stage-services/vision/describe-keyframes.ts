import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EVENT, type DescribedKeyframe, type VisionResult } from '@kirinuki/contracts';
import {
  CLOUD_VISION_PROMPT,
  createCloudVisionClient,
  describeFrames,
} from '@kirinuki/pipeline/vision/cloud-vision';
import { writeFrameJpegs } from '@kirinuki/pipeline/vision/frame-images';
import type { StageResultStore } from '../../../common/stage-result-store.js';
import type { LibraryFolder } from '../../library/library-folder.js';
import type { Logger } from '../../logging/create-logger.js';
import { cachedStageResult } from '../cached-stage-result.js';
import { folderTextCache, libraryCacheDir } from '../../library/folder-text-cache.js';
import type { VisionVideo } from './analyze-video.js';

/** At most this many keyframes per video go to the cloud (spread over the shots). */
export const MAX_CLOUD_FRAMES = 24;

export type CloudVisionResult = DescribedKeyframe[];

/** The middle of each shot (the whole video when there are none), at most MAX_CLOUD_FRAMES, spread evenly. */
export function cloudFrameTimes(
  vision: VisionResult,
  durationSec: number,
): Array<{ shotIndex: number; time: number }> {
  const shots = vision.shots?.shots ?? [];
  const all = shots.length
    ? shots.map((s) => ({ shotIndex: s.index, time: (s.start + s.end) / 2 }))
    : [{ shotIndex: 0, time: durationSec / 2 }];
  if (all.length <= MAX_CLOUD_FRAMES) return all;
  return Array.from(
    { length: MAX_CLOUD_FRAMES },
    (_, i) => all[Math.floor(((i + 0.5) * all.length) / MAX_CLOUD_FRAMES)]!,
  );
}

/**
 * Describes the keyframes of a video with an OpenAI vision model: stored once per (content, model,
 * prompt), each frame's answer cached in `<library>/cache/cloud-vision/` by frame hash + model +
 * prompt, so asking again costs nothing.
 */
export function describeVideoKeyframes(
  folder: LibraryFolder,
  store: StageResultStore,
  video: VisionVideo,
  vision: VisionResult,
  run: {
    apiKey: string;
    model: string;
    ffmpeg: string;
    signal: AbortSignal;
    logger: Logger;
    fresh?: boolean;
    onProgress(fraction: number, detail: string): void;
  },
) {
  return cachedStageResult<CloudVisionResult>(store, {
    key: {
      sha256: video.sha256,
      stage: 'cloud-vision',
      settings: {
        model: run.model,
        prompt: createHash('sha256').update(CLOUD_VISION_PROMPT).digest('hex').slice(0, 16),
        frames: MAX_CLOUD_FRAMES,
      },
    },
    scope: 'video',
    fresh: run.fresh,
    eventType: EVENT.CloudVisionReady,
    details: (result) => ({ frames: result.length, model: run.model }),
    compute: async () => {
      const times = cloudFrameTimes(vision, video.durationSec);
      const dir = path.join(folder.tmpDir, `${process.pid}-cloud-${video.sha256.slice(0, 12)}`);
      try {
        const files = await writeFrameJpegs(
          video.path,
          times.map((t) => t.time),
          dir,
          'frame',
          360,
          {
            ffmpeg: run.ffmpeg,
            signal: run.signal,
            logger: run.logger,
            onProgress: (p) => run.onProgress((p.fraction ?? 0) * 0.3, 'keyframes'),
          },
        );
        const described = await describeFrames(
          files.map((file, i) => ({ id: i, jpeg: readFileSync(file) })),
          {
            client: createCloudVisionClient(run.apiKey),
            model: run.model,
            cache: folderTextCache(libraryCacheDir(folder.dir, 'cloud-vision')),
            signal: run.signal,
            onProgress: (done, total) => run.onProgress(0.3 + (0.7 * done) / total, 'cloud vision'),
          },
        );
        return described.map(({ id, cached: _cached, ...d }) => ({ ...times[id]!, ...d }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });
}
