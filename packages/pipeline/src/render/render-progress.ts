/** `faces`: tracking the faces inside the clip's span for the crop (skipped when already known). */
export type RenderStage = 'faces' | 'prepare' | 'loudness' | 'encode' | 'finish';

export interface RenderProgress {
  stage: RenderStage;
  /** Whole render, 0..1. */
  fraction: number;
  /** Wall seconds left, null until it can be estimated. */
  etaSec: number | null;
}

// Share of the wall time each stage takes, measured on 1080p → 1080×1920 renders.
const WEIGHTS: Record<Exclude<RenderStage, 'faces'>, [number, number]> = {
  prepare: [0, 0.02],
  loudness: [0.02, 0.08],
  encode: [0.08, 0.96],
  finish: [0.96, 1],
};

/** Turns a stage's own fraction into the render's, with an ETA from the pace so far. */
export function overallProgress(
  stage: Exclude<RenderStage, 'faces'>,
  stageFraction: number,
  elapsedSec: number,
): RenderProgress {
  const [from, to] = WEIGHTS[stage];
  const fraction = Math.min(1, Math.max(0, from + (to - from) * Math.min(1, Math.max(0, stageFraction))));
  const etaSec =
    fraction >= 1 ? 0 : fraction > 0.1 && elapsedSec > 0 ? (elapsedSec * (1 - fraction)) / fraction : null;
  return { stage, fraction, etaSec };
}
