/** What a progress bar shows for a vision pass. */
export interface VisionProgress {
  stage: string;
  /** 0..1, null while the total is unknown. */
  fraction: number | null;
  /** Seconds of wall time left, null until it can be estimated. */
  etaSec: number | null;
}

/** Fraction from media time done over total, ETA from the wall time spent so far. */
export function mediaTimeProgress(
  stage: string,
  doneSec: number,
  totalSec: number | null,
  elapsedSec: number,
): VisionProgress {
  if (totalSec === null || !(totalSec > 0)) return { stage, fraction: null, etaSec: null };
  const fraction = Math.min(1, Math.max(0, doneSec / totalSec));
  const etaSec = fraction > 0 && elapsedSec > 0 ? (elapsedSec * (1 - fraction)) / fraction : null;
  return { stage, fraction, etaSec };
}
