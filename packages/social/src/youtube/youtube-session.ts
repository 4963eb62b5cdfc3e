import { PlatformRequestError } from '../http/platform-error.js';
import { readText, sendRequest } from '../http/platform-http.js';
import { viaOrigin } from '../platform-origin.js';
import { isGoogleUploadUri, sessionUrl, YOUTUBE_URLS } from './youtube-endpoints.js';
import { youtubeFailure, youtubeJson } from './youtube-errors.js';

// The HTTP of Google's resumable upload protocol
// (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol): start a session,
// send chunks with Content-Range, ask where it stands with `bytes */total`.

/** The part of a video resource the client reads back. */
export interface YouTubeVideo {
  id: string;
  snippet?: { title?: string; publishedAt?: string };
  status?: {
    uploadStatus?: string;
    failureReason?: string;
    rejectionReason?: string;
    privacyStatus?: string;
  };
  fileDetails?: { fileSize?: string | number };
}

/** Where a session stands: bytes kept so far, finished with the video, or gone (expired, unknown). */
export type SessionAnswer =
  { kind: 'incomplete'; received: number } | { kind: 'complete'; video: YouTubeVideo } | { kind: 'gone' };

export interface SessionHttp {
  fetch: typeof fetch;
  origin: string | null | undefined;
  signal: AbortSignal;
}

/** A chunk of a few MB on a slow uplink takes minutes; the default 60 s would cut it off. */
const CHUNK_TIMEOUT_MS = 15 * 60_000;

/** 308 is "Resume Incomplete" here, not a redirect: never let fetch follow it. */
const noRedirects =
  (fetcher: typeof fetch): typeof fetch =>
  (input, init) =>
    fetcher(input, { ...init, redirect: 'manual' });

/** `Range: bytes=0-N` → N + 1 bytes kept; no Range header → none. */
export function receivedOf(range: string | null): number {
  const match = /^bytes=0-(\d+)$/.exec(range?.trim() ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

/** Opens a resumable session for the video resource; Google answers with its URI in Location. */
export async function startSession(
  http: SessionHttp,
  token: string,
  resource: unknown,
  size: number,
): Promise<string> {
  const url = viaOrigin(`${YOUTUBE_URLS.upload}?uploadType=resumable&part=snippet,status`, http.origin);
  const response = await sendRequest(noRedirects(http.fetch), {
    method: 'POST',
    url,
    headers: {
      authorization: `Bearer ${token}`,
      'x-upload-content-length': String(size),
      'x-upload-content-type': 'video/mp4',
    },
    json: resource,
    signal: http.signal,
  });
  if (!response.ok) throw await youtubeFailure(response);
  await readText(response);
  const location = response.headers.get('location');
  if (!location || !isGoogleUploadUri(location))
    // A session nobody has sent bytes to makes no video: asking for another is safe.
    throw new PlatformRequestError(
      `YouTube opened no upload session (Location: ${location ?? 'none'})`,
      'transient',
      response.status,
    );
  return location;
}

async function answerOf(response: Response): Promise<SessionAnswer> {
  if (response.status === 308) {
    await readText(response);
    return { kind: 'incomplete', received: receivedOf(response.headers.get('range')) };
  }
  if (response.status === 200 || response.status === 201)
    return { kind: 'complete', video: await youtubeJson<YouTubeVideo>(response) };
  if (response.status === 404 || response.status === 410) {
    await readText(response).catch(() => '');
    return { kind: 'gone' };
  }
  throw await youtubeFailure(response);
}

/** Asks what the session holds: an empty PUT with `Content-Range: bytes *\/total`. */
export async function querySession(
  http: SessionHttp,
  token: string,
  sessionUri: string,
  total: number,
): Promise<SessionAnswer> {
  const response = await sendRequest(noRedirects(http.fetch), {
    method: 'PUT',
    url: sessionUrl(sessionUri, http.origin),
    headers: { authorization: `Bearer ${token}`, 'content-range': `bytes */${total}` },
    body: new Uint8Array(0),
    signal: http.signal,
  });
  return answerOf(response);
}

/** Sends bytes `start`…`end` (exclusive) of the file, read from disk now so a retry resends them. */
export async function sendChunk(
  http: SessionHttp,
  token: string,
  sessionUri: string,
  file: { path: string; size: number },
  start: number,
  end: number,
): Promise<SessionAnswer> {
  const response = await sendRequest(noRedirects(http.fetch), {
    method: 'PUT',
    url: sessionUrl(sessionUri, http.origin),
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'video/mp4',
      'content-range': `bytes ${start}-${end - 1}/${file.size}`,
    },
    body: [{ path: file.path, start, end }],
    signal: http.signal,
    timeoutMs: CHUNK_TIMEOUT_MS,
  });
  return answerOf(response);
}
