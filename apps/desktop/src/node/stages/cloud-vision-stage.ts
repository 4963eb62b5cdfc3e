import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  CLOUD_VISION_PROMPT,
  createCloudVisionClient,
  describeFrames,
  type CloudVisionCache,
  type FrameDescription,
} from '@kirinuki/pipeline/vision/cloud-vision';
import { writeFrameJpegs } from '@kirinuki/pipeline/vision/frame-images';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VideoRecord } from '../../common/library-events.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../logging/create-logger.js';
import type { LibraryDatabase } from '../storage/library-database.js';
import { runCachedStage } from './run-cached-stage.js';
import type { VisionResult } from './segment-stage.js';

/** At most this many keyframes per video go to the cloud (spread over the shots). */
export const MAX_CLOUD_FRAMES = 24;

export type CloudVisionResult = Array<{ shotIndex: number; time: number } & FrameDescription>;

/** Cloud vision answers kept in the library database, by frame hash + model + prompt. */
export function sqliteCloudVisionCache(db: Kysely<LibraryDatabase>, model: string): CloudVisionCache {
  return {
    get: async (key) =>
      (await db.selectFrom('cloud_vision_cache').select('value').where('key', '=', key).executeTakeFirst())
        ?.value,
    set: async (key, value) => {
      await db
        .insertInto('cloud_vision_cache')
        .values({ key, model, value, createdAt: new Date().toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
  };
}

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
 * prompt) with a CloudVisionReady event, each frame's answer cached in the library database.
 */
export async function describeVideoKeyframes(
  library: Library,
  video: VideoRecord,
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
  return runCachedStage<CloudVisionResult>({
    library,
    key: {
      sha256: video.sha256,
      stage: 'cloud-vision',
      settings: {
        model: run.model,
        prompt: createHash('sha256').update(CLOUD_VISION_PROMPT).digest('hex').slice(0, 16),
        frames: MAX_CLOUD_FRAMES,
      },
    },
    videoId: video.id,
    fresh: run.fresh,
    eventType: 'CloudVisionReady',
    stableAtMs: Date.parse(video.createdAt),
    eventPayload: (result) => ({ frames: result.length, model: run.model }),
    compute: async () => {
      const times = cloudFrameTimes(vision, video.durationSec);
      const dir = path.join(library.tmpDir, `${process.pid}-cloud-${video.id}`);
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
            cache: sqliteCloudVisionCache(library.db, run.model),
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
