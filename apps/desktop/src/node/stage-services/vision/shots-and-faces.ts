import path from 'node:path';
import {
  detectFaces,
  FACE_DETECTION_VERSION,
  type FaceDetection,
} from '@kirinuki/pipeline/vision/detect-faces';
import { detectShots, SHOT_DETECTION_VERSION } from '@kirinuki/pipeline/vision/detect-shots';
import { removeImages, writeFrameJpegs, writeSprite } from '@kirinuki/pipeline/vision/frame-images';
import { chooseKeyframes, filmstripTimes, type Keyframe } from '@kirinuki/pipeline/vision/keyframes';
import type { ShotDetection } from '@kirinuki/pipeline/vision/shot-list';
import { openVisionInput } from '@kirinuki/pipeline/vision/vision-input';
import { cachedVisionResult } from '@kirinuki/pipeline/vision/vision-result-cache';
import type { Logger } from '../../logging/create-logger.js';

export interface VisionPassRun {
  /** `<library>/cache/vision`: results keyed by the file's path, size, time and the pass version. */
  cacheDir: string;
  fresh: boolean;
  signal: AbortSignal;
  logger: Logger;
  onProgress(fraction: number, detail: string): void;
}

const FILMSTRIP_TILES = 20;

export interface ShotsOfFile {
  detection: ShotDetection;
  cached: boolean;
  images?: { keyframes: string[]; keyframeSprite: string; filmstrip: string };
}

/**
 * The shots of a video file (hard cuts, fades and dissolves, frame-exact), cached for the file;
 * with `imagesDir`, a keyframe JPEG per shot and two sprites (keyframes, filmstrip) as well.
 */
export async function shotsOfFile(
  file: string,
  imagesDir: string | null,
  run: VisionPassRun,
): Promise<ShotsOfFile> {
  const input = await openVisionInput(file, { signal: run.signal, logger: run.logger });
  const { value, cached } = await cachedVisionResult(
    {
      cacheDir: run.cacheDir,
      filePath: input.path,
      pass: 'shots',
      version: SHOT_DETECTION_VERSION,
      fresh: run.fresh,
    },
    async (): Promise<{ detection: ShotDetection; keyframes: Keyframe[] }> => {
      const { fps, frameCount, cuts, shots, features, pts } = await detectShots(input.path, {
        ffmpeg: input.ffmpeg,
        fps: input.fps,
        durationSec: input.durationSec,
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress(p.fraction ?? 0, p.stage),
      });
      return {
        detection: { fps, frameCount, cuts, shots },
        keyframes: chooseKeyframes(shots, features.std, pts),
      };
    },
  );
  if (!imagesDir) return { detection: value.detection, cached };
  const imageOptions = {
    ffmpeg: input.ffmpeg,
    signal: run.signal,
    logger: run.logger,
    onProgress: (p: { stage: string; fraction: number | null }) => run.onProgress(p.fraction ?? 0, p.stage),
  };
  const keyframes = await writeFrameJpegs(
    input.path,
    value.keyframes.map((k) => k.time),
    imagesDir,
    'shot',
    180,
    imageOptions,
  );
  const layout = { columns: 5, cellWidth: 192, cellHeight: 108 };
  const keyframeSprite = path.join(imagesDir, 'keyframes.jpg');
  await writeSprite(keyframes, keyframeSprite, layout, imageOptions);
  const stills = await writeFrameJpegs(
    input.path,
    filmstripTimes(input.durationSec, FILMSTRIP_TILES),
    imagesDir,
    'filmstrip',
    108,
    imageOptions,
  );
  const filmstrip = path.join(imagesDir, 'filmstrip.jpg');
  await writeSprite(stills, filmstrip, { ...layout, columns: FILMSTRIP_TILES / 2 }, imageOptions);
  removeImages(stills);
  return { detection: value.detection, cached, images: { keyframes, keyframeSprite, filmstrip } };
}

/** The face tracks of a video file (BlazeFace, offline), in normalised coordinates, cached for the file. */
export async function facesOfFile(
  file: string,
  run: VisionPassRun,
): Promise<{ faces: FaceDetection; cached: boolean }> {
  const input = await openVisionInput(file, { signal: run.signal, logger: run.logger });
  const { value, cached } = await cachedVisionResult(
    {
      cacheDir: run.cacheDir,
      filePath: input.path,
      pass: 'faces',
      version: FACE_DETECTION_VERSION,
      fresh: run.fresh,
    },
    async (): Promise<FaceDetection> => {
      const { sampleFps, tracks } = await detectFaces(input.path, {
        ffmpeg: input.ffmpeg,
        width: input.width,
        height: input.height,
        durationSec: input.durationSec,
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress(p.fraction ?? 0, p.stage),
      });
      return { sampleFps, tracks };
    },
  );
  return { faces: value, cached };
}
