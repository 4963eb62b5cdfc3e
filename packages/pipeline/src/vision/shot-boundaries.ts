import type { BlendRun, ShotFeatures } from './shot-features.js';

export type CutKind = 'hard' | 'gradual';

export interface ShotCut {
  /** 0-based decoded index of the first frame of the new shot. */
  frame: number;
  kind: CutKind;
  /** 0..1. */
  confidence: number;
}

export interface ShotBoundaryParams {
  /** A hard cut's difference must reach this (mean absolute grey levels, zero-mean frames). */
  hardMin: number;
  /** …and exceed `hardRatio` × the median difference around it plus `hardMargin`. */
  hardRatio: number;
  hardMargin: number;
  /** …and stand this many times above the differences of the frames either side. */
  hardDominance: number;
  /** Frames on each side used for the local median. */
  contextFrames: number;
  /**
   * In fast motion every frame differs, so a cut is also accepted when the grey histogram (which
   * motion leaves alone) jumps by this much and `histRatio` × its local median…
   */
  histMin: number;
  histRatio: number;
  /** …and the frame difference still stands this far above both neighbours. */
  motionCutDominance: number;
  /** A frame within 3 frames after a candidate this similar (relative) to the frame before it makes it a flash. */
  flashReturnRatio: number;
  /** Frames at least this dark (mean grey) and flat (std) are the black of a fade. */
  darkMean: number;
  darkStd: number;
  /** A blend run is a dissolve when its ends differ this much… */
  gradualMinChange: number;
  /** …and its middle frame is within this fraction of that difference from the ends' average… */
  gradualBlendRatio: number;
  /**
   * …and no camera move explains the change: a slow pan or zoom also blends window by window, but
   * a shift or scale turns one end into the other (leaving ≤ 0.6 of the change on real footage;
   * dissolves keep ≥ 0.84).
   */
  gradualMinUnexplained: number;
  /** Window of the dissolve test, in frames (the feature extractor's `window`). */
  blendWindow: number;
}

export const DEFAULT_SHOT_BOUNDARY_PARAMS: Omit<ShotBoundaryParams, 'blendWindow'> = {
  hardMin: 12,
  hardRatio: 3,
  hardMargin: 6,
  hardDominance: 1.8,
  contextFrames: 10,
  histMin: 0.3,
  histRatio: 4,
  motionCutDominance: 1.2,
  flashReturnRatio: 0.4,
  darkMean: 14,
  darkStd: 8,
  gradualMinChange: 12,
  gradualBlendRatio: 0.3,
  gradualMinUnexplained: 0.7,
};

