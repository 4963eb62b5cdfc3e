import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Grant, readBody, sendJson } from './fake-kit.js';
import { sendInvalid, sendProblem, type XFakeContext, type XFakeMedia } from './x-fake-shared.js';

// X's v2 chunked media upload as its docs give it: initialize (JSON: media_type, total_bytes,
// media_category) → append (multipart: media ≤ 5 MB, segment_index 0–999) → finalize (the
// segments must add up to total_bytes) → STATUS (pending → in_progress → succeeded | failed).

const MEDIA_TYPES = new Set(['video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime']);
const CATEGORIES = new Set(['tweet_video', 'amplify_video', 'tweet_gif', 'tweet_image', 'dm_video']);
const MAX_VIDEO_BYTES = 512 * 1024 * 1024;
/** "It must be <= 5 MB" (APPEND): read as 5,000,000 bytes, the stricter reading. */
export const MAX_SEGMENT_BYTES = 5_000_000;

/** The media a request names, if it is this user's and alive; otherwise answered (404/400). */
function mediaFor(
  context: XFakeContext,
  res: ServerResponse,
  grant: Grant,
  id: string | null,
): XFakeMedia | null {
  const media = id ? context.state.media.get(id) : undefined;
  if (!media || media.ownerId !== grant.subject) {
    sendProblem(res, 404, `Could not find media with id: [${id}].`);
    return null;
  }
  if (media.expiresAt <= context.now()) {
    // Not documented: we answer an expired media id as an unknown one.
    sendProblem(res, 404, `Could not find media with id: [${id}].`);
    return null;
  }
  return media;
}

export async function initializeMedia(
  context: XFakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  grant: Grant,
) {
  if (!/^application\/json/i.test(req.headers['content-type'] ?? ''))
    return sendInvalid(res, 'The request body must be JSON (application/json).');
  let body: { media_type?: unknown; total_bytes?: unknown; media_category?: unknown } | null = null;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return sendInvalid(res, 'Request body is not valid JSON.');
  }
  const type = body?.media_type;
  const category = body?.media_category ?? 'tweet_video';
  const total = body?.total_bytes;
  if (typeof type !== 'string' || !MEDIA_TYPES.has(type))
    return sendInvalid(res, `The \`media_type\` value [${String(type)}] is not one of the allowed values.`);
  if (typeof category !== 'string' || !CATEGORIES.has(category))
    return sendInvalid(
      res,
      `The \`media_category\` value [${String(category)}] is not one of the allowed values.`,
    );
  if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0)
    return sendInvalid(res, 'The `total_bytes` field must be a positive integer.');
  if (total > MAX_VIDEO_BYTES) return sendInvalid(res, `File size exceeds ${MAX_VIDEO_BYTES} bytes.`);
  context.state.counts.initialize += 1;
  const id = context.nextId();
  const ttl = context.options.mediaTtlSec ?? 86_400;
  const media: XFakeMedia = {
    id,
    key: `7_${id}`,
    ownerId: grant.subject,
    totalBytes: total,
    category,
    segments: new Map(),
    running: { hash: createHash('sha256'), hashedThrough: 0 },
    expiresAt: context.now() + ttl * 1000,
    finalizedAt: null,
    fails: false,
    sha256: null,
    nextCheckAt: 0,
  };
  context.state.media.set(id, media);
  sendJson(res, 200, { data: { id, media_key: media.key, expires_after_secs: ttl } });
}

export async function appendMedia(
  context: XFakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  grant: Grant,
  id: string,
  drop: boolean,
) {
  // A dropped connection: cut mid-segment (nothing lands), or after the segment landed (seeded).
  const dropMode = drop ? (context.faults.chance(0.5) ? 'mid-segment' : 'after-store') : null;
  if (dropMode === 'mid-segment') {
    context.state.injected.dropMidSegment += 1;
    req.once('data', () => req.socket.destroy());
    return;
  }
  const body = await readBody(req);
  const media = mediaFor(context, res, grant, id);
  if (!media) return;
  const parts = parseMultipart(body, req.headers['content-type'] ?? '');
  if (!parts) return sendInvalid(res, 'The request must be multipart/form-data.');
  const index = Number(parts.get('segment_index')?.data.toString('utf8'));
  const chunk = parts.get('media');
  if (!Number.isInteger(index) || index < 0 || index > 999)
    return sendInvalid(res, 'The `segment_index` field must be between 0 and 999.');
  if (!chunk || chunk.filename === undefined) return sendInvalid(res, 'The `media` field must be a file.');
  if (chunk.data.length > MAX_SEGMENT_BYTES)
    return sendInvalid(res, `The media segment is ${chunk.data.length} bytes; it must be <= 5 MB.`);
  if (media.finalizedAt !== null) return sendInvalid(res, 'The media upload was already finalized.');
  context.state.counts.append += 1;
  // A segment sent again under its index replaces the one before (a retried APPEND).
  storeSegment(media, index, chunk.data);
  if (dropMode === 'after-store') {
    context.state.injected.drop += 1;
    res.socket?.destroy();
    return;
  }
  sendJson(res, 200, { data: { expires_at: Math.floor(media.expiresAt / 1000) } });
}

