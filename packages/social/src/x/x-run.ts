import type { PublishContext } from '../platform-client.js';
import { withRetries } from '../http/upload-retry.js';
import type { XCall } from './x-http.js';
import type { XState } from './x-publish-state.js';

/** One publish attempt of one post: how to call X, wait, save where it got to, and report progress. */
export interface XRun {
  call: XCall;
  origin: string | null | undefined;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  file: { path: string; size: number };
  /** The account's X user, as saved with its tokens at sign-in (absent for older sign-ins). */
  user: { id: string; username: string } | null;
  /** Saves where the post got to; `new` means a retry starts a fresh upload (no post was made). */
  save(state: XState | { step: 'new' }): Promise<void>;
  progress(stage: 'uploading' | 'processing' | 'publishing', bytesSent: number): void;
  /**
   * One request until it succeeds: transient faults (5xx, drops, 429 after its reset) are retried
   * while `progress` moves or until ~10 in a row; a 401 is retried once with a fresh token.
   */
  retry<T>(step: () => Promise<T>, progress?: () => number): Promise<T>;
}

export function xRun(
  context: PublishContext,
  options: {
    fetch: typeof fetch;
    now: () => number;
    sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    origin: string | null | undefined;
  },
): XRun {
  const call: XCall = {
    fetch: options.fetch,
    now: options.now,
    signal: context.signal,
    accessToken: () => context.accessToken(),
  };
  return {
    call,
    origin: options.origin,
    sleep: options.sleep,
    signal: context.signal,
    file: context.file,
    user:
      context.tokenExtra.user_id && context.tokenExtra.username
        ? { id: context.tokenExtra.user_id, username: context.tokenExtra.username }
        : null,
    save: (state) => context.saveState(state),
    progress: (stage, bytesSent) => context.onProgress({ stage, bytesSent, bytesTotal: context.file.size }),
    retry: (step, progress = () => 0) =>
      withRetries(step, progress, {
        signal: context.signal,
        sleep: options.sleep,
        now: call.now,
        // X said the token in hand is not accepted (expired early, revoked): ask the host for a new one.
        onAuthFailure: async () => {
          await context.accessToken({ fresh: true });
        },
      }),
  };
}
