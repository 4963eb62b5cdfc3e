import type { CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { BLAZEFACE_INPUT_SIZE, letterboxPlacement, unletterbox } from './blazeface-decode.js';
import { createFaceDetector, type FaceDetectorOptions } from './face-detector.js';
import { trackFaces, type FaceSample, type FaceTrack, type TrackerParams } from './face-tracker.js';
import { decodeFrames, type FrameOutput } from './frame-source.js';
import type { VisionProgress } from './vision-progress.js';

export const DEFAULT_FACE_SAMPLE_FPS = 5;
/** Bump when the output for the same file can change (invalidates cached results). */
export const FACE_DETECTION_VERSION = 1;

export interface DetectFacesOptions {
  ffmpeg: string;
  /** Displayed size (after rotation), to map boxes out of the letterboxed model input. */
  width: number;
  height: number;
  durationSec: number | null;
  sampleFps?: number;
  /** Start at this media time (s). */
  startSec?: number | null;
  /** Look at only this much media time (s) from the start (or from `startSec`). */
  limitSec?: number | null;
  /** Shot cut times (s): tracks end there. */
  cutTimes?: readonly number[];
  detector?: FaceDetectorOptions;
  tracker?: Partial<TrackerParams>;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: VisionProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

/** What `kirinuki faces` prints. */
export interface FaceDetection {
  sampleFps: number;
  tracks: FaceTrack[];
}

export interface FaceDetectionRun extends FaceDetection {
  samples: FaceSample[];
  provider: string;
  providerReason: string;
}

/** What takes the face samples of a decode, finds faces in each and links them into tracks at the end. */
export interface FaceCollector {
  output: FrameOutput;
  finish(cutTimes?: readonly number[]): FaceDetectionRun;
  /** Forgets the samples taken (before the frames are decoded again). */
  reset(): void;
  close(): Promise<void>;
}

export async function createFaceCollector(
  options: Pick<DetectFacesOptions, 'width' | 'height' | 'sampleFps' | 'detector' | 'tracker'>,
): Promise<FaceCollector> {
  const sampleFps = options.sampleFps ?? DEFAULT_FACE_SAMPLE_FPS;
  const detector = await createFaceDetector(options.detector);
  const placement = letterboxPlacement(options.width, options.height);
  const samples: FaceSample[] = [];
  return {
    output: {
      width: BLAZEFACE_INPUT_SIZE,
      height: BLAZEFACE_INPUT_SIZE,
      pixelFormat: 'rgb24',
      fit: 'letterbox',
      sampleFps,
      onFrame: async (frame) => {
        const faces = (await detector.detect(frame.data)).map((box) => unletterbox(box, placement));
        samples.push({ t: frame.pts, faces });
      },
    },
    finish: (cutTimes = []) => ({
      sampleFps,
      tracks: trackFaces(samples, options.tracker, cutTimes),
      samples,
      provider: detector.provider,
      providerReason: detector.providerReason,
    }),
    reset: () => void (samples.length = 0),
    close: () => detector.close(),
  };
}

/** Samples a few frames per second, finds faces with BlazeFace and links them into tracks. */
export async function detectFaces(input: string, options: DetectFacesOptions): Promise<FaceDetectionRun> {
  const faces = await createFaceCollector(options);
  try {
    await decodeFrames(
      {
        ffmpeg: options.ffmpeg,
        input,
        startSec: options.startSec ?? null,
        limitSec: options.limitSec,
        durationSec: options.limitSec ?? options.durationSec,
        stage: 'finding faces',
        signal: options.signal,
        onProgress: options.onProgress,
        logger: options.logger,
      },
      [faces.output],
    );
    return faces.finish(options.cutTimes);
  } finally {
    await faces.close();
  }
}
