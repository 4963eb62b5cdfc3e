import { abortError } from '@kirinuki/contracts';
import type { PlatformPost, PublishResult, UploadState } from '../platform-client.js';
import { PlatformRequestError } from '../http/platform-error.js';
import { xPostUrl } from './x-endpoints.js';
import { createPost, findPostWithMedia, whoAmI } from './x-post.js';
import { mediaExpired, mediaOfState, readXState, type XMedia, type XState } from './x-publish-state.js';
import type { XRun } from './x-run.js';
import {
  appendSegments,
  finalizeUpload,
  initializeUpload,
  MediaProcessingFailed,
  segmentBytesFor,
  uploadStatus,
  waitForProcessing,
  type ProcessingInfo,
} from './x-upload.js';

/** A post's lookup on the timeline waits this long after a send, so X has shown the post it made. */
const SETTLE_AFTER_SEND_MS = 3000;

/**
 * Publishes one post from where its last attempt got to (`resume`): the upload goes on from the
 * last acknowledged segment, processing is asked about, and a post that may have been sent is
 * looked for on the user's timeline before it is ever sent again.
 */
export async function publishToX(
  post: PlatformPost,
  run: XRun,
  resume: UploadState | null,
): Promise<PublishResult> {
  let state = readXState(resume);
  let formerMediaIds: string[] = [];
  // A post that may have reached X already (we resumed at `posting`, or sent it in this run).
  let maybeSent = state?.step === 'posting';
  let lastSentAt = 0;
  let restarts = 0;

  const save = async (next: XState) => {
    state = next;
    await run.save(next);
  };
  /** The media cannot be used (expired, gone, the file changed): upload again; no post was made with it. */
  const restart = (media: XMedia | null) => {
    if ((restarts += 1) > 2)
      throw new PlatformRequestError('the uploaded video kept being lost', 'transient', null).toUserFacing(
        'X',
      );
    if (media) formerMediaIds = [...media.formerMediaIds, media.mediaId];
    state = null;
  };
  const lookForOurPost = async (s: Extract<XState, { step: 'posting' }>) => {
    const settle = lastSentAt + SETTLE_AFTER_SEND_MS - run.call.now();
    if (settle > 0) await run.sleep(settle, run.signal);
    return run.retry(() =>
      findPostWithMedia(run.call, run.origin, s.userId, mediaOfState(s), s.postingSince),
    );
  };

  for (;;) {
    if (run.signal.aborted) throw abortError();
    const current: XState | null = state;
    try {
      if (current === null) {
        const media = await initializeUpload(run, formerMediaIds);
        await save({
          step: 'uploading',
          segmentBytes: segmentBytesFor(media.totalBytes),
          segmentsAcked: 0,
          ...media,
        });
        continue;
      }
      if (current.step === 'published') {
        run.progress('publishing', run.file.size);
        return {
          remoteId: current.postId,
          url: xPostUrl(current.username, current.postId),
          status: 'published',
        };
      }
      const media = mediaOfState(current);
      switch (current.step) {
        case 'uploading': {
          if (mediaExpired(media, run.call.now()) || media.totalBytes !== run.file.size) {
            restart(media);
            continue;
          }
          let acked = current.segmentsAcked;
          let expiresAt = media.expiresAt;
          await appendSegments(run, media, current.segmentBytes, acked, async (segmentsAcked, newExpiry) => {
            acked = segmentsAcked;
            expiresAt = newExpiry ?? expiresAt;
            await save({ ...current, segmentsAcked: acked, expiresAt });
          });
          await save({ step: 'finalizing', ...media, expiresAt });
          continue;
        }
        case 'finalizing': {
          if (mediaExpired(media, run.call.now())) {
            restart(media);
            continue;
          }
          const info = await finalizeOrAsk(run, media);
          await save({ step: 'processing', ...media });
          const { expiresAt } = await waitForProcessing(run, media, info);
          await save({ step: 'ready', ...media, expiresAt });
          continue;
        }
        case 'processing': {
          const { expiresAt } = await waitForProcessing(run, media, 'unknown');
          await save({ step: 'ready', ...media, expiresAt });
          continue;
        }
        case 'ready': {
          if (mediaExpired(media, run.call.now())) {
            restart(media);
            continue;
          }
          // Saved at sign-in: /2/users/me allows 75 calls per 15 minutes, fewer than the posts X allows.
          const user = run.user ?? (await run.retry(() => whoAmI(run.call, run.origin)));
          run.progress('publishing', run.file.size);
          await save({
            step: 'posting',
            userId: user.id,
            username: user.username,
            postingSince: run.call.now(),
            ...media,
          });
          continue;
        }
        case 'posting': {
          run.progress('publishing', run.file.size);
          if (maybeSent && mediaExpired(media, run.call.now())) {
            const found = await lookForOurPost(current);
            if (found) {
              await save({ step: 'published', postId: found, username: current.username });
              continue;
            }
            restart(media);
            continue;
          }
          const postId = await sendOnce(run, post, current, {
            maybeSent: () => maybeSent,
            markSent: () => {
              maybeSent = true;
              lastSentAt = run.call.now();
            },
            lookForOurPost: () => lookForOurPost(current),
          });
          await save({ step: 'published', postId, username: current.username });
          continue;
        }
      }
    } catch (error) {
      // Processing failed on X: that media is dead, so a retry of this post starts a new upload.
      if (error instanceof MediaProcessingFailed) {
        await run.save({ step: 'new' });
        throw error.toUserFacing('X');
      }
      // X no longer knows the media (it expired early or was dropped) before any post used it.
      const uploadStep =
        current?.step === 'uploading' || current?.step === 'finalizing' || current?.step === 'processing';
      if (error instanceof PlatformRequestError && error.status === 404 && uploadStep) {
        restart(mediaOfState(current));
        continue;
      }
      throw error instanceof PlatformRequestError ? error.toUserFacing('X') : error;
    }
  }
}

/**
 * FINALIZE, or, when X refuses it (a FINALIZE sent before, whose answer was lost), STATUS: a media
 * already being processed goes on; anything else is the refusal.
 */
async function finalizeOrAsk(run: XRun, media: XMedia): Promise<ProcessingInfo | null> {
  try {
    return await finalizeUpload(run, media);
  } catch (error) {
    if (!(error instanceof PlatformRequestError) || error.kind !== 'permanent' || error.status === 404)
      throw error;
    const status = await uploadStatus(run, media).catch(() => null);
    if (status?.info?.state) return status.info;
    throw error;
  }
}

/**
 * POST /2/tweets exactly once: every attempt after one that may have reached X first looks for
 * the post on the timeline, and a refusal after such an attempt (a duplicate) is checked the same way.
 */
async function sendOnce(
  run: XRun,
  post: PlatformPost,
  state: Extract<XState, { step: 'posting' }>,
  sent: { maybeSent: () => boolean; markSent: () => void; lookForOurPost: () => Promise<string | null> },
): Promise<string> {
  const sentBefore = sent.maybeSent();
  let sends = 0;
  try {
    return await run.retry(async () => {
      if (sent.maybeSent()) {
        const found = await sent.lookForOurPost();
        if (found) return found;
      }
      sent.markSent();
      sends += 1;
      return createPost(run.call, run.origin, post.text, state.mediaId);
    });
  } catch (error) {
    const refusedAfterASend = sentBefore || sends > 1;
    if (error instanceof PlatformRequestError && error.kind === 'permanent' && refusedAfterASend) {
      const found = await sent.lookForOurPost().catch(() => null);
      if (found) return found;
    }
    throw error;
  }
}
