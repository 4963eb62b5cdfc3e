import { PLATFORM_PRESETS, UserFacingError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { abortableSleep, withRetries } from '../http/upload-retry.js';
import type { PlatformClient, PlatformClientOptions, PlatformLimits } from '../platform-client.js';
import { adaptTikTokPost, privacyChoicesOf } from './tiktok-adapt.js';
import { queryCreatorInfo, queryUserInfo, tiktokUserFacing, type ApiCall } from './tiktok-api.js';
import { TIKTOK_REDIRECT, TIKTOK_SCOPES } from './tiktok-endpoints.js';
import { exchangeTikTokCode, refreshTikTokTokens, tiktokAuthorizeUrl } from './tiktok-oauth.js';
import { publishTikTok } from './tiktok-publish.js';

export interface TikTokClientOptions extends PlatformClientOptions {
  /** Preferred upload chunk, bytes (clamped to TikTok's 5–64 MB; default 10 MiB). */
  chunkSizeBytes?: number;
  /** How long publish polls for TikTok's outcome before answering `processing` (default 15 min). */
  maxProcessingWaitMs?: number;
}

/** TikTok: Login Kit for Desktop (PKCE, loopback redirect), creator info, and Direct Post by FILE_UPLOAD. */
export function createTikTokClient(options: TikTokClientOptions = {}): PlatformClient {
  const fetcher = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const origin = options.origin;
  const oauth = () => ({ fetch: fetcher, origin, now: now() });

  /** One read (user info, creator info): a few tries for faults and 429, then TikTok's reason. */
  async function read<T>(accessToken: string, request: (call: ApiCall) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(5 * 60_000);
    try {
      return await withRetries(
        () => request({ fetch: fetcher, origin, token: accessToken, signal }),
        () => 0,
        {
          signal,
          sleep,
          now,
          maxFailuresWithoutProgress: 3,
        },
      );
    } catch (error) {
      throw error instanceof PlatformRequestError ? tiktokUserFacing(error) : error;
    }
  }

  return {
    platform: 'tiktok',
    redirect: TIKTOK_REDIRECT,
    scopes: TIKTOK_SCOPES,
    authorizeUrl: (credentials, request) => tiktokAuthorizeUrl(origin, credentials, request),
    exchangeCode: (credentials, callback) => exchangeTikTokCode(oauth(), credentials, callback),
    refresh: (credentials, tokens) => refreshTikTokTokens(oauth(), credentials, tokens),

    async account(accessToken, tokenExtra) {
      const { user } = await read(accessToken, queryUserInfo);
      const remoteId = user?.open_id || tokenExtra.open_id;
      if (!remoteId)
        throw new UserFacingError(
          'PLATFORM_REJECTED',
          'TikTok’s user info named no open_id for this account.',
        );
      return { remoteId, name: user?.display_name ?? '', avatarUrl: user?.avatar_url || null };
    },

    // creator_info/query first, as TikTok asks: privacy comes only from privacy_level_options.
    async limits(accessToken): Promise<PlatformLimits> {
      const info = await read(accessToken, queryCreatorInfo);
      return {
        privacy: privacyChoicesOf(info.privacy_level_options ?? []),
        maxDurationSec: info.max_video_post_duration_sec ?? PLATFORM_PRESETS.tiktok.allowedDuration.maxSec,
        maxSizeBytes: PLATFORM_PRESETS.tiktok.maxSizeBytes,
        commentsDisabled: info.comment_disabled === true,
        duetDisabled: info.duet_disabled === true,
        stitchDisabled: info.stitch_disabled === true,
        quota: null,
        creatorName: info.creator_nickname ?? info.creator_username ?? null,
      };
    },

    adapt: adaptTikTokPost,

    publish: (post, context) =>
      publishTikTok(post, context, {
        fetch: fetcher,
        origin,
        sleep,
        now,
        chunkSize: options.chunkSizeBytes,
        maxProcessingWaitMs: options.maxProcessingWaitMs,
      }),
  };
}
