import { PLATFORM_PRESETS, PRESET_OF } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { abortableSleep } from '../http/upload-retry.js';
import type { PlatformClient, PlatformClientOptions, PlatformLimits } from '../platform-client.js';
import { adaptInstagramPost } from './instagram-adapt.js';
import {
  instagramAuthorizeUrl,
  instagramExchangeCode,
  instagramRefresh,
  readAccount,
} from './instagram-auth.js';
import { INSTAGRAM_SCOPES, instagramEndpoints } from './instagram-endpoints.js';
import { graphCall } from './instagram-graph.js';
import { publishReel } from './instagram-publish.js';

export interface InstagramClientOptions extends PlatformClientOptions {
  /** Bytes per upload request (default: the rest of the file in one, as Instagram documents it). */
  uploadChunkBytes?: number;
  /** First wait between processing polls, ms (default 5 s, growing to 30 s). */
  pollIntervalMs?: number;
  /** How long processing may take before a publish stops and leaves the rest to a retry (default 30 min). */
  maxProcessingMs?: number;
}

const REELS = PLATFORM_PRESETS[PRESET_OF.instagram];

/** Instagram Reels through the Instagram API with Instagram Login (graph.instagram.com). */
export function createInstagramClient(options: InstagramClientOptions = {}): PlatformClient {
  const endpoints = instagramEndpoints(options.origin);
  const fetcher = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const auth = { endpoints, fetch: fetcher, now };
  // Reads outside a publish: a fixed token, a signal of their own.
  const reader = (accessToken: string) => ({
    fetch: fetcher,
    sleep,
    now,
    signal: AbortSignal.timeout(120_000),
    accessToken: async () => accessToken,
  });
  const asUserFacing = (error: unknown) =>
    error instanceof PlatformRequestError ? error.toUserFacing('Instagram') : error;

  return {
    platform: 'instagram',
    // The redirect URI must match one registered with the app exactly, and the token call needs the
    // app secret: the sync server's https callback receives it (DESIGN §6).
    redirect: { kind: 'https-registered' },
    scopes: INSTAGRAM_SCOPES,
    authorizeUrl: (credentials, request) => instagramAuthorizeUrl(endpoints, credentials, request),
    exchangeCode: (credentials, callback) => instagramExchangeCode(auth, credentials, callback),
    refresh: (_credentials, tokens) => instagramRefresh(auth, tokens),

    async account(accessToken) {
      try {
        const me = await readAccount({ endpoints, fetch: fetcher }, accessToken, AbortSignal.timeout(60_000));
        return { remoteId: me.userId, name: me.username, avatarUrl: me.avatarUrl };
      } catch (error) {
        throw asUserFacing(error);
      }
    },

    async limits(accessToken, tokenExtra): Promise<PlatformLimits> {
      const igUserId = tokenExtra.user_id ?? 'me';
      try {
        const answer = await graphCall<{
          data?: Array<{ quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }>;
        }>(reader(accessToken), 'GET', endpoints.publishingLimit(igUserId));
        const entry = answer.data?.[0];
        const total = entry?.config?.quota_total;
        return {
          privacy: null,
          maxDurationSec: REELS.allowedDuration.maxSec,
          maxSizeBytes: REELS.maxSizeBytes,
          quota:
            typeof total === 'number'
              ? { used: entry?.quota_usage ?? 0, total, windowSec: entry?.config?.quota_duration ?? 86_400 }
              : null,
        };
      } catch (error) {
        throw asUserFacing(error);
      }
    },

    adapt: adaptInstagramPost,

    publish: (post, context) =>
      publishReel(
        {
          fetch: fetcher,
          endpoints,
          sleep,
          now,
          chunkBytes: options.uploadChunkBytes ?? Number.MAX_SAFE_INTEGER,
          pollIntervalMs: options.pollIntervalMs ?? 5000,
          maxProcessingMs: options.maxProcessingMs ?? 30 * 60_000,
        },
        post,
        context,
      ),
  };
}
