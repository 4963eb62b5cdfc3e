import type { TRPCClient } from '@trpc/client';
import type { MediaInfo } from '@kirinuki/pipeline';
import {
  detectFaces,
  FACE_DETECTION_VERSION,
  DEFAULT_FACE_SAMPLE_FPS,
} from '@kirinuki/pipeline/vision/detect-faces';
import { detectShots, SHOT_DETECTION_VERSION } from '@kirinuki/pipeline/vision/detect-shots';
import { visualFeaturesPerSecond } from '@kirinuki/pipeline/vision/visual-features';
import type { VideoRecord } from '../../common/library-events.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { callStageService } from '../services/progress-stream.js';
import type { IngestOutput } from './ingest-stage.js';
import { runCachedStage } from './run-cached-stage.js';
import type { VisionResult } from './segment-stage.js';
import type { VisionServiceRouter } from './vision-service-router.js';
import type { SecretStore } from '../secrets/secret-store.js';

export interface VisionOutput {
  videoId: string;
  /** Shots, face tracks and per-second visual features (JSON), for scoring and reframing. */
  visionFile: string;
  cuts: number;
  faceTracks: number;
  cached: boolean;
  /** Cloud vision (when turned on): the answers' file, or why there are none. */
  cloud?: { model: string; used: boolean; file?: string; frames?: number; error?: string };
}

/**
 * Shots, faces and visual features of a library video, once per (content, detector versions):
 * a stored result is reused; a new one is announced with one VisionReady event.
 */
export async function analyzeVideo(
  library: Library,
  video: VideoRecord,
  run: {
    ffmpeg: string;
    signal: AbortSignal;
    logger: Logger;
    fresh?: boolean;
    onProgress(fraction: number, detail: string): void;
  },
) {
  const info = video.mediaInfo as MediaInfo;
  const sampleFps = DEFAULT_FACE_SAMPLE_FPS;
  return runCachedStage<VisionResult>({
    library,
    key: {
      sha256: video.sha256,
      stage: 'vision',
      settings: { shots: SHOT_DETECTION_VERSION, faces: FACE_DETECTION_VERSION, sampleFps },
    },
    videoId: video.id,
    fresh: run.fresh,
    eventType: 'VisionReady',
    stableAtMs: Date.parse(video.createdAt),
    eventPayload: (r) => ({ cuts: r.shots?.cuts.length ?? 0, faceTracks: r.faces?.tracks.length ?? 0 }),
    compute: async () => {
      // Shots take most of the time (every frame); faces sample a few frames per second.
      const shots = await detectShots(video.path, {
        ffmpeg: run.ffmpeg,
        fps: info.video?.fps || 25,
        durationSec: video.durationSec,
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress((p.fraction ?? 0) * 0.6, p.stage),
      });
      const faces = await detectFaces(video.path, {
        ffmpeg: run.ffmpeg,
        width: video.width,
        height: video.height,
        durationSec: video.durationSec,
        sampleFps,
        cutTimes: shots.cuts.map((c) => c.time),
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress(0.6 + (p.fraction ?? 0) * 0.4, p.stage),
      });
      const visual = visualFeaturesPerSecond(
        { pts: shots.pts, diff: shots.features.diff, mean: shots.features.mean },
        faces.samples,
        video.durationSec,
      );
      return {
        shots: { fps: shots.fps, frameCount: shots.frameCount, cuts: shots.cuts, shots: shots.shots },
        faces: { sampleFps: faces.sampleFps, tracks: faces.tracks },
        visual,
      } as VisionResult;
    },
  });
}

/** The vision stage: runs in the vision service process, beside transcription. */
export function createVisionStage(deps: {
  libraryDir: string;
  client: TRPCClient<VisionServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  return {
    stage: 'vision',
    run: (ctx) => {
      const ingest = ctx.inputs.ingest as IngestOutput;
      return callStageService(
        (input, options) => deps.client.analyze.subscribe(input, options),
        {
          libraryDir: deps.libraryDir,
          videoId: ingest.videoId,
          fresh: ctx.params.fresh === true,
          openaiApiKey: deps.secrets.get('openaiApiKey'),
        },
        ctx,
      );
    },
  };
}
