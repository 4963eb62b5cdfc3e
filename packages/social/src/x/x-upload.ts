import { PlatformRequestError } from '../http/platform-error.js';
import { X_MAX_SEGMENTS, X_SEGMENT_BYTES, xApiUrl } from './x-endpoints.js';
import { xRequest } from './x-http.js';
import type { XMedia } from './x-publish-state.js';
import type { XRun } from './x-run.js';

// The v2 chunked media upload: POST /2/media/upload/initialize → /{id}/append (segment_index,
// multipart `media`) → /{id}/finalize → GET /2/media/upload?command=STATUS until processing ends.

export interface ProcessingInfo {
  state?: 'pending' | 'in_progress' | 'succeeded' | 'failed' | string;
  check_after_secs?: number;
  progress_percent?: number;
  /** Sent with `failed` (v1.1 STATUS docs: {code, name, message}). */
  error?: { code?: number; name?: string; message?: string };
}

interface MediaAnswer {
  data?: {
    id?: string;
    media_key?: string;
    expires_after_secs?: number;
    processing_info?: ProcessingInfo;
  };
}

/** X processed the upload and refused it: that media can never be posted. */
export class MediaProcessingFailed extends PlatformRequestError {
  constructor(message: string) {
    super(message, 'permanent', null);
  }
}

/** Segment size for a file: X_SEGMENT_BYTES, larger only if the file would need more than 1000 segments. */
export function segmentBytesFor(totalBytes: number): number {
  return Math.max(X_SEGMENT_BYTES, Math.ceil(totalBytes / X_MAX_SEGMENTS));
}

export const segmentCount = (totalBytes: number, segmentBytes: number) =>
  Math.max(1, Math.ceil(totalBytes / segmentBytes));

/** Starts an upload: a media id (and key) for the file's bytes, valid for `expires_after_secs`. */
export async function initializeUpload(run: XRun, formerMediaIds: string[]): Promise<XMedia> {
  const totalBytes = run.file.size;
  const answer = await run.retry(() =>
    xRequest<MediaAnswer>(run.call, {
      method: 'POST',
      url: xApiUrl(run.origin, '/2/media/upload/initialize'),
      json: { media_type: 'video/mp4', total_bytes: totalBytes, media_category: 'tweet_video' },
    }),
  );
  const id = answer?.data?.id;
  if (!id)
    throw new PlatformRequestError('the upload was started but no media id came back', 'transient', 200);
  return {
    mediaId: id,
    mediaKey: answer.data?.media_key ?? null,
    expiresAt: expiresAtOf(answer, run.call.now()),
    totalBytes,
    formerMediaIds,
  };
}

/** Segments on the wire at once: the next ones travel while X takes the one before. */
const SEGMENTS_IN_FLIGHT = 4;

/**
 * Sends the segments after the first `acked` ones, four at a time, each retried until X
 * acknowledges it (a segment sent again replaces itself: X keys segments by index). They are
 * counted as acknowledged in order, so `onAcked` saves a prefix: after a kill, only segments past
 * it are sent again.
 */
