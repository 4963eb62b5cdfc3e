import { EVENT, type VisionResult } from '@kirinuki/contracts';
import { FACE_DETECTION_VERSION } from '@kirinuki/pipeline/vision/detect-faces';
import { SHOT_DETECTION_VERSION } from '@kirinuki/pipeline/vision/detect-shots';
import {
  detectShotsAndFaces,
  FACE_PRESENCE_SAMPLE_FPS,
} from '@kirinuki/pipeline/vision/detect-shots-and-faces';
import { visualFeaturesPerSecond } from '@kirinuki/pipeline/vision/visual-features';
import type { StageResultStore } from '../../../common/stage-result-store.js';
import type { Logger } from '../../logging/create-logger.js';
import { cachedStageResult } from '../cached-stage-result.js';

/** What vision needs to know of a library video (the host sends it; services read no database). */
export interface VisionVideo {
  sha256: string;
  path: string;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
}

/**
 * Shots, faces and visual features of a library video, once per (content, detector versions):
 * a stored result is reused; a new one is stored beside the video.
 */
export function analyzeVideo(
  store: StageResultStore,
  video: VisionVideo,
  run: {
    ffmpeg: string;
    signal: AbortSignal;
    logger: Logger;
    fresh?: boolean;
    /** Decoder threads (0: ffmpeg's choice). */
    threads?: number;
    onProgress(fraction: number, detail: string): void;
  },
) {
  // Faces over the whole video only say when one is there (scoring); the crop of a clip tracks
  // them densely inside its span when it is rendered (faces-in-span).
  const sampleFps = FACE_PRESENCE_SAMPLE_FPS;
  return cachedStageResult<VisionResult>(store, {
    key: {
      sha256: video.sha256,
      stage: 'vision',
      settings: { shots: SHOT_DETECTION_VERSION, faces: FACE_DETECTION_VERSION, sampleFps },
    },
    scope: 'video',
    fresh: run.fresh,
    eventType: EVENT.VisionReady,
    details: (r) => ({ cuts: r.shots?.cuts.length ?? 0, faceTracks: r.faces?.tracks.length ?? 0 }),
    compute: async () => {
      // One decode: every frame's thumbnail for the shots, a frame a second for the faces.
      const { shots, faces } = await detectShotsAndFaces(video.path, {
        ffmpeg: run.ffmpeg,
        fps: video.fps || 25,
        durationSec: video.durationSec,
        width: video.width,
        height: video.height,
        faceSampleFps: sampleFps,
        threads: run.threads,
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress(p.fraction ?? 0, p.stage),
      });
      const visual = visualFeaturesPerSecond(
        { pts: shots.featurePts, diff: shots.features.diff, mean: shots.features.mean },
        faces.samples,
        video.durationSec,
      );
      return {
        shots: { fps: shots.fps, frameCount: shots.frameCount, cuts: shots.cuts, shots: shots.shots },
        faces: { sampleFps: faces.sampleFps, tracks: faces.tracks },
        visual,
      };
    },
  });
}
