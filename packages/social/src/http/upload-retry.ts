import { abortError } from '@kirinuki/contracts';
import { PlatformBusyUntil, PlatformRequestError } from './platform-error.js';

export interface RetryOptions {
  signal: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Failures in a row without any new progress before the upload gives up (default 10). */
  maxFailuresWithoutProgress?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told of each retry (for the log). */
  onRetry?: (error: PlatformRequestError, attempt: number, delayMs: number) => void;
  /**
   * The longest wait spent here (default 30 s); a longer one (a rate limit resetting minutes away)
   * ends the step with PlatformBusyUntil, so the caller can give its slot back and come back then.
   */
  longestWaitMs?: number;
  /** The clock `PlatformBusyUntil.retryAt` is on (default Date.now). */
  now?: () => number;
}

/** See RetryOptions.longestWaitMs. */
export const LONGEST_WAIT_IN_PLACE_MS = 30_000;

/**
 * Runs `step` until it succeeds. Transient faults (5xx, drops, 429 after its Retry-After) are
 * retried with exponential backoff, and never fail an upload that still makes progress: the count
 * of failures starts again whenever `progress()` moves (bytes acknowledged). Only a run of failures
 * without progress, or a permanent error, ends it. An `auth` failure is retried once with a fresh
 * token (`onAuthFailure`), then is permanent.
 */
export async function withRetries<T>(
  step: () => Promise<T>,
  progress: () => number,
  options: RetryOptions & { onAuthFailure?: () => Promise<void> },
): Promise<T> {
  const limit = options.maxFailuresWithoutProgress ?? 10;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  let failures = 0;
  let lastProgress = progress();
  let authRetried = false;
  for (;;) {
    if (options.signal.aborted) throw abortError();
    try {
      return await step();
    } catch (error) {
      if (options.signal.aborted) throw abortError();
      if (!(error instanceof PlatformRequestError) || error instanceof PlatformBusyUntil) throw error;
      if (error.kind === 'auth' && options.onAuthFailure && !authRetried) {
        authRetried = true;
        await options.onAuthFailure();
        continue;
      }
      if (error.kind !== 'transient') throw error;
      const now = progress();
      if (now > lastProgress) {
        lastProgress = now;
        failures = 0;
      }
      failures += 1;
      if (failures > limit) throw error;
      const backoff = Math.min(max, base * 2 ** (failures - 1));
      const delayMs = Math.max(backoff, error.retryAfterMs ?? 0);
      if (delayMs > (options.longestWaitMs ?? LONGEST_WAIT_IN_PLACE_MS))
        throw new PlatformBusyUntil(error, (options.now ?? Date.now)() + delayMs);
      options.onRetry?.(error, failures, delayMs);
      await options.sleep(delayMs, options.signal);
    }
  }
}

/** A sleep that an abort ends early (with an AbortError). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
