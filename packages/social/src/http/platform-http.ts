import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { failureKindOf, networkError, PlatformRequestError, retryAfterMs } from './platform-error.js';

export interface PlatformRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL | string;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json), a form, or bytes. */
  json?: unknown;
  form?: Record<string, string>;
  /**
   * Bytes, or parts of a body streamed in order (bytes, and ranges of a file read as they are
   * sent), with its Content-Length: no chunk of a file is held in memory, nor copied by fetch.
   */
  body?: Uint8Array | BodyPart[];
  signal: AbortSignal;
  /** A request that sends nothing back for this long is dropped (default 60 s; uploads pass more). */
  timeoutMs?: number;
}

export type BodyPart = Uint8Array | { path: string; start: number; end: number };

const partLength = (part: BodyPart) => (part instanceof Uint8Array ? part.byteLength : part.end - part.start);

/** The parts as one stream: bytes as they are, file ranges read 1 MiB at a time. */
function streamOf(parts: readonly BodyPart[]): ReadableStream<Uint8Array> {
  async function* chunks() {
    for (const part of parts) {
      if (part instanceof Uint8Array) yield part;
      else if (part.end > part.start)
        for await (const chunk of createReadStream(part.path, {
          start: part.start,
          end: part.end - 1,
          highWaterMark: 1024 * 1024,
        }))
          yield chunk as Buffer;
    }
  }
  return Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>;
}

/** Sends one request; network failures (refused, reset, timed out, cut mid-body) become transient errors. */
export async function sendRequest(fetcher: typeof fetch, request: PlatformRequest): Promise<Response> {
  const headers = new Headers(request.headers);
  let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined;
  if (Array.isArray(request.body)) {
    headers.set('content-length', String(request.body.reduce((n, part) => n + partLength(part), 0)));
    body = streamOf(request.body);
  } else if (request.json !== undefined) {
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
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      signal: AbortSignal.any([request.signal, timeout]),
    } as RequestInit);
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
