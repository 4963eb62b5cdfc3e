import { sendRequest } from '../http/platform-http.js';
import { withRetries } from '../http/upload-retry.js';
import { expectInstagramJson } from './instagram-errors.js';

export interface GraphCallOptions {
  fetch: typeof fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock a wait handed back (PlatformBusyUntil) is on. */
  now: () => number;
  signal: AbortSignal;
  accessToken(options?: { fresh?: boolean }): Promise<string>;
}

/** One Graph request with the token as a Bearer header (kept out of URLs and logs). */
export async function graphOnce<T>(
  options: GraphCallOptions,
  method: 'GET' | 'POST',
  url: URL,
  form?: Record<string, string>,
): Promise<T> {
  const token = await options.accessToken();
  const response = await sendRequest(options.fetch, {
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(form ? { form } : {}),
    signal: options.signal,
  });
  return expectInstagramJson<T>(response);
}

/**
 * A Graph request that may safely be sent again (reads, and writes whose repeat cannot post twice):
 * transient faults and throttling are waited out, a refused token is replaced once.
 */
export function graphCall<T>(
  options: GraphCallOptions,
  method: 'GET' | 'POST',
  url: URL,
  form?: Record<string, string>,
): Promise<T> {
  return withRetries(
    () => graphOnce<T>(options, method, url, form),
    () => 0,
    {
      signal: options.signal,
      sleep: options.sleep,
      now: options.now,
      onAuthFailure: async () => {
        await options.accessToken({ fresh: true });
      },
    },
  );
}
