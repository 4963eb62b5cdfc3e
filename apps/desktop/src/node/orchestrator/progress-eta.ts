/**
 * Remaining time by linear extrapolation of the progress so far; null until there is enough to
 * go on (under 1 % or under a second of work), so the UI does not show wild first guesses.
 */
export function estimateEtaMs(startedAtMs: number, nowMs: number, fraction: number): number | null {
  const elapsed = nowMs - startedAtMs;
  if (!(fraction >= 0.01) || elapsed < 1_000) return null;
  if (fraction >= 1) return 0;
  return Math.round((elapsed * (1 - fraction)) / fraction);
}

/** Clamps a reported fraction into 0..1 (NaN counts as 0). */
export function clampFraction(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}
