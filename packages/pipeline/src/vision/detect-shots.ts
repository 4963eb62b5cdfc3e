import type { CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { decodeFrames, type DecodeOptions, type FrameOutput } from './frame-source.js';
import {
  blendWindowFor,
  DEFAULT_SHOT_BOUNDARY_PARAMS,
  findShotBoundaries,
  passesBlendTests,
  type ShotBoundaryParams,
  type ShotCut,
} from './shot-boundaries.js';
import { createShotFeatureExtractor, MAX_LOOKBACK, type ShotFeatures } from './shot-features.js';
import { shotsFromCuts, type ShotDetection } from './shot-list.js';
import type { VisionProgress } from './vision-progress.js';
import { scanFrames, type FrameScan } from './frame-scan.js';

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
  /**
   * Of the frames decoded: every frame, or only the I and P frames (see `sparse`; `diff` is then
   * the change per frame of each step).
   */
  features: ShotFeatures;
  /** pts of every frame of the video, presentation order. */
  pts: number[];
  /** pts of the frame each entry of `features` describes. */
  featurePts: number[];
  /** Whether only the I and P frames were decoded (cuts placed exactly all the same). */
  sparse: boolean;
}

/** What takes the thumbnails of a decode and turns them into shots at the end. */
export interface ShotCollector {
  output: FrameOutput;
  finish(): Promise<ShotDetectionWithFeatures>;
}

/** A decode of the frames in [first, last] only, every one, at thumbnail size (for placing a cut). */
export type DecodeSpan = (first: number, last: number) => Promise<Uint8Array[]>;

/** Decoding only the I and P frames pays when at most this share of the frames are I or P. */
export const SPARSE_MAX_DENSITY = 0.8;

/** The frames to decode for shots: all, or only the I and P frames when the stream has enough B-frames. */
export function sparsePlan(scan: FrameScan | null): FrameScan | null {
  if (!scan || scan.pts.length < 2) return null;
  return scan.referenceIndices.length / scan.pts.length <= SPARSE_MAX_DENSITY ? scan : null;
}

/** The decoded frames were not the ones the packets said: the caller decodes every frame instead. */
export class SparseMismatchError extends Error {}

export function createShotCollector(
  options: Pick<DetectShotsOptions, 'fps' | 'durationSec' | 'params'>,
  sparse: { scan: FrameScan; decodeSpan: DecodeSpan } | null = null,
): ShotCollector {
  const density = sparse ? sparse.scan.referenceIndices.length / sparse.scan.pts.length : 1;
  // The dissolve window spans the same time whichever frames are decoded.
  const fullWindow = blendWindowFor(options.fps);
  const blendWindow = sparse ? Math.max(2, 2 * Math.round((fullWindow * density) / 2)) : fullWindow;
  const params: ShotBoundaryParams = { ...DEFAULT_SHOT_BOUNDARY_PARAMS, blendWindow, ...options.params };
  const fullParams: ShotBoundaryParams = { ...params, blendWindow: fullWindow };
  const extractor = createShotFeatureExtractor(params.blendWindow, {
    frameWidth: SHOT_FRAME_WIDTH,
    isDissolveCandidate: (run) => passesBlendTests(run, params),
  });
  const featurePts: number[] = [];
  return {
    output: {
      width: SHOT_FRAME_WIDTH,
      height: SHOT_FRAME_HEIGHT,
      pixelFormat: 'gray',
      fit: 'stretch',
      sampleFps: null,
      onFrame: (frame) => {
        extractor.push(frame.data);
        featurePts.push(frame.pts);
      },
    },
    async finish() {
      const features = extractor.features();
      const foundSparse = findShotBoundaries(features, params);
      if (!sparse) {
        const shots = shotsFromCuts(foundSparse, featurePts, options.fps, options.durationSec);
        return { ...shots, features, pts: featurePts, featurePts, sparse: false };
      }
      const { scan } = sparse;
      const full = checkedIndices(scan, featurePts, options.fps);
      const gapOf = (k: number) => (full[k] as number) - (full[k - 1] as number);
      const perFrame = perFrameChange(features, gapOf);
      const cuts = await sparseCuts(foundSparse, findShotBoundaries(perFrame, params), full, {
        ...sparse,
        params: fullParams,
      });
      const shots = shotsFromCuts(cuts, scan.pts, options.fps, options.durationSec);
      return { ...shots, features: perFrame, pts: scan.pts, featurePts, sparse: true };
    },
  };
}

/**
 * The cuts of a sparse pass on the frames they are on. Between two frames that follow each other
 * in the stream (where encoders put a cut: they end the B-frame group before it) a hard cut is
 * where it is found, judged against its neighbours' change per frame (`perFrame`: a step over four
 * frames of motion changes about four times as much as one, so raw steps would hide it). A hard
 * cut found across skipped B-frames (on the raw steps, `raw`) is decided again by the every-frame
 * detector on every frame around it, which also places it.
 */
async function sparseCuts(
  raw: readonly ShotCut[],
  perFrame: readonly ShotCut[],
  full: readonly number[],
  every: { scan: FrameScan; decodeSpan: DecodeSpan; params: ShotBoundaryParams },
): Promise<ShotCut[]> {
  const gapOf = (k: number) => (full[k] as number) - (full[k - 1] as number);
  const decided: ShotCut[] = [];
  for (const cut of raw.filter((c) => c.kind === 'hard' && gapOf(c.frame) > 1)) {
    const [before, at] = [full[cut.frame - 1] as number, full[cut.frame] as number];
    decided.push(
      ...(await boundariesAround(every.decodeSpan, before, at, every.scan.pts.length, every.params)),
    );
  }
  const found = perFrame
    .filter((c) => c.kind === 'gradual' || gapOf(c.frame) === 1)
    .map((c) => ({ ...c, frame: full[c.frame] as number }));
  return mergeCuts(decided, found, 2 * every.params.blendWindow);
}