export function finalizeMedia(context: XFakeContext, res: ServerResponse, grant: Grant, id: string) {
  const media = mediaFor(context, res, grant, id);
  if (!media) return;
  // Not documented: a second FINALIZE is refused (the client must ask STATUS instead).
  if (media.finalizedAt !== null) return sendInvalid(res, 'The media upload was already finalized.');
  const indices = [...media.segments.keys()].sort((a, b) => a - b);
  const contiguous = indices.every((value, i) => value === i);
  const size = [...media.segments.values()].reduce((sum, chunk) => sum + chunk.length, 0);
  if (!contiguous || size !== media.totalBytes)
    return sendInvalid(res, 'Segments do not add up to provided total file size.');
  context.state.counts.finalize += 1;
  const now = context.now();
  // The hash of the assembled bytes, segment by segment; X keeps no segments once finalized.
  let running = media.running;
  if (!running) {
    running = { hash: createHash('sha256'), hashedThrough: 0 };
    for (const i of indices) running.hash.update(media.segments.get(i)!);
  }
  media.sha256 = running.hash.digest('hex');
  media.running = null;
  media.segments.clear();
  media.finalizedAt = now;
  media.fails = context.faults.chance(context.options.processingFailureRate ?? 0);
  if (media.fails) context.state.injected.processingFailure += 1;
  const check = context.options.checkAfterSecs ?? 1;
  media.nextCheckAt = now + check * 1000;
  sendJson(res, 200, {
    data: {
      id,
      media_key: media.key,
      size: media.totalBytes,
      expires_after_secs: Math.floor((media.expiresAt - now) / 1000),
      processing_info: { state: 'pending', check_after_secs: check },
    },
  });
}

/** Whether the media's processing has ended, and how. */
export function processingOf(
  context: XFakeContext,
  media: XFakeMedia,
): 'pending' | 'in_progress' | 'succeeded' | 'failed' {
  if (media.finalizedAt === null) return 'pending';
  const elapsed = context.now() - media.finalizedAt;
  const total = context.options.processingMs ?? 3000;
  if (elapsed >= total) return media.fails ? 'failed' : 'succeeded';
  return elapsed >= total / 2 ? 'in_progress' : 'pending';
}

export function mediaStatus(context: XFakeContext, res: ServerResponse, grant: Grant, url: URL) {
  for (const name of url.searchParams.keys())
    if (name !== 'media_id' && name !== 'command')
      return sendInvalid(res, `The query parameter [${name}] is not one of [media_id,command]`);
  const command = url.searchParams.get('command');
  if (command !== null && command !== 'STATUS')
    return sendInvalid(res, `The \`command\` query parameter value [${command}] is not one of [STATUS]`);
  const media = mediaFor(context, res, grant, url.searchParams.get('media_id'));
  if (!media) return;
  // Not documented: STATUS before FINALIZE is refused.
  if (media.finalizedAt === null) return sendInvalid(res, 'The media upload has not been finalized.');
  context.state.counts.status += 1;
  const now = context.now();
  if (now < media.nextCheckAt) context.state.earlyStatusPolls += 1;
  const state = processingOf(context, media);
  const check = context.options.checkAfterSecs ?? 1;
  media.nextCheckAt = now + check * 1000;
  const total = context.options.processingMs ?? 3000;
  const progress = Math.min(100, Math.round(((now - media.finalizedAt) / total) * 100));
  const info =
    state === 'succeeded'
      ? { state, progress_percent: 100 }
      : state === 'failed'
        ? {
            state,
            progress_percent: progress,
            error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' },
          }
        : { state, check_after_secs: check, progress_percent: progress };
  sendJson(res, 200, {
    data: {
      id: media.id,
      media_key: media.key,
      size: media.totalBytes,
      expires_after_secs: Math.floor((media.expiresAt - now) / 1000),
      processing_info: info,
    },
  });
}

/** Keeps a segment under its index and hashes what is now contiguous from the start. */
function storeSegment(media: XFakeMedia, index: number, data: Buffer) {
  const before = media.segments.get(index);
  media.segments.set(index, data);
  const running = media.running;
  if (!running) return;
  if (index < running.hashedThrough) {
    if (!before || !before.equals(data)) media.running = null;
    return;
  }
  for (
    let next = media.segments.get(running.hashedThrough);
    next;
    next = media.segments.get(running.hashedThrough)
  ) {
    running.hash.update(next);
    running.hashedThrough += 1;
  }
}

/** multipart/form-data parts by name (file parts keep their filename). */
export function parseMultipart(
  body: Buffer,
  contentType: string,
): Map<string, { filename?: string; data: Buffer }> | null {
  const match = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = new Map<string, { filename?: string; data: Buffer }>();
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) return null;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) return null;
    const head = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (name)
      parts.set(name, { ...(filename !== undefined ? { filename } : {}), data: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}
