import { UserFacingError, type ErrorCode } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { withRetries } from '../http/upload-retry.js';
import type { PlatformPost, PublishContext, PublishResult } from '../platform-client.js';
import { fetchPublishStatus, initVideo, TikTokRequestError, tiktokUserFacing } from './tiktok-api.js';
import { planChunks } from './tiktok-chunks.js';
import { readTikTokState, type TikTokUploadState } from './tiktok-state.js';
import { sendChunks, type UploadRun } from './tiktok-upload.js';

export interface TikTokPublishOptions {
  fetch: typeof fetch;
  origin: string | null | undefined;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** Preferred chunk size (clamped to TikTok's 5–64 MB). */
  chunkSize?: number | undefined;
  /** How long to poll for the outcome before answering `processing` (the host may ask later). */
  maxProcessingWaitMs?: number | undefined;
}

// fail_reason values TikTok documents for status/fetch, as what the user can do.
const FAILURES: Record<string, { code: ErrorCode; hint: string }> = {
  file_format_check_failed: {
    code: 'PLATFORM_REJECTED',
    hint: 'Render the clip again as MP4 (H.264/AAC) and retry.',
  },
  duration_check_failed: {
    code: 'POST_DOES_NOT_FIT',
    hint: 'Trim the clip to what this account may post, then retry.',
  },
  frame_rate_check_failed: {
    code: 'PLATFORM_REJECTED',
    hint: 'Render it at 23–60 frames per second, then retry.',
  },
  picture_size_check_failed: {
    code: 'PLATFORM_REJECTED',
    hint: 'Render it at 360–4096 px on each side (the TikTok preset is 1080×1920), then retry.',
  },
  internal: { code: 'PLATFORM_UNAVAILABLE', hint: 'TikTok failed on its side; retry the post later.' },
  auth_removed: {
    code: 'ACCOUNT_RECONNECT_NEEDED',
    hint: 'Kirinuki was removed from the TikTok account: connect it again (`kirinuki accounts connect tiktok`).',
  },
  spam_risk_too_many_posts: {
    code: 'PLATFORM_QUOTA_EXCEEDED',
    hint: 'TikTok caps posts a day; retry tomorrow.',
  },
  publish_cancelled: {
    code: 'PLATFORM_REJECTED',
    hint: 'The post was cancelled on TikTok; retry it to post again.',
  },
};

function processingFailed(reason: string): UserFacingError {
  const rule = FAILURES[reason];
  return new UserFacingError(
    rule?.code ?? 'PLATFORM_REJECTED',
    `TikTok could not publish the video (${reason}).`,
    {
      ...(rule ? { hint: rule.hint } : {}),
    },
  );
}

/** post_info from the adapted post: every value the user chose, nothing defaulted here. */
function postInfoOf(post: PlatformPost): Record<string, unknown> {
  if (post.platform !== 'tiktok' || !post.privacy)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      'This post was not adapted for TikTok (it has no TikTok privacy level).',
    );
  const o = post.options;
  return {
    title: post.title ?? post.text,
    privacy_level: post.privacy,
    disable_duet: o.disable_duet !== false,
    disable_comment: o.disable_comment !== false,
    disable_stitch: o.disable_stitch !== false,
    brand_content_toggle: o.brand_content_toggle === true,
    brand_organic_toggle: o.brand_organic_toggle === true,
    ...(typeof o.video_cover_timestamp_ms === 'number'
      ? { video_cover_timestamp_ms: o.video_cover_timestamp_ms }
      : {}),
  };
}

/** The upload_url as sent: absolute, and https unless every request goes to an origin (a fake, a proxy). */
function checkedUploadUrl(raw: string, origin: string | null | undefined): string {
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (!origin && url.protocol !== 'https:'))
    throw new TikTokRequestError(
      `video/init gave an upload_url that is not https (${raw})`,
      'permanent',
      null,
      null,
      undefined,
      null,
    );
  return url.href;
}

/** Restarts (a new video/init) one run may make after TikTok lost an upload, before it gives up. */
const MAX_RESTARTS = 3;

/**
 * Publishes a TikTok Direct Post, resumable at every step (see TikTokUploadState): init, the chunks
 * in order, then status/fetch until TikTok says PUBLISH_COMPLETE or FAILED.
 */
export async function publishTikTok(
  post: PlatformPost,
  ctx: PublishContext,
  options: TikTokPublishOptions,
): Promise<PublishResult> {
  try {
    return await runPublish(post, ctx, options);
  } catch (error) {
    throw error instanceof PlatformRequestError ? tiktokUserFacing(error) : error;
  }
}

