import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type Faults, type Grant } from './fake-kit.js';

// The resumable upload of videos.insert as Google documents it
// (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol and /docs/videos):
// POST the video resource → 200 + Location (the session URI); PUT chunks with
// `Content-Range: bytes a-b/total`, each but the last a multiple of 256 KiB, in order → 308 with
// `Range: bytes=0-n` (none while nothing is kept), 201 with the video after the last byte;
// `PUT Content-Range: bytes */total` with no body asks where the session stands. An unknown or
// expired session answers 404.

export const GRANULE = 256 * 1024;
const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
};

/** Google's error body, with the reason a client is meant to read. */
export function googleError(
  res: ServerResponse,
  status: number,
  reason: string,
  message: string,
  headers: Record<string, string> = {},
  domain = 'youtube.video',
): void {
  sendJson(
    res,
    status,
    { error: { code: status, message, errors: [{ message, domain, reason }], status: STATUS_TEXT[status] } },
    headers,
  );
}

export interface FakeVideo {
  id: string;
  channelId: string;
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  privacyStatus: string;
  selfDeclaredMadeForKids: boolean | null;
  /** sha256 (hex) of the bytes the upload delivered, and their count. */
  sha256: string;
  size: number;
  uploadStatus: 'uploaded' | 'failed';
  failureReason: string | null;
  publishedAt: string;
  sessionId: string;
}

export interface FakeSession {
  id: string;
  subject: string;
  total: number | null;
  resource: VideoMetadata;
  part: string;
  parts: Buffer[];
  received: number;
  createdAt: number;
  expired: boolean;
  video: FakeVideo | null;
}

export interface VideoMetadata {
  snippet: { title: string; description: string; tags: string[]; categoryId: string };
  status: { privacyStatus: string; selfDeclaredMadeForKids: boolean | null };
}

/** What the upload handlers need of the fake. */
export interface UploadCore {
  now(): number;
  faults: Faults;
  sessions: Map<string, FakeSession>;
  posts: FakeVideo[];
  counts: { inits: number; chunks: number; statusQueries: number };
  channel: { id: string; title: string };
  sessionTtlMs: number;
  /** The next N completed uploads lose their answer (the connection drops after the video is made). */
  loseCompletionAnswers: number;
}

/** Categories videos.insert takes in most regions (videoCategories.list, regionCode=US, assignable). */
const CATEGORIES = new Set([
  '1',
  '2',
  '10',
  '15',
  '17',
  '19',
  '20',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
]);
const PRIVACY = new Set(['public', 'unlisted', 'private']);

const chars = (text: string) => [...text].length;
const tagsLength = (tags: string[]) =>
  tags.reduce((sum, t) => sum + chars(t) + (/\s/.test(t) ? 2 : 0), 0) + Math.max(0, tags.length - 1);

