import { randomBytes } from 'node:crypto';
import { expectJson, sendRequest, type BodyPart } from '../http/platform-http.js';

type FileRange = { path: string; start: number; end: number };
import { PlatformRequestError, retryAfterMs } from '../http/platform-error.js';

/** What every X API call needs: how to send, the clock, and the access token of the account. */
export interface XCall {
  fetch: typeof fetch;
  now: () => number;
  signal: AbortSignal;
  accessToken: () => Promise<string>;
}

export interface XRequest {
  method: 'GET' | 'POST';
  url: URL;
  json?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; bytes: Uint8Array | FileRange } };
  timeoutMs?: number;
}

/** A wait longer than this is a quota for the day, not a pause: the post fails and can be retried later. */
const LONGEST_RATE_LIMIT_WAIT_MS = 60 * 60 * 1000;

/** One X API request with the account's bearer token; its JSON, or a PlatformRequestError of its kind. */
export async function xRequest<T>(call: XCall, request: XRequest): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await call.accessToken()}` };
  let body: BodyPart[] | undefined;
  if (request.multipart) {
    const encoded = multipartBody(request.multipart.fields, request.multipart.file);
    headers['content-type'] = encoded.contentType;
    body = encoded.body;
  }
  const response = await sendRequest(call.fetch, {
    method: request.method,
    url: request.url,
    headers,
    ...(request.json !== undefined ? { json: request.json } : {}),
    ...(body ? { body } : {}),
    signal: call.signal,
    ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}),
  });
  try {
    return await expectJson<T>(response, describeXError);
  } catch (error) {
    throw withXRateLimit(error, response, call.now());
  }
}

/**
 * X says when a limit resets in `x-rate-limit-reset` (epoch seconds), not Retry-After; a reset an
 * hour or more away (the 24-hour caps) ends the post with a quota error instead of a wait.
 */
function withXRateLimit(error: unknown, response: Response, now: number): unknown {
  if (!(error instanceof PlatformRequestError) || response.status !== 429) return error;
  const reset = Number(response.headers.get('x-rate-limit-reset'));
  const fromReset = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : null;
  const waitMs = retryAfterMs(response.headers.get('retry-after'), now) ?? fromReset;
  if (waitMs !== null && waitMs >= LONGEST_RATE_LIMIT_WAIT_MS)
    return new PlatformRequestError(
      `the posting limit is used up until ${new Date(now + waitMs).toISOString()} (${error.message})`,
      'permanent',
      429,
      waitMs,
      'PLATFORM_QUOTA_EXCEEDED',
    );
  return new PlatformRequestError(error.message, 'transient', 429, waitMs, 'PLATFORM_RATE_LIMITED');
}

/**
 * X's error bodies: RFC 7807 problems (`title`, `detail`, `errors[].message`), the older
 * `errors[{code, message}]`, or OAuth's `error_description`.
 */
export function describeXError(body: unknown, status: number): string | null {
  const b = body as {
    title?: unknown;
    detail?: unknown;
    error?: unknown;
    error_description?: unknown;
    errors?: Array<{ message?: unknown; detail?: unknown }>;
  } | null;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  if (!b || typeof b !== 'object') return `HTTP ${status}`;
  const inner = Array.isArray(b.errors)
    ? b.errors.map((e) => text(e?.message) ?? text(e?.detail)).filter(Boolean)
    : [];
  const head = text(b.detail) ?? text(b.title) ?? text(b.error_description) ?? text(b.error);
  const parts = [head, ...inner].filter((part, i, all): part is string => !!part && all.indexOf(part) === i);
  return parts.length ? parts.join(': ') : `HTTP ${status}`;
}

/** A multipart/form-data body: the fields, then the file part (X's APPEND takes `media` as a file). */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array | FileRange },
): { contentType: string; body: BodyPart[] } {
  const boundary = `kirinuki-${randomBytes(12).toString('hex')}`;
  const head = Object.entries(fields)
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    // The file's bytes are streamed from disk between the two text parts, never copied together.
    body: [
      Buffer.from(
        `${head}--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ],
  };
}
