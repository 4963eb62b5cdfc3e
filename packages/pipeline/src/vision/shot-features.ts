/**
 * Per-frame measurements that shot detection needs, computed while frames stream past so only a
 * few recent thumbnails are ever held. All differences are on zero-mean grey frames, so a global
 * brightness change (exposure, a light switched on) is not mistaken for new content.
 */
export interface ShotFeatures {
  frameCount: number;
  /** Mean grey level, 0..255. */
  mean: number[];
  /** Standard deviation of grey levels (contrast). */
  std: number[];
  /** Mean absolute difference to the previous frame (0 for frame 0). */
  diff: number[];
  /** L1 distance of the 16-bin grey histograms to the previous frame's (0..2): blind to motion. */
  histDiff: number[];
  /** back[k - 2][i]: difference between frame i and frame i-k, k = 2..MAX_LOOKBACK (NaN when i < k). */
  back: number[][];
  /** Difference between frame i-L and frame i (the linearity window's span), NaN when i < L. */
  span: number[];
  /** How far frame i-L/2 is from the average of frames i-L and i; ≈0 inside a dissolve or fade. */
  blendError: number[];
  /** Runs of frames where every window was a blend: candidate dissolves and fades. */
  blendRuns: BlendRun[];
}

/** A run of consecutive frames that blend linearly from the first to the last. */
export interface BlendRun {
  start: number;
  end: number;
  /** Difference between the first and the last frame. */
  change: number;
  /** How far the middle frame is from the average of the first and last (0 for a true dissolve). */
  blendError: number;
  /**
   * How much of `change` a camera move leaves (see cameraMotionRatio): ≈1 for a dissolve. NaN
   * where the run failed the cheaper blend tests first (the search costs a few milliseconds).
   */
  unexplained: number;
}

import { cameraMotionRatio } from './camera-motion.js';

export const MAX_LOOKBACK = 4;

/** A window is a blend when its middle frame is this close to the average of its ends (relative). */
const WINDOW_BLEND_RATIO = 0.2;
/** Below this span (grey levels) a window is treated as static, not as a blend. */
const WINDOW_MIN_SPAN = 3;

export interface ShotFeatureExtractor {
  push(gray: Uint8Array): void;
  features(): ShotFeatures;
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

/** `window` (even, ≥ 2) is the dissolve test's span in frames. */
function blendStats(a: Float32Array, m: Float32Array, b: Float32Array): { span: number; blend: number } {
  let span = 0;
  let blend = 0;
  for (let i = 0; i < a.length; i += 1) {
    const av = a[i] as number;
    const bv = b[i] as number;
    span += Math.abs(bv - av);
    blend += Math.abs((m[i] as number) - (av + bv) / 2);
  }
  return { span: span / a.length, blend: blend / a.length };
}

/**
 * `window` (even, ≥ 2) is the dissolve test's span in frames; `maxBlendRun` caps how many frames a
 * blend run may hold (longer runs are slow camera moves, not transitions, and are dropped).
 */
export function createShotFeatureExtractor(
  window: number,
  options: {
    maxBlendRun?: number;
    frameWidth?: number;
    /** Which closed runs are worth the camera-move search (default: all). */
    isDissolveCandidate?: (run: Omit<BlendRun, 'unexplained'>) => boolean;
  } = {},
): ShotFeatureExtractor {
  const { maxBlendRun = 300, frameWidth = 64, isDissolveCandidate = () => true } = options;
  const L = Math.max(2, window - (window % 2));
  const keep = Math.max(L, MAX_LOOKBACK) + 1;
  const ring: Float32Array[] = [];
  const f: ShotFeatures = {
    frameCount: 0,
    mean: [],
    std: [],
    diff: [],
    histDiff: [],
    back: Array.from({ length: MAX_LOOKBACK - 1 }, () => []),
    span: [],
    blendError: [],
    blendRuns: [],
  };
  const ago = (k: number) => ring[ring.length - 1 - k] as Float32Array;
  let previousHistogram: Float32Array | null = null;
  // Frames of the blend run in progress, from its first frame on; null when none is open.
  let run: { start: number; frames: Float32Array[] } | null = null;
  const closeRun = () => {
    if (!run) return;
    const { frames, start } = run;
    run = null;
    if (frames.length > maxBlendRun) return;
    const first = frames[0] as Float32Array;
    const last = frames[frames.length - 1] as Float32Array;
    const middle = frames[Math.floor((frames.length - 1) / 2)] as Float32Array;
    const whole = blendStats(first, middle, last);
    const closed = { start, end: start + frames.length - 1, change: whole.span, blendError: whole.blend };
    f.blendRuns.push({
      ...closed,
      unexplained: isDissolveCandidate(closed) ? cameraMotionRatio(first, last, frameWidth) : Number.NaN,
    });
  };

  return {
    push(gray) {
      const n = gray.length;
      let sum = 0;
      const histogram = new Float32Array(16);
      for (let i = 0; i < n; i += 1) {
        const v = gray[i] as number;
        sum += v;
        histogram[v >> 4] = (histogram[v >> 4] as number) + 1 / n;
      }
      let histDiff = 0;
      if (previousHistogram)
        for (let b = 0; b < 16; b += 1)
          histDiff += Math.abs((histogram[b] as number) - (previousHistogram[b] as number));
      f.histDiff.push(histDiff);
      previousHistogram = histogram;
      const mean = sum / n;
      const zero = new Float32Array(n);
      let squares = 0;
      for (let i = 0; i < n; i += 1) {
        const v = (gray[i] as number) - mean;
        zero[i] = v;
        squares += v * v;
      }
      ring.push(zero);
      if (ring.length > keep) ring.shift();
      const index = f.frameCount;
      f.mean.push(mean);
      f.std.push(Math.sqrt(squares / n));
      f.diff.push(index >= 1 ? meanAbsDiff(zero, ago(1)) : 0);
      for (let k = 2; k <= MAX_LOOKBACK; k += 1) {
        (f.back[k - 2] as number[]).push(index >= k ? meanAbsDiff(zero, ago(k)) : Number.NaN);
      }
      let isBlend = false;
      if (index >= L) {
        const { span, blend } = blendStats(ago(L), ago(L / 2), zero);
        f.span.push(span);
        f.blendError.push(blend);
        isBlend = span >= WINDOW_MIN_SPAN && blend <= WINDOW_BLEND_RATIO * span;
      } else {
        f.span.push(Number.NaN);
        f.blendError.push(Number.NaN);
      }
      if (isBlend) {
        if (!run) run = { start: index - L, frames: Array.from({ length: L }, (_, k) => ago(L - k)) };
        if (run.frames.length <= maxBlendRun) run.frames.push(zero);
        else run.frames.length = maxBlendRun + 1; // too long to be a transition; closeRun drops it
      } else closeRun();
      f.frameCount += 1;
    },
    features: () => {
      closeRun();
      return f;
    },
  };
}
