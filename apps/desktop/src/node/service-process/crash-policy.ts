export interface CrashPolicy {
  /** Crashes within `windowMs` that open the circuit. */
  maxCrashes: number;
  windowMs: number;
  /** First restart delay; doubles with each crash in the window. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicy = {
  maxCrashes: 3,
  windowMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export type CrashDecision =
  { action: 'restart'; delayMs: number } | { action: 'open-circuit'; crashes: number };

/** What to do after a crash, given the times of the crashes so far (this one included). */
export function decideAfterCrash(
  crashTimes: readonly number[],
  now: number,
  policy: CrashPolicy,
): CrashDecision {
  const recent = crashTimes.filter((t) => now - t < policy.windowMs).length;
  if (recent >= policy.maxCrashes) return { action: 'open-circuit', crashes: recent };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, recent - 1));
  return { action: 'restart', delayMs };
}
