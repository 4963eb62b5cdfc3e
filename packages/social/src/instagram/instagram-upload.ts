import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { networkError, PlatformRequestError } from '../http/platform-error.js';
import { withRetries } from '../http/upload-retry.js';
import type { PublishContext } from '../platform-client.js';
import type { InstagramEndpoints } from './instagram-endpoints.js';
import { expectInstagramJson } from './instagram-errors.js';
import type { InstagramUploadState } from './instagram-state.js';

export interface UploadDeps {
  fetch: typeof fetch;
  endpoints: InstagramEndpoints;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock a wait handed back (PlatformBusyUntil) is on. */
  now: () => number;
  /**
   * Bytes per request. Instagram documents one request with the whole file from `offset`; smaller
   * requests each acknowledged are the same protocol, and what a resume can count on.
   */
  chunkBytes: number;
}

type Uploading = Extract<InstagramUploadState, { step: 'uploading' }>;

/** The file's bytes start…end as a request body that counts what has gone out. */
function fileBody(path: string, start: number, end: number, sent: (bytes: number) => void) {
  const source = Readable.toWeb(
    // 1 MiB reads: fewer, larger chunks through the web stream than the default 64 KiB.
    createReadStream(path, { start, end: end - 1, highWaterMark: 1024 * 1024 }),
  ) as ReadableStream<Uint8Array>;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
}

/** One POST to the upload host: `offset` and `file_size` headers, the bytes from offset as the body. */
async function sendBytes(
  deps: UploadDeps,
  context: PublishContext,
  state: Uploading,
  end: number,
  onSent: (bytes: number) => void,
): Promise<void> {
  const token = await context.accessToken();
  const length = end - state.bytesAcked;
  // A request that sends nothing for this long is dropped: 2 min, plus 20 s per MB.
  const timeout = AbortSignal.timeout(120_000 + Math.ceil(length / 50_000) * 1000);
  let response: Response;
  try {
    response = await deps.fetch(deps.endpoints.upload(state.containerId, state.uri), {
      method: 'POST',
      headers: {
        authorization: `OAuth ${token}`,
        offset: String(state.bytesAcked),
        file_size: String(state.fileSize),
        'content-type': 'application/octet-stream',
        'content-length': String(length),
      },
      body: fileBody(context.file.path, state.bytesAcked, end, onSent),
      duplex: 'half',
      signal: AbortSignal.any([context.signal, timeout]),
    });
  } catch (error) {
    if (context.signal.aborted) throw error;
    throw networkError(error);
  }
  const answer = await expectInstagramJson<{
    success?: boolean;
    debug_info?: { message?: string; retriable?: boolean };
  }>(response);
  if (answer.success !== true)
    throw new PlatformRequestError(
      `the upload host did not take the bytes (${answer.debug_info?.message ?? 'no reason given'})`,
      answer.debug_info?.retriable === false ? 'permanent' : 'transient',
      response.status,
    );
}

/**
 * Sends the file's bytes from those already acknowledged, saving the count after every
 * acknowledgement. Instagram documents no way to ask how much of a cut-off request arrived, so a
 * request that fails is sent again whole, from the last acknowledged byte.
 */
export async function uploadFile(
  deps: UploadDeps,
  context: PublishContext,
  start: Uploading,
  save: (state: InstagramUploadState) => Promise<void>,
): Promise<Uploading> {
  let state = start;
  const report = (bytesSent: number) =>
    context.onProgress({ bytesSent, bytesTotal: state.fileSize, stage: 'uploading' });
  report(state.bytesAcked);
  while (state.bytesAcked < state.fileSize) {
    const end = Math.min(state.fileSize, state.bytesAcked + deps.chunkBytes);
    await withRetries(
      async () => {
        let sent = state.bytesAcked;
        await sendBytes(deps, context, state, end, (bytes) => report((sent += bytes)));
      },
      () => state.bytesAcked,
      {
        signal: context.signal,
        sleep: deps.sleep,
        now: deps.now,
        onAuthFailure: async () => {
          await context.accessToken({ fresh: true });
        },
        // The last acknowledged byte again, not where the cut-off request got to.
        onRetry: () => report(state.bytesAcked),
      },
    );
    state = { ...state, bytesAcked: end };
    await save(state);
    report(end);
  }
  return state;
}
