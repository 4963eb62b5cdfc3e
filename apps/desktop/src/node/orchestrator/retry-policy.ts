import { findUserFacingCause, isAbortError, type JobError } from '@kirinuki/contracts';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

export type FailureDecision =
  { action: 'retry'; delayMs: number; error: JobError } | { action: 'fail'; error: JobError };

const RETRIES_EXHAUSTED_HINT =
  'Retry the job; if it keeps failing, report it with the log file from <library>/logs.';

export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * A UserFacingError (also as the cause of a service call's error) fails the job at once with its
 * message; anything else is transient and retried with backoff until `maxAttempts` runs.
 */
export function decideAfterFailure(
  thrown: unknown,
  attempt: number,
  maxAttempts: number,
  policy: RetryPolicy,
): FailureDecision {
  const userFacing = findUserFacingCause(thrown);
  if (userFacing) return { action: 'fail', error: userFacing.toJSON() };
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (attempt >= maxAttempts) {
    return {
      action: 'fail',
      error: {
        code: 'INTERNAL',
        message: `Failed ${attempt} times; the last error: ${message}`,
        hint: RETRIES_EXHAUSTED_HINT,
      },
    };
  }
  return {
    action: 'retry',
    delayMs: retryDelayMs(attempt, policy),
    error: {
      code: isAbortError(thrown) ? 'CANCELLED' : 'INTERNAL',
      message,
      hint: 'Kirinuki retries this on its own.',
    },
  };
}
