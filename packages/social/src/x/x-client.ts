import { UserFacingError } from '@kirinuki/contracts';
import type {
  OAuthTokens,
  PlatformClient,
  PlatformClientOptions,
  PlatformCredentials,
} from '../platform-client.js';
import {
  authorizationUrl,
  exchangeAuthorizationCode,
  refreshAccessToken,
  tokensOf,
} from '../oauth/authorization-code.js';
import { PlatformRequestError } from '../http/platform-error.js';
import { abortableSleep, withRetries } from '../http/upload-retry.js';
import { adaptXPost } from './x-adapt.js';
import { X_LIMITS, X_REDIRECT, X_SCOPES, xOAuthServer } from './x-endpoints.js';
import type { XCall } from './x-http.js';
import { whoAmI } from './x-post.js';
import { publishToX } from './x-publish.js';
import { xRun } from './x-run.js';

function requireClientId(credentials: PlatformCredentials): void {
  if (!credentials.clientId)
    throw new UserFacingError('PLATFORM_NOT_CONFIGURED', 'No X client id is set.', {
      hint: 'Create an app at developer.x.com with OAuth 2.0, add http://127.0.0.1:8765/callback as its callback URL, and give its Client ID (--client-id or platforms.x.clientId).',
    });
}

/**
 * X (API v2): OAuth 2.0 authorization code with PKCE on a fixed loopback callback, the chunked
 * media upload, then POST /2/tweets with the media; every request through `options.origin`.
 */
export function createXClient(options: PlatformClientOptions = {}): PlatformClient {
  const fetcher = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const origin = options.origin ?? null;

  const accountCall = (accessToken: string): XCall => ({
    fetch: fetcher,
    now,
    signal: AbortSignal.timeout(60_000),
    accessToken: async () => accessToken,
  });

  /** The signed-in user: a read, with a few tries through 5xx and 429 before X counts as unavailable. */
  const readUser = async (accessToken: string) => {
    const call = accountCall(accessToken);
    try {
      return await withRetries(
        () => whoAmI(call, origin),
        () => 0,
        { signal: call.signal, sleep, now, maxFailuresWithoutProgress: 4 },
      );
    } catch (error) {
      throw error instanceof PlatformRequestError ? error.toUserFacing('X') : error;
    }
  };

  return {
    platform: 'x',
    redirect: X_REDIRECT,
    scopes: X_SCOPES,

    authorizeUrl(credentials, request) {
      requireClientId(credentials);
      return authorizationUrl(xOAuthServer(origin, credentials), credentials, request, X_SCOPES);
    },

    async exchangeCode(credentials, callback) {
      requireClientId(credentials);
      const response = await exchangeAuthorizationCode(
        xOAuthServer(origin, credentials),
        credentials,
        callback,
        {
          fetch: fetcher,
          now: now(),
        },
      );
      const tokens = tokensOf(response, now());
      // The user is kept with the tokens: each post needs its id and name, and /2/users/me allows
      // only 75 calls per 15 minutes.
      const user = await readUser(tokens.accessToken);
      return { ...tokens, extra: { user_id: user.id, username: user.username } };
    },

    // X rotates refresh tokens: the answer's new one replaces the old, which X then refuses.
    async refresh(credentials, tokens): Promise<OAuthTokens> {
      requireClientId(credentials);
      if (!tokens.refreshToken)
        throw new UserFacingError('ACCOUNT_RECONNECT_NEEDED', 'The saved X sign-in has no refresh token.');
      const response = await refreshAccessToken(
        xOAuthServer(origin, credentials),
        credentials,
        tokens.refreshToken,
        {
          fetch: fetcher,
        },
      );
      return tokensOf(response, now(), tokens);
    },

    async account(accessToken) {
      try {
        const user = await readUser(accessToken);
        return {
          remoteId: user.id,
          name: `${user.name} (@${user.username})`,
          avatarUrl: user.profile_image_url ?? null,
        };
      } catch (error) {
        throw error instanceof PlatformRequestError ? error.toUserFacing('X') : error;
      }
    },

    // X reports no limits through the API: these are its documented ones (no privacy on X).
    async limits() {
      return { ...X_LIMITS };
    },

    adapt: adaptXPost,

    publish(post, context) {
      return publishToX(post, xRun(context, { fetch: fetcher, now, sleep, origin }), context.resume);
    },
  };
}
