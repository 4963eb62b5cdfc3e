import type { FaceTracks, VideoRecord, VisionResult } from '@kirinuki/contracts';
import type { MediaInfo } from '@kirinuki/pipeline';
import {
  DEFAULT_FACE_SAMPLE_FPS,
  detectFaces,
  FACE_DETECTION_VERSION,
} from '@kirinuki/pipeline/vision/detect-faces';
import type { StageResultStore } from '../../../common/stage-result-store.js';
import type { Logger } from '../../logging/create-logger.js';

/** Seconds looked at either side of the span, so a track is already settled at the clip's first frame. */
export const SPAN_MARGIN_SEC = 1;

export interface FacesInSpanRun {
  ffmpeg: string;
  signal: AbortSignal;
  logger: Logger;
  /** 0..1 of this pass (only called when the faces are computed, not when they are stored). */
  onProgress?: ((fraction: number, etaSec: number | null) => void) | undefined;
}

/**
 * The faces a clip's crop follows: tracked densely (DEFAULT_FACE_SAMPLE_FPS) inside the clip's
 * span only — the whole video's pass samples a frame a second, enough for scoring, too sparse to
 * follow a head. Computed when the clip is rendered and stored by content hash and span, so a
 * rerender, another platform's render or a reload reuses it; tracks end at the video's cuts.
 */
export async function facesInSpan(
  store: StageResultStore,
  video: Pick<VideoRecord, 'sha256' | 'path' | 'mediaInfo'>,
  span: { start: number; end: number },
  vision: VisionResult | null,
  run: FacesInSpanRun,
): Promise<{ faces: FaceTracks; cached: boolean }> {
  // The probe's size is the displayed one (after rotation), which the detector's boxes map to.
  const picture = (video.mediaInfo as MediaInfo | null)?.video;
  // No picture, nothing to track (the render itself says what is wrong with such a file).
  if (!picture) return { faces: { sampleFps: DEFAULT_FACE_SAMPLE_FPS, tracks: [] }, cached: true };
  const { width, height } = picture;
  const start = Math.max(0, round3(span.start - SPAN_MARGIN_SEC));
  const end = round3(span.end + SPAN_MARGIN_SEC);
  const sampleFps = DEFAULT_FACE_SAMPLE_FPS;
  const key = {
    sha256: video.sha256,
    stage: 'faces-in-span',
    settings: { faces: FACE_DETECTION_VERSION, sampleFps, start, end },
  };
  const locator = store.locate(key, 'video');
  const stored = await store.read<FaceTracks>(locator);
  if (stored) return { faces: stored, cached: true };
  const found = await detectFaces(video.path, {
    ffmpeg: run.ffmpeg,
    width,
    height,
    durationSec: end - start,
    startSec: start,
    limitSec: end - start,
    sampleFps,
    cutTimes: (vision?.shots?.cuts ?? []).map((c) => c.time).filter((t) => t > start && t < end),
    signal: run.signal,
    logger: run.logger,
    onProgress: (p) => run.onProgress?.(p.fraction ?? 0, p.etaSec),
  });
  const faces: FaceTracks = { sampleFps: found.sampleFps, tracks: found.tracks };
  await store.write(locator, faces);
  return { faces, cached: false };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
