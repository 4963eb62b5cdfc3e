import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Faults } from './fake-kit.js';
import type { InstagramAuthFake } from './instagram-fake-auth.js';

// The upload host (rupload.facebook.com/ig-api-upload/<version>/<container-id>) as Instagram's
// resumable-upload guide describes it: `Authorization: OAuth <token>`, `offset` and `file_size`
// headers, the bytes from `offset` as the body, `{success, message}` back. The fake keeps what
// arrives of a body cut off, accepts bytes from any offset up to what it holds (so a resend from an
// earlier offset is fine), and refuses a gap or a file_size that changes.

export const CONTAINER_TTL_MS = 24 * 3600_000;

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface FakeContainer {
  id: string;
  ownerId: string;
  caption: string;
  shareToFeed: boolean;
  createdAt: number;
  status: ContainerStatusCode;
  /** Set by the first upload request; every later one must name the same. */
  fileSize: number | null;
  bytes: Buffer;
  /** Bytes held from 0 on, without a gap. */
  held: number;
  /** Status reads still answered IN_PROGRESS once every byte is held. */
  processingLeft: number;
  /** Processing will fail (fault injection), with this reason. */
  failure: string | null;
  mediaId: string | null;
}

/** The upload host's own error shape (not the Graph API's). */
const uploadError = (res: ServerResponse, status: number, type: string, message: string, retriable = false) =>
  sendJson(res, status, { debug_info: { retriable, type, message } });

/** The container's status now: an unpublished container expires 24 h after it was made. */
export function statusOf(container: FakeContainer, now: number): ContainerStatusCode {
  if (container.status !== 'PUBLISHED' && now - container.createdAt >= CONTAINER_TTL_MS)
    container.status = 'EXPIRED';
  return container.status;
}

/** Reads a body into the container from `offset`; a dropped connection keeps what had arrived. */
async function receive(
  req: IncomingMessage,
  container: FakeContainer,
  offset: number,
  dropAfter: number | null,
): Promise<'done' | 'dropped' | 'overflow'> {
  let at = offset;
  const stopAt = dropAfter === null ? Number.POSITIVE_INFINITY : offset + dropAfter;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    const take = Math.min(chunk.length, container.bytes.length - at, stopAt - at);
    chunk.copy(container.bytes, at, 0, take);
    at += take;
    container.held = Math.max(container.held, at);
    if (at >= stopAt) return 'dropped';
    if (take < chunk.length) return 'overflow';
  }
  return 'done';
}

export interface UploadHostDeps {
  auth: InstagramAuthFake;
  containers: Map<string, FakeContainer>;
  faults: Faults;
  now: () => number;
  processingPolls: number;
  counts: { uploadRequests: number; droppedUploads: number };
}

/** POST /ig-api-upload/<version>/<container-id>. */
export async function handleUpload(
  deps: UploadHostDeps,
  req: IncomingMessage,
  res: ServerResponse,
  containerId: string,
): Promise<void> {
  deps.counts.uploadRequests += 1;
  const fault = deps.faults.pick('upload');
  if (fault === 'server-error' || fault === 'rate-limit') {
    deps.faults.apply(fault, res);
    return;
  }
  const match = /^OAuth\s+(\S+)$/.exec(req.headers.authorization ?? '');
  const held = deps.auth.check(match?.[1] ?? null);
  // As the upload host answers a token it does not take (observed: 400 NotAuthorizedError).
  if (typeof held === 'string')
    return uploadError(
      res,
      400,
      'NotAuthorizedError',
      `User not authorized to perform this request (token ${held})`,
    );
  const container = deps.containers.get(containerId);
  if (!container || container.ownerId !== held.userId)
    return uploadError(res, 400, 'ProcessingFailedError', `Invalid container id ${containerId}`);
  const status = statusOf(container, deps.now());
  if (status !== 'IN_PROGRESS')
    return uploadError(
      res,
      400,
      'ProcessingFailedError',
      `The container is ${status}; it takes no more bytes`,
    );
  const offset = Number(req.headers.offset);
  const fileSize = Number(req.headers.file_size);
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(fileSize) || fileSize <= 0)
    return uploadError(
      res,
      400,
      'BadRequestError',
      'offset and file_size headers are required, as byte counts',
    );
  if (container.fileSize === null) {
    container.fileSize = fileSize;
    container.bytes = Buffer.alloc(fileSize);
  } else if (container.fileSize !== fileSize)
    return uploadError(
      res,
      400,
      'BadRequestError',
      `file_size ${fileSize} differs from ${container.fileSize} given before`,
    );
  if (offset > container.held)
    return uploadError(
      res,
      400,
      'BadRequestError',
      `offset ${offset} leaves a gap: ${container.held} bytes are held`,
    );
  const length = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(length) && offset + length > fileSize)
    return uploadError(
      res,
      400,
      'BadRequestError',
      `offset ${offset} + ${length} bytes pass file_size ${fileSize}`,
    );
  // A resend from an earlier offset replaces the bytes from there on.
  container.held = Math.min(container.held, offset);
  const dropAfter =
    fault === 'drop' ? Math.floor((Number.isFinite(length) ? length : fileSize - offset) / 2) : null;
  const outcome = await receive(req, container, offset, dropAfter);
  if (outcome === 'dropped') {
    deps.counts.droppedUploads += 1;
    res.socket?.destroy();
    return;
  }
  if (outcome === 'overflow')
    return uploadError(res, 400, 'BadRequestError', `the body runs past file_size ${container.fileSize}`);
  if (container.held === fileSize) {
    container.processingLeft = deps.processingPolls;
    container.failure = deps.faults.chance(deps.faults.options.processingFailureRate)
      ? 'Error: The video could not be processed: unsupported video format (2207026)'
      : null;
  }
  sendJson(res, 200, { success: true, message: 'Upload successful.' });
}

/** A status read moves processing on: IN_PROGRESS while bytes are missing or it is still working. */
export function advanceProcessing(container: FakeContainer, now: number): ContainerStatusCode {
  const status = statusOf(container, now);
  if (status !== 'IN_PROGRESS' || container.fileSize === null || container.held < container.fileSize)
    return status;
  if (container.processingLeft > 0) {
    container.processingLeft -= 1;
    return status;
  }
  container.status = container.failure ? 'ERROR' : 'FINISHED';
  return container.status;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
