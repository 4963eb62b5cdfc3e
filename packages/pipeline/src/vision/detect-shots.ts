import type { CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { decodeFrames, type DecodeOptions, type FrameOutput } from './frame-source.js';
import {
  blendWindowFor,
  DEFAULT_SHOT_BOUNDARY_PARAMS,
  findShotBoundaries,
  passesBlendTests,
  type ShotBoundaryParams,
} from './shot-boundaries.js';
import { createShotFeatureExtractor, type ShotFeatures } from './shot-features.js';
import { shotsFromCuts, type ShotDetection } from './shot-list.js';
import type { VisionProgress } from './vision-progress.js';

/** Thumbnail size for shot detection: big enough for structure, small enough to cost nothing. */
export const SHOT_FRAME_WIDTH = 64;
export const SHOT_FRAME_HEIGHT = 36;
/** Bump when the detector's output for the same file can change (invalidates cached results). */
export const SHOT_DETECTION_VERSION = 2; // 2: camera moves are not dissolves

export interface DetectShotsOptions {
  ffmpeg: string;
  /** Nominal frame rate (from the probe), used to size the dissolve window. */
  fps: number;
  durationSec: number | null;
  params?: Partial<ShotBoundaryParams>;
  /** Decoder shortcuts (default on). */
  fastDecode?: boolean;
  threads?: number;
  /** Look at only this much media time (s) from the start. */
  limitSec?: number | null;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: VisionProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

export interface ShotDetectionWithFeatures extends ShotDetection {
  features: ShotFeatures;
  pts: number[];
}

/** What takes the every-frame thumbnails of a decode and turns them into shots at the end. */
export interface ShotCollector {
  output: FrameOutput;
  finish(): ShotDetectionWithFeatures;
}

export function createShotCollector(
  options: Pick<DetectShotsOptions, 'fps' | 'durationSec' | 'params'>,
): ShotCollector {
  const blendWindow = blendWindowFor(options.fps);
  const params: ShotBoundaryParams = { ...DEFAULT_SHOT_BOUNDARY_PARAMS, blendWindow, ...options.params };
  const extractor = createShotFeatureExtractor(params.blendWindow, {
    frameWidth: SHOT_FRAME_WIDTH,
    isDissolveCandidate: (run) => passesBlendTests(run, params),
  });
  const pts: number[] = [];
  return {
    output: {
      width: SHOT_FRAME_WIDTH,
      height: SHOT_FRAME_HEIGHT,
      pixelFormat: 'gray',
      fit: 'stretch',
      sampleFps: null,
      onFrame: (frame) => {
        extractor.push(frame.data);
        pts.push(frame.pts);
      },
    },
    finish() {
      const features = extractor.features();
      const cuts = findShotBoundaries(features, params);
      return { ...shotsFromCuts(cuts, pts, options.fps, options.durationSec), features, pts };
    },
  };
}

/** How a shot pass decodes: every frame, with the decoder's shortcuts unless told otherwise. */
export function shotDecodeOptions(input: string, options: DetectShotsOptions): DecodeOptions {
  return {
    ffmpeg: options.ffmpeg,
    input,
    fastDecode: options.fastDecode ?? true,
    threads: options.threads ?? 0,
    limitSec: options.limitSec,
    durationSec: options.limitSec ?? options.durationSec,
    stage: 'finding shots',
    signal: options.signal,
    onProgress: options.onProgress,
    logger: options.logger,
  };
}

/** Decodes every frame once at thumbnail size and finds hard cuts, fades and dissolves. */
export async function detectShots(
  input: string,
  options: DetectShotsOptions,
): Promise<ShotDetectionWithFeatures> {
  const shots = createShotCollector(options);
  await decodeFrames(shotDecodeOptions(input, options), [shots.output]);
  return shots.finish();
}
