import { createFaceCollector, type DetectFacesOptions, type FaceDetectionRun } from './detect-faces.js';
import { runShotPass, type DetectShotsOptions, type ShotDetectionWithFeatures } from './detect-shots.js';

/** Face samples per second over a whole video: enough to know when a face is there, for scoring. */
export const FACE_PRESENCE_SAMPLE_FPS = 1;

export interface DetectShotsAndFacesOptions
  extends DetectShotsOptions, Pick<DetectFacesOptions, 'width' | 'height' | 'detector' | 'tracker'> {
  /** Face samples per second (default FACE_PRESENCE_SAMPLE_FPS). */
  faceSampleFps?: number;
}

/**
 * Shots and faces in one decode of the video: one ffmpeg whose graph splits every decoded frame
 * into the shot thumbnail and, a few times a second, the face detector's input. Only the I and P
 * frames are decoded when the stream has enough B-frames (see runShotPass).
 * Face tracks end at the cuts found.
 */
export async function detectShotsAndFaces(
  input: string,
  options: DetectShotsAndFacesOptions,
): Promise<{ shots: ShotDetectionWithFeatures; faces: FaceDetectionRun }> {
  const faces = await createFaceCollector({
    ...options,
    sampleFps: options.faceSampleFps ?? FACE_PRESENCE_SAMPLE_FPS,
  });
  try {
    const found = await runShotPass(input, { ...options, stage: 'finding shots and faces' }, () => {
      faces.reset();
      return [faces.output];
    });
    return { shots: found, faces: faces.finish(found.cuts.map((c) => c.time)) };
  } finally {
    await faces.close();
  }
}
