import { UserFacingError } from '@kirinuki/contracts';
import { sendRequest } from '../http/platform-http.js';
import { abortableSleep, withRetries } from '../http/upload-retry.js';
import {
  authorizationUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
  tokensOf,
} from '../oauth/authorization-code.js';
import type {
  PlatformAccount,
  PlatformClient,
  PlatformClientOptions,
  PlatformCredentials,
  PlatformLimits,
} from '../platform-client.js';
import { viaOrigin } from '../platform-origin.js';
import { adaptForYouTube, SHORTS_PRESET, YOUTUBE_PRIVACY } from './youtube-adapt.js';
import {
  DEFAULT_CHUNK_BYTES,
  YOUTUBE_SCOPES,
  YOUTUBE_URLS,
  youtubeOAuthServer,
} from './youtube-endpoints.js';
import { toUserError, youtubeJson } from './youtube-errors.js';
import { publishToYouTube } from './youtube-upload.js';

export interface YouTubeClientOptions extends PlatformClientOptions {
  /** Bytes per upload chunk, a multiple of 256 KiB (tests pass small ones to get many chunks). */
  chunkBytes?: number;
}

interface ChannelList {
  items?: Array<{
    id: string;
    snippet?: { title?: string; thumbnails?: Record<string, { url?: string } | undefined> };
  }>;
}

function requireClient(credentials: PlatformCredentials): void {
  if (!credentials.clientId)
    throw new UserFacingError('PLATFORM_NOT_CONFIGURED', 'No Google OAuth client id is set for YouTube.', {
      hint: 'Create a "Desktop app" OAuth client in the Google Cloud console (YouTube Data API v3 enabled) and give its id and secret (--client-id, --client-secret).',
    });
}

/** Google's desktop clients have a secret (not secret in a desktop app, yet its token endpoint wants it). */
function requireSecret(credentials: PlatformCredentials): void {
  requireClient(credentials);
  if (!credentials.clientSecret)
    throw new UserFacingError(
      'PLATFORM_NOT_CONFIGURED',
      'No client secret is set for the Google OAuth client.',
      {
        hint: 'Give the secret of the "Desktop app" OAuth client from the Google Cloud console (--client-secret); it is kept in the secret store.',
      },
    );
}

/** Google lets the user untick scopes on its consent page; publishing needs both. */
function checkGranted(scope: string | null | undefined): void {
  if (!scope) return;
  const granted = new Set(scope.split(/\s+/));
  const missing = YOUTUBE_SCOPES.filter((s) => !granted.has(s));
  if (missing.length)
    throw new UserFacingError(
      'SIGN_IN_FAILED',
      `Google did not grant ${missing.map((s) => s.replace('https://www.googleapis.com/auth/', '')).join(' and ')}.`,
      {
        hint: 'Connect again and leave every YouTube permission ticked on Google’s page (Kirinuki uploads videos and reads the channel’s name).',
      },
    );
}

/** YouTube Shorts through the YouTube Data API v3, with Google OAuth for desktop apps. */
export function createYouTubeClient(options: YouTubeClientOptions = {}): PlatformClient {
  const fetcher = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const server = youtubeOAuthServer(options.origin);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;

  return {
    platform: 'youtube',
    redirect: { kind: 'loopback-any-port', path: '/oauth/youtube' },
    scopes: YOUTUBE_SCOPES,

    authorizeUrl(credentials, request) {
      requireClient(credentials);
      // offline + consent: Google sends a refresh token only with both (and again on reconnect).
      return authorizationUrl(server, credentials, request, YOUTUBE_SCOPES, {
        access_type: 'offline',
        prompt: 'consent',
      });
    },

    async exchangeCode(credentials, callback) {
      requireSecret(credentials);
      const response = await exchangeAuthorizationCode(server, credentials, callback, {
        fetch: fetcher,
        now: now(),
      });
      const tokens = tokensOf(response, now());
      checkGranted(tokens.scope);
      return tokens;
    },

    async refresh(credentials, tokens) {
      requireSecret(credentials);
      if (!tokens.refreshToken)
        throw new UserFacingError('ACCOUNT_RECONNECT_NEEDED', 'Google gave this account no refresh token.');
      // Google does not rotate refresh tokens: tokensOf keeps the one in hand when none comes back.
      const response = await refreshAccessToken(server, credentials, tokens.refreshToken, { fetch: fetcher });
      return tokensOf(response, now(), tokens);
    },

    async account(accessToken): Promise<PlatformAccount> {
      const signal = AbortSignal.timeout(120_000);
      try {
        const list = await withRetries(
          async () =>
            youtubeJson<ChannelList>(
              await sendRequest(fetcher, {
                method: 'GET',
                url: viaOrigin(`${YOUTUBE_URLS.channels}?part=snippet&mine=true`, options.origin),
                headers: { authorization: `Bearer ${accessToken}` },
                signal,
              }),
            ),
          () => 0,
          { signal, sleep, now, maxFailuresWithoutProgress: 4 },
        );
        const channel = list.items?.[0];
        if (!channel)
          throw new UserFacingError('PLATFORM_REJECTED', 'This Google account has no YouTube channel.', {
            hint: 'Create a channel on youtube.com with this Google account, then connect it again.',
          });
        const thumbs = channel.snippet?.thumbnails ?? {};
        return {
          remoteId: channel.id,
          name: channel.snippet?.title ?? channel.id,
          avatarUrl: thumbs.default?.url ?? thumbs.medium?.url ?? thumbs.high?.url ?? null,
        };
      } catch (error) {
        throw toUserError(error);
      }
    },

    async limits(): Promise<PlatformLimits> {
      // Nothing to ask: YouTube offers the three statuses to every channel and has no API for the
      // project's remaining daily quota.
      return {
        privacy: YOUTUBE_PRIVACY.map((p) => ({ ...p })),
        maxDurationSec: SHORTS_PRESET.allowedDuration.maxSec,
        maxSizeBytes: SHORTS_PRESET.maxSizeBytes,
        quota: null,
      };
    },

    adapt: adaptForYouTube,

    async publish(post, context) {
      if (post.platform !== 'youtube')
        throw new UserFacingError('INTERNAL', `A ${post.platform} post was given to the YouTube client.`);
      return publishToYouTube(post, context, {
        fetch: fetcher,
        origin: options.origin,
        sleep,
        now,
        chunkBytes,
      });
    },
  };
}