/** The metadata as videos.insert checks it; a refusal names Google's reason. */
export function checkMetadata(body: unknown): VideoMetadata | { reason: string; message: string } {
  const b = (body ?? {}) as { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  const s = b.snippet ?? {};
  const title = s.title;
  if (typeof title !== 'string' || !title.trim())
    return { reason: 'invalidTitle', message: 'The request metadata specifies an empty video title.' };
  if (chars(title) > 100 || /[<>]/.test(title))
    return { reason: 'invalidTitle', message: 'The request metadata specifies an invalid video title.' };
  const description = s.description ?? '';
  if (typeof description !== 'string' || Buffer.byteLength(description) > 5000 || /[<>]/.test(description))
    return {
      reason: 'invalidDescription',
      message: 'The request metadata specifies an invalid video description.',
    };
  const tags = s.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string') || tagsLength(tags as string[]) > 500)
    return { reason: 'invalidTags', message: 'The request metadata specifies invalid video keywords.' };
  const categoryId = String(s.categoryId ?? '22');
  if (!CATEGORIES.has(categoryId))
    return {
      reason: 'invalidCategoryId',
      message: 'The snippet.categoryId property specifies an invalid category ID.',
    };
  const st = b.status ?? {};
  const privacyStatus = String(st.privacyStatus ?? 'public');
  if (!PRIVACY.has(privacyStatus))
    return { reason: 'invalidVideoMetadata', message: `The privacy status "${privacyStatus}" is not valid.` };
  const kids = st.selfDeclaredMadeForKids;
  if (kids !== undefined && typeof kids !== 'boolean')
    return { reason: 'invalidVideoMetadata', message: 'status.selfDeclaredMadeForKids must be a boolean.' };
  return {
    snippet: { title, description, tags: tags as string[], categoryId },
    status: { privacyStatus, selfDeclaredMadeForKids: kids ?? null },
  };
}

/** The video resource as the API returns it, with the parts asked for. */
export function videoResourceOf(video: FakeVideo, channelTitle: string, parts: string[]) {
  const resource: Record<string, unknown> = {
    kind: 'youtube#video',
    etag: video.sha256.slice(0, 27),
    id: video.id,
  };
  if (parts.includes('snippet'))
    resource.snippet = {
      publishedAt: video.publishedAt,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      thumbnails: {},
      channelTitle,
      tags: video.tags,
      categoryId: video.categoryId,
      liveBroadcastContent: 'none',
      localized: { title: video.title, description: video.description },
    };
  if (parts.includes('status'))
    resource.status = {
      uploadStatus: video.uploadStatus,
      ...(video.failureReason ? { failureReason: video.failureReason } : {}),
      privacyStatus: video.privacyStatus,
      license: 'youtube',
      embeddable: true,
      publicStatsViewable: true,
      madeForKids: video.selfDeclaredMadeForKids ?? false,
      ...(video.selfDeclaredMadeForKids === null
        ? {}
        : { selfDeclaredMadeForKids: video.selfDeclaredMadeForKids }),
    };
  if (parts.includes('fileDetails')) resource.fileDetails = { fileSize: String(video.size) };
  return resource;
}

/** Opens a session for checked metadata; the caller has checked the token, quota and limits. */
export function openSession(
  core: UploadCore,
  res: ServerResponse,
  grant: Grant,
  resource: VideoMetadata,
  part: string,
  total: number | null,
): void {
  const id = randomBytes(24).toString('base64url');
  core.sessions.set(id, {
    id,
    subject: grant.subject,
    total,
    resource,
    part,
    parts: [],
    received: 0,
    createdAt: core.now(),
    expired: false,
    video: null,
  });
  core.counts.inits += 1;
  const location = `https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&part=${encodeURIComponent(part)}&upload_id=${id}`;
  res.writeHead(200, { location, 'content-length': 0 });
  res.end();
}

const parseRange = (header: string | undefined) => {
  const query = /^bytes \*\/(\d+)$/.exec(header ?? '');
  if (query) return { kind: 'query' as const, total: Number(query[1]) };
  const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  if (chunk)
    return {
      kind: 'chunk' as const,
      first: Number(chunk[1]),
      last: Number(chunk[2]),
      total: Number(chunk[3]),
    };
  return null;
};

function incomplete(res: ServerResponse, received: number): void {
  res.writeHead(308, { ...(received > 0 ? { range: `bytes=0-${received - 1}` } : {}), 'content-length': 0 });
  res.end();
}

function complete(core: UploadCore, session: FakeSession): FakeVideo {
  // The hash of the bytes in the order they came; the parts are let go once the video exists.
  const hash = createHash('sha256');
  for (const part of session.parts) hash.update(part);
  const size = session.parts.reduce((sum, part) => sum + part.length, 0);
  const failed = core.faults.chance(core.faults.options.processingFailureRate);
  const video: FakeVideo = {
    id: randomBytes(8).toString('base64url').slice(0, 11),
    channelId: core.channel.id,
    ...session.resource.snippet,
    ...session.resource.status,
    sha256: hash.digest('hex'),
    size,
    uploadStatus: failed ? 'failed' : 'uploaded',
    failureReason: failed ? 'conversion' : null,
    publishedAt: new Date(core.now()).toISOString(),
    sessionId: session.id,
  };
  session.video = video;
  session.parts = [];
  core.posts.push(video);
  return video;
}

/** A PUT on a session: a status query (`bytes *\/total`, no body) or the next chunk. */
export async function handleSessionPut(
  core: UploadCore,
  req: IncomingMessage,
  res: ServerResponse,
  session: FakeSession,
): Promise<void> {
  const range = parseRange(req.headers['content-range']);
  const body = await readBody(req);
  const parts = session.part.split(',');
  const answerVideo = (status: number) =>
    sendJson(res, status, videoResourceOf(session.video!, core.channel.title, parts));
  if (!range || (session.total !== null && range.total !== session.total))
    return googleError(
      res,
      400,
      'badContent',
      `Content-Range "${req.headers['content-range']}" does not fit this upload.`,
    );
  if (range.kind === 'query') {
    core.counts.statusQueries += 1;
    if (body.length > 0) return googleError(res, 400, 'badContent', 'A status query carries no body.');
    if (core.faults.apply(core.faults.pick('upload'), res)) return;
    return session.video ? answerVideo(200) : incomplete(res, session.received);
  }
  core.counts.chunks += 1;
  // Replaying a finished upload's last chunk gets the video again, not a second one.
  if (session.video) return answerVideo(200);
  const fault = core.faults.pick('upload');
  const { first, last, total } = range;
  const length = last - first + 1;
  if (first !== session.received)
    return googleError(
      res,
      400,
      'badContent',
      `The chunk starts at byte ${first}, but the upload holds ${session.received}.`,
    );
  if (last < first || last >= total || body.length !== length)
    return googleError(
      res,
      400,
      'badContent',
      `Content-Range bytes ${first}-${last}/${total} does not match the ${body.length} bytes sent.`,
    );
  if (last + 1 < total && length % GRANULE !== 0)
    return googleError(
      res,
      400,
      'badContent',
      `A chunk other than the last must be a multiple of 262144 bytes, not ${length}.`,
    );
  if (fault === 'drop') {
    // Part of the chunk landed (whole 256 KiB blocks), then the connection went.
    const kept = core.faults.chance(0.5) ? Math.floor(length / 2 / GRANULE) * GRANULE : 0;
    if (kept > 0) {
      session.parts.push(body.subarray(0, kept));
      session.received += kept;
    }
    res.socket?.destroy();
    return;
  }
  if (core.faults.apply(fault, res)) return;
  session.parts.push(body);
  session.received += length;
  session.total = total;
  if (session.received < total) return incomplete(res, session.received);
  complete(core, session);
  if (core.loseCompletionAnswers > 0) {
    core.loseCompletionAnswers -= 1;
    res.socket?.destroy();
    return;
  }
  answerVideo(201);
}