async function runPublish(
  post: PlatformPost,
  ctx: PublishContext,
  options: TikTokPublishOptions,
): Promise<PublishResult> {
  const postInfo = postInfoOf(post);
  let token: string | null = null;
  const run: UploadRun = {
    ctx,
    fetch: options.fetch,
    origin: options.origin,
    sleep: options.sleep,
    now: options.now,
    api: async () => ({
      fetch: options.fetch,
      origin: options.origin,
      signal: ctx.signal,
      token: (token ??= await ctx.accessToken()),
    }),
    refreshToken: async () => {
      token = await ctx.accessToken({ fresh: true });
    },
  };
  const retry = {
    signal: ctx.signal,
    sleep: options.sleep,
    now: options.now,
    onAuthFailure: run.refreshToken,
  };
  let state: TikTokUploadState | null = readTikTokState(ctx.resume);
  let resumed = state !== null;
  let restarts = 0;
  for (;;) {
    if (!state || state.step === 'initializing' || state.step === 'failed') {
      const attempt = !state ? 1 : state.step === 'initializing' ? state.attempt : state.attempt + 1;
      const plan = planChunks(ctx.file.size, options.chunkSize);
      state = { step: 'initializing', attempt, ...plan };
      await ctx.saveState(state);
      ctx.onProgress({ bytesSent: 0, bytesTotal: plan.videoSize, stage: 'uploading' });
      const body = {
        post_info: postInfo,
        source_info: {
          source: 'FILE_UPLOAD' as const,
          video_size: plan.videoSize,
          chunk_size: plan.chunkSize,
          total_chunk_count: plan.chunkCount,
        },
      };
      // A retried init after a lost answer leaves an empty upload behind: it never becomes a post.
      const answer = await withRetries(
        async () => initVideo(await run.api(), body),
        () => 0,
        retry,
      );
      if (!answer.publish_id || !answer.upload_url)
        throw new TikTokRequestError(
          'video/init answered without a publish_id or upload_url',
          'permanent',
          200,
          null,
          undefined,
          null,
        );
      state = {
        step: 'uploading',
        attempt,
        publishId: answer.publish_id,
        uploadUrl: checkedUploadUrl(answer.upload_url, options.origin),
        initAt: options.now(),
        chunksAcked: 0,
        ...plan,
      };
      await ctx.saveState(state);
      resumed = false;
    }
    if (state.step === 'uploading') {
      const standing = await sendChunks(run, state, resumed);
      if (standing.kind === 'gone') {
        // TikTok never had the whole file for this publish id, so no post can come of it.
        restarts += 1;
        if (restarts > MAX_RESTARTS)
          throw new UserFacingError(
            'PLATFORM_UNAVAILABLE',
            `TikTok lost the upload ${MAX_RESTARTS + 1} times in a row (${standing.reason}).`,
          );
        state = {
          step: 'failed',
          attempt: state.attempt,
          publishId: state.publishId,
          reason: standing.reason,
        };
        continue;
      }
      state = {
        step: 'processing',
        attempt: state.attempt,
        publishId: state.publishId,
        videoSize: state.videoSize,
      };
      await ctx.saveState(state);
    }
    if (state.step === 'published') return { remoteId: state.remoteId, url: null, status: 'published' };
    if (state.step === 'processing') return pollOutcome(run, state, options, retry);
  }
}

/** status/fetch until TikTok says PUBLISH_COMPLETE or FAILED, or the wait is over (`processing`). */
async function pollOutcome(
  run: UploadRun,
  state: Extract<TikTokUploadState, { step: 'processing' }>,
  options: TikTokPublishOptions,
  retry: Parameters<typeof withRetries>[2],
): Promise<PublishResult> {
  const { ctx } = run;
  const deadline = options.now() + (options.maxProcessingWaitMs ?? 15 * 60_000);
  ctx.onProgress({ bytesSent: state.videoSize, bytesTotal: state.videoSize, stage: 'processing' });
  // 3 s and up: well under status/fetch's 30 requests a minute.
  let delay = 3000;
  for (;;) {
    const status = await withRetries(
      async () => fetchPublishStatus(await run.api(), state.publishId),
      () => 0,
      retry,
    );
    if (status.status === 'PUBLISH_COMPLETE') {
      const postId = status.publicaly_available_post_id?.find((id) => String(id) !== '');
      const remoteId = postId === undefined ? state.publishId : String(postId);
      await ctx.saveState({
        step: 'published',
        attempt: state.attempt,
        publishId: state.publishId,
        remoteId,
      });
      ctx.onProgress({ bytesSent: state.videoSize, bytesTotal: state.videoSize, stage: 'published' });
      return { remoteId, url: null, status: 'published' };
    }
    if (status.status === 'FAILED') {
      const reason = status.fail_reason || 'unknown';
      await ctx.saveState({ step: 'failed', attempt: state.attempt, publishId: state.publishId, reason });
      throw processingFailed(reason);
    }
    // SEND_TO_USER_INBOX: the creator finishes the post in the app; nothing more to wait for here.
    if (status.status === 'SEND_TO_USER_INBOX' || options.now() >= deadline)
      return { remoteId: state.publishId, url: null, status: 'processing' };
    await options.sleep(delay, ctx.signal);
    delay = Math.min(10_000, Math.round(delay * 1.5));
  }
}