/** The dissolve window for a frame rate: about a quarter second, even, at least 4 frames. */
export function blendWindowFor(fps: number): number {
  const frames = Math.round((Number.isFinite(fps) && fps > 0 ? fps : 25) / 4);
  return Math.max(4, frames + (frames % 2));
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const at = (values: number[], i: number) => values[i] ?? Number.NaN;

function localContext(diff: number[], i: number, radius: number, exclude: [number, number]): number {
  const around: number[] = [];
  for (let j = Math.max(1, i - radius); j <= Math.min(diff.length - 1, i + radius); j += 1) {
    if (j < exclude[0] || j > exclude[1]) around.push(at(diff, j));
  }
  return median(around);
}

/** Frame i-1 comes back within 3 frames after i: a flash or a one-frame glitch, not a cut. */
function isFlash(f: ShotFeatures, i: number, strength: number, ratio: number): boolean {
  for (let k = 1; k <= f.back.length; k += 1) {
    // back[k-1] holds differences at distance k+1: frame i+k against frame i-1.
    const returned = at(f.back[k - 1] as number[], i + k);
    if (Number.isFinite(returned) && returned < ratio * strength) return true;
  }
  return false;
}

/**
 * Abrupt changes: a frame much more different from its predecessor than its neighbourhood is.
 * A cut spread over two frames (one blended frame between the shots) counts once, at its larger half.
 */
export function findHardCuts(f: ShotFeatures, p: ShotBoundaryParams): ShotCut[] {
  const cuts: ShotCut[] = [];
  const { diff } = f;
  const back2 = f.back[0] ?? [];
  const d = (i: number) => (i >= 1 && i < f.frameCount ? at(diff, i) : 0);
  // Frames j-1 → j → j+1 change in two steps that add up: j+1 differs from j-1 more than either step.
  const isPair = (j: number) =>
    j >= 1 &&
    j + 1 < f.frameCount &&
    Math.min(d(j), d(j + 1)) >= p.hardMin / 2 &&
    at(back2, j + 1) >= 1.3 * Math.max(d(j), d(j + 1));
  for (let i = 1; i < f.frameCount; i += 1) {
    const paired = isPair(i) ? i + 1 : isPair(i - 1) ? i - 1 : null;
    if (paired !== null && d(paired) > d(i)) continue; // the partner reports it
    const first = paired === null ? i : Math.min(i, paired);
    const last = paired === null ? i : Math.max(i, paired);
    const strength = paired === null ? d(i) : at(back2, last);
    if (strength < p.hardMin) continue;
    const neighbour = Math.max(d(first - 1), d(last + 1));
    const context = localContext(diff, i, p.contextFrames, [first - 1, last + 1]);
    const needed = p.hardRatio * context + p.hardMargin;
    // Fast motion raises the neighbours too; a cut stands well above both of them…
    const byDifference = d(i) >= p.hardDominance * neighbour && strength >= needed;
    // …or, inside fast motion, changes the tones of the picture when motion does not.
    const hist = Math.max(...Array.from({ length: last - first + 1 }, (_, k) => at(f.histDiff, first + k)));
    const histContext = localContext(f.histDiff, i, p.contextFrames, [first - 1, last + 1]);
    const byTones =
      hist >= p.histMin && hist >= p.histRatio * histContext && d(i) >= p.motionCutDominance * neighbour;
    if (!byDifference && !byTones) continue;
    if (isFlash(f, first, strength, p.flashReturnRatio)) continue;
    const excess = Math.max((strength - needed) / 20, byTones ? (hist - p.histMin) * 3 : -Infinity);
    cuts.push({ frame: i, kind: 'hard', confidence: round3(Math.min(1, 0.5 + 0.5 * Math.tanh(excess))) });
  }
  return cuts;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface Span {
  start: number;
  end: number;
}

/** Runs of black (dark and flat) frames. */
export function findDarkRuns(f: ShotFeatures, p: Pick<ShotBoundaryParams, 'darkMean' | 'darkStd'>): Span[] {
  const runs: Span[] = [];
  let start = -1;
  for (let i = 0; i <= f.frameCount; i += 1) {
    const dark = i < f.frameCount && at(f.mean, i) < p.darkMean && at(f.std, i) < p.darkStd;
    if (dark && start < 0) start = i;
    if (!dark && start >= 0) {
      runs.push({ start, end: i - 1 });
      start = -1;
    }
  }
  return runs;
}

/** A blend run long and strong enough, and linear enough, to be a dissolve (before the camera test). */
export function passesBlendTests(run: Omit<BlendRun, 'unexplained'>, p: ShotBoundaryParams): boolean {
  return (
    run.end - run.start >= p.blendWindow &&
    run.change >= p.gradualMinChange &&
    run.blendError <= p.gradualBlendRatio * run.change
  );
}

function isDissolve(run: BlendRun, p: ShotBoundaryParams): boolean {
  return passesBlendTests(run, p) && run.unexplained >= p.gradualMinUnexplained;
}

/**
 * Fades and dissolves: blend runs and black runs that touch are merged into one transition; its
 * cut is the middle of the black (fade out → in), the start of the fade-in after a cut to black,
 * or the middle of a dissolve. Transitions at the very start or end of the video are no cut.
 */
export function findGradualCuts(
  f: ShotFeatures,
  p: ShotBoundaryParams,
  hardCuts: readonly ShotCut[],
): ShotCut[] {
  type Piece = Span & { dark: boolean; score: number };
  const pieces: Piece[] = [
    ...findDarkRuns(f, p).map((r) => ({ ...r, dark: true, score: 0.8 })),
    ...f.blendRuns
      .filter((r) => isDissolve(r, p))
      .map((r) => ({
        start: r.start,
        end: r.end,
        dark: false,
        score: Math.min(0.95, 0.4 + r.change / 100) * (1 - r.blendError / r.change),
      })),
  ].sort((a, b) => a.start - b.start);

  const groups: Piece[][] = [];
  for (const piece of pieces) {
    const last = groups.at(-1);
    const lastEnd = last ? Math.max(...last.map((x) => x.end)) : -Infinity;
    if (last && piece.start <= lastEnd + 2) last.push(piece);
    else groups.push([piece]);
  }

  const cuts: ShotCut[] = [];
  const hardIn = (a: number, b: number) => hardCuts.filter((c) => c.frame >= a && c.frame <= b);
  for (const group of groups) {
    const start = Math.min(...group.map((x) => x.start));
    const end = Math.max(...group.map((x) => x.end));
    if (start <= 0 || end >= f.frameCount - 1) continue;
    const dark = group.filter((x) => x.dark).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const confidence = round3(Math.max(...group.map((x) => x.score)));
    let frame: number;
    if (dark) {
      const cutsAround = hardIn(start - 1, end + 1);
      const cutIntoDark = cutsAround.some((c) => c.frame <= dark.start + 1);
      const cutOutOfDark = cutsAround.some((c) => c.frame >= dark.end);
      if (cutOutOfDark) continue;
      if (cutIntoDark) {
        if (end <= dark.end) continue; // black until a hard cut or the end: no second boundary
        frame = dark.end + 1;
      } else frame = Math.round((dark.start + dark.end + 1) / 2);
    } else {
      if (hardIn(start - 1, end + 1).length) continue;
      frame = Math.round((start + end + 1) / 2);
    }
    cuts.push({ frame, kind: 'gradual', confidence });
  }
  return cuts;
}

/** Every boundary, hard and gradual, in frame order. */
export function findShotBoundaries(f: ShotFeatures, p: ShotBoundaryParams): ShotCut[] {
  const hard = findHardCuts(f, p);
  const gradual = findGradualCuts(f, p, hard).filter(
    (g) => !hard.some((h) => Math.abs(h.frame - g.frame) <= 3),
  );
  return [...hard, ...gradual].sort((a, b) => a.frame - b.frame);
}