/** The features with each step's difference divided by the frames it spans. */
function perFrameChange(features: ShotFeatures, gapOf: (k: number) => number): ShotFeatures {
  return { ...features, diff: features.diff.map((d, k) => (k > 0 ? d / Math.max(1, gapOf(k)) : d)) };
}

/** The presentation index of each decoded frame, checked against its pts. */
function checkedIndices(scan: FrameScan, featurePts: readonly number[], fps: number): number[] {
  const full = scan.referenceIndices;
  const tolerance = 0.5 / (fps > 0 ? fps : 25);
  if (featurePts.length !== full.length) throw new SparseMismatchError();
  featurePts.forEach((t, k) => {
    if (!(Math.abs(t - (scan.pts[full[k] as number] as number)) <= tolerance))
      throw new SparseMismatchError();
  });
  return full;
}

/**
 * The boundaries the every-frame detector finds around decoded frames `before` and `at`
 * (presentation indices) that have B-frames between them, on every frame of a window around them:
 * a hard cut in the gap, or the fade or dissolve the sparse frames took for one (its middle may lie
 * a little outside the gap). Only boundaries with the detector's whole context inside the window.
 */
async function boundariesAround(
  decodeSpan: DecodeSpan,
  before: number,
  at: number,
  frameCount: number,
  params: ShotBoundaryParams,
): Promise<ShotCut[]> {
  const context = params.contextFrames + MAX_LOOKBACK + 1;
  const margin = Math.max(2 * context, 12 * params.blendWindow);
  const first = Math.max(0, before - margin);
  const last = Math.min(frameCount - 1, at + margin);
  const frames = await decodeSpan(first, last);
  const extractor = createShotFeatureExtractor(params.blendWindow, { frameWidth: SHOT_FRAME_WIDTH });
  for (const frame of frames) extractor.push(frame);
  const inner = (frame: number) =>
    (frame > before && frame <= at) || (frame >= first + context && frame <= last - context);
  return findShotBoundaries(extractor.features(), params)
    .map((c) => ({ ...c, frame: c.frame + first }))
    .filter((c) => (c.kind === 'hard' ? c.frame > before && c.frame <= at : inner(c.frame)));
}

/**
 * The every-frame detector's boundaries, then the sparse pass's own that none of them is near: 3
 * frames for a hard cut, `gradualFrames` for a fade or dissolve (the sparse frames put its middle
 * a few frames off the every-frame one), in frame order.
 */
export function mergeCuts(
  decided: readonly ShotCut[],
  found: readonly ShotCut[],
  gradualFrames: number,
): ShotCut[] {
  const out: ShotCut[] = [];
  for (const cut of [...decided, ...found]) {
    const near = cut.kind === 'gradual' ? Math.max(3, gradualFrames) : 3;
    if (!out.some((c) => Math.abs(c.frame - cut.frame) <= near)) out.push(cut);
  }
  return out.sort((a, b) => a.frame - b.frame);
}

/** How a shot pass decodes: with the decoder's shortcuts unless told otherwise. */
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

/** The every-frame thumbnails of frames [first, last] (presentation indices), by an exact seek to the first. */
export function spanDecoder(input: string, options: DetectShotsOptions, scan: FrameScan): DecodeSpan {
  return async (first, last) => {
    const frames: Uint8Array[] = [];
    const startSec = scan.pts[first] as number;
    const step = 1 / (options.fps > 0 ? options.fps : 25);
    await decodeFrames(
      {
        ...shotDecodeOptions(input, options),
        onProgress: undefined,
        threads: 1,
        startSec,
        limitSec: (scan.pts[last] as number) - startSec + step / 2,
        durationSec: null,
      },
      [{ ...SHOT_OUTPUT, onFrame: (frame) => void frames.push(frame.data) }],
    );
    return frames.slice(0, last - first + 1);
  };
}

const SHOT_OUTPUT = {
  width: SHOT_FRAME_WIDTH,
  height: SHOT_FRAME_HEIGHT,
  pixelFormat: 'gray',
  fit: 'stretch',
  sampleFps: null,
} as const;

/**
 * Runs a shot pass (with the outputs given beside the thumbnails: one decode for all of them),
 * decoding only the I and P frames when the stream has enough B-frames, else every frame. `extra`
 * outputs are made afresh for a second decode when the sparse one could not be used.
 */
export async function runShotPass(
  input: string,
  options: DetectShotsOptions & { stage?: string },
  extra: () => FrameOutput[],
): Promise<ShotDetectionWithFeatures> {
  const scan = options.limitSec
    ? null
    : sparsePlan(await scanFrames({ ...options, input }).catch(() => null));
  const decode = shotDecodeOptions(input, options);
  const stage = options.stage ?? decode.stage;
  if (scan) {
    const shots = createShotCollector(options, { scan, decodeSpan: spanDecoder(input, options, scan) });
    await decodeFrames({ ...decode, stage, skipFrame: 'bidir' }, [shots.output, ...extra()]);
    try {
      return await shots.finish();
    } catch (error) {
      if (!(error instanceof SparseMismatchError)) throw error;
      options.logger?.debug(
        { input },
        'the I and P frames decoded were not the packets’: decoding every frame',
      );
    }
  }
  const shots = createShotCollector(options);
  await decodeFrames({ ...decode, stage }, [shots.output, ...extra()]);
  return shots.finish();
}

/** Thumbnails of the frames at thumbnail size: hard cuts, fades and dissolves. */
export async function detectShots(
  input: string,
  options: DetectShotsOptions,
): Promise<ShotDetectionWithFeatures> {
  return runShotPass(input, options, () => []);
}
