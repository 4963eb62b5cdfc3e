import { open } from 'node:fs/promises';
import { failureKindOf, networkError, PlatformRequestError, retryAfterMs } from './platform-error.js';

export interface PlatformRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL | string;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json), a form, or bytes. */
  json?: unknown;
  form?: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
  /** A request that sends nothing back for this long is dropped (default 60 s; uploads pass more). */
  timeoutMs?: number;
}

/** Sends one request; network failures (refused, reset, timed out, cut mid-body) become transient errors. */
export async function sendRequest(fetcher: typeof fetch, request: PlatformRequest): Promise<Response> {
  const headers = new Headers(request.headers);
  let body: string | Uint8Array | undefined;
  if (request.json !== undefined) {
    headers.set('content-type', 'application/json; charset=UTF-8');
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(request.form).toString();
  } else if (request.body) body = request.body;
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 60_000);
  try {
    return await fetcher(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.any([request.signal, timeout]),
    });
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw networkError(error);
  }
}

/** The body as text; a body cut off mid-way is a transient failure like a dropped connection. */
export async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw networkError(error);
  }
}

/**
 * The response's JSON when its status is 2xx; otherwise a PlatformRequestError of the status's
 * kind (401 auth, 429/5xx transient, else permanent) with the platform's message and Retry-After.
 * `describe` reads the platform's error body (each has its own shape).
 */
export async function expectJson<T>(
  response: Response,
  describe: (body: unknown, status: number) => string | null = defaultDescription,
): Promise<T> {
  const text = await readText(response);
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) {
    if (parsed === null && text)
      throw new PlatformRequestError(
        'the platform answered with something that is not JSON',
        'transient',
        response.status,
      );
    return parsed as T;
  }
  const message = describe(parsed, response.status) ?? `HTTP ${response.status}`;
  throw new PlatformRequestError(
    message,
    failureKindOf(response.status),
    response.status,
    retryAfterMs(response.headers.get('retry-after')),
    response.status === 429 ? 'PLATFORM_RATE_LIMITED' : undefined,
  );
}

function defaultDescription(body: unknown, status: number): string | null {
  const b = body as { error?: unknown; message?: unknown; error_description?: unknown } | null;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  if (!b) return null;
  const nested = b.error && typeof b.error === 'object' ? (b.error as { message?: unknown }).message : null;
  return text(b.error_description) ?? text(nested) ?? text(b.message) ?? text(b.error) ?? `HTTP ${status}`;
}

/** Bytes `start`…`end` (exclusive) of a file, read when a chunk is sent (so a retry sends them again). */
export async function readFileRange(path: string, start: number, end: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(end - start);
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, start + read);
      if (bytesRead === 0) throw new Error(`${path} ended at ${start + read} bytes, before ${end}`);
      read += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}