export async function appendSegments(
  run: XRun,
  media: XMedia,
  segmentBytes: number,
  acked: number,
  onAcked: (segmentsAcked: number, expiresAt: number | null) => Promise<void>,
): Promise<void> {
  const total = media.totalBytes;
  const count = segmentCount(total, segmentBytes);
  let bytesAcked = Math.min(total, acked * segmentBytes);
  run.progress('uploading', bytesAcked);
  const endOf = (index: number) => Math.min(total, index * segmentBytes + segmentBytes);
  const send = (index: number) => {
    const bytes = { path: run.file.path, start: index * segmentBytes, end: endOf(index) };
    const answer = run.retry(
      async () =>
        xRequest<{ data?: { expires_at?: number } } | null>(run.call, {
          method: 'POST',
          url: xApiUrl(run.origin, `/2/media/upload/${media.mediaId}/append`),
          multipart: {
            fields: { segment_index: String(index) },
            file: { name: 'media', bytes: await bytes },
          },
          timeoutMs: 5 * 60_000,
        }),
      () => bytesAcked,
    );
    answer.catch(() => undefined); // Awaited in order below; a failure throws there.
    return answer;
  };
  const inFlight = new Map<number, ReturnType<typeof send>>();
  const fill = (from: number) => {
    for (let i = from; i < Math.min(count, from + SEGMENTS_IN_FLIGHT); i += 1)
      if (!inFlight.has(i)) inFlight.set(i, send(i));
  };
  for (let index = acked; index < count; index += 1) {
    fill(index);
    const answer = await inFlight.get(index)!;
    inFlight.delete(index);
    bytesAcked = endOf(index);
    const expiresAt = typeof answer?.data?.expires_at === 'number' ? answer.data.expires_at * 1000 : null;
    await onAcked(index + 1, expiresAt);
    run.progress('uploading', bytesAcked);
  }
}

/** FINALIZE: X checks the bytes add up and starts processing; its processing_info, or none (ready). */
export async function finalizeUpload(run: XRun, media: XMedia): Promise<ProcessingInfo | null> {
  const answer = await run.retry(() =>
    xRequest<MediaAnswer>(run.call, {
      method: 'POST',
      url: xApiUrl(run.origin, `/2/media/upload/${media.mediaId}/finalize`),
    }),
  );
  return answer?.data?.processing_info ?? null;
}

/** STATUS of the media: its processing_info (null once X reports none: nothing left to process). */
export async function uploadStatus(
  run: XRun,
  media: XMedia,
): Promise<{ info: ProcessingInfo | null; expiresAt: number | null }> {
  const answer = await run.retry(() =>
    xRequest<MediaAnswer>(run.call, {
      method: 'GET',
      url: xApiUrl(run.origin, '/2/media/upload', { media_id: media.mediaId, command: 'STATUS' }),
    }),
  );
  return { info: answer?.data?.processing_info ?? null, expiresAt: expiresAtOf(answer, run.call.now()) };
}

/** How long processing may take before the post is given back to the host to retry later. */
const LONGEST_PROCESSING_MS = 30 * 60_000;

/**
 * Polls STATUS, waiting `check_after_secs` between polls, until processing succeeds (the media's
 * new expiry, if X gave one) or fails (a permanent error with X's reason). `first` is what FINALIZE
 * said, or `unknown` on a resume (ask at once).
 */
export async function waitForProcessing(
  run: XRun,
  media: XMedia,
  first: ProcessingInfo | null | 'unknown',
): Promise<{ expiresAt: number | null }> {
  let expiresAt = media.expiresAt;
  const poll = async () => {
    const status = await uploadStatus(run, media);
    expiresAt = status.expiresAt ?? expiresAt;
    return status.info;
  };
  let info = first === 'unknown' ? await poll() : first;
  const startedAt = run.call.now();
  for (;;) {
    // No processing_info: X has nothing (left) to process.
    if (info === null || info.state === 'succeeded') return { expiresAt };
    if (info.state === 'failed') {
      const reason = [info.error?.name, info.error?.message].filter(Boolean).join(': ');
      throw new MediaProcessingFailed(`the video could not be processed (${reason || 'no reason given'})`);
    }
    run.progress('processing', media.totalBytes);
    if (run.call.now() - startedAt > LONGEST_PROCESSING_MS)
      throw new PlatformRequestError(
        `the video was still being processed after ${LONGEST_PROCESSING_MS / 60_000} minutes`,
        'transient',
        null,
      );
    await run.sleep(Math.max(1, info.check_after_secs ?? 1) * 1000, run.signal);
    info = await poll();
  }
}

function expiresAtOf(answer: MediaAnswer | null, now: number): number | null {
  const seconds = answer?.data?.expires_after_secs;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? now + seconds * 1000 : null;
}
