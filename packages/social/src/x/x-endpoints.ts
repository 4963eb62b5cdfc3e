import { PLATFORM_PRESETS } from '@kirinuki/contracts';
import type { PlatformCredentials, PlatformLimits, RedirectPolicy } from '../platform-client.js';
import type { OAuthServer } from '../oauth/authorization-code.js';
import { viaOrigin } from '../platform-origin.js';

// X API v2, fixed in code (no discovery). Sources: docs.x.com fundamentals/authentication/oauth-2-0
// (user-access-token, authorization-code), x-api/media/quickstart, x-api/fundamentals/rate-limits.

export const X_AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
export const X_TOKEN_URL = 'https://api.x.com/2/oauth2/token';
export const X_API = 'https://api.x.com';

/** Publishing needs tweet.write and media.write; tweet.read + users.read to find our own post again. */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] as const;

/** X matches callback URLs exactly against the app's allowlist: one fixed loopback port, registered once. */
export const X_REDIRECT_PORT = 8765;
export const X_REDIRECT: RedirectPolicy = {
  kind: 'loopback-fixed-port',
  path: '/callback',
  port: X_REDIRECT_PORT,
};

/** Access tokens live 2 h (docs: "only stay valid for two hours"). */
export const X_ACCESS_TOKEN_TTL_SEC = 7200;

/** Posts created per user per 15 minutes (`POST /2/tweets`, rate-limits table). */
export const X_POSTS_PER_WINDOW = 100;
export const X_POST_WINDOW_SEC = 15 * 60;

/** The weighted length a post may have (twitter-text: URLs 23, CJK and emoji 2). */
export const X_MAX_WEIGHTED_LENGTH = 280;
/** Posts created through the API may carry at most one cashtag (manage-tweets integration guide). */
export const X_MAX_CASHTAGS = 1;

/** Media best practices: 0.5–140 s, ≤ 512 MB, aspect ratio between 1:3 and 3:1, at least 32×32. */
export const X_VIDEO = {
  minDurationSec: PLATFORM_PRESETS.x.allowedDuration.minSec,
  maxDurationSec: PLATFORM_PRESETS.x.allowedDuration.maxSec,
  maxSizeBytes: PLATFORM_PRESETS.x.maxSizeBytes,
  minSide: 32,
  minAspect: 1 / 3,
  maxAspect: 3,
} as const;

/**
 * Bytes per APPEND: 4.75 MiB (19 × 256 KiB). The docs allow a segment of up to 5 MB and 1000
 * segments (index 0–999); read as 5,000,000 bytes, with the multipart framing (a few hundred
 * bytes) still under it. Clients sending 5 MiB met HTTP 431, so we stay below the decimal reading.
 */
export const X_SEGMENT_BYTES = 19 * 256 * 1024;
export const X_MAX_SEGMENTS = 1000;

export const X_LIMITS: PlatformLimits = {
  privacy: null,
  maxDurationSec: X_VIDEO.maxDurationSec,
  maxSizeBytes: X_VIDEO.maxSizeBytes,
  quota: null,
};

/**
 * The OAuth server as this app meets it: a confidential client (it has a secret) authenticates
 * with HTTP Basic; a public client (Native App) sends its client_id in the body.
 */
export function xOAuthServer(
  origin: string | null | undefined,
  credentials: PlatformCredentials,
): OAuthServer {
  return {
    issuer: 'https://x.com',
    authorizationEndpoint: viaOrigin(X_AUTHORIZE_URL, origin),
    tokenEndpoint: viaOrigin(X_TOKEN_URL, origin),
    clientAuth: credentials.clientSecret ? 'secret-basic' : 'none',
  };
}

/** An API URL (real path and query), sent to the origin when one is set. */
export function xApiUrl(
  origin: string | null | undefined,
  path: string,
  query: Record<string, string> = {},
): URL {
  const url = new URL(path, X_API);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return viaOrigin(url, origin);
}

/** Where a post is seen: x.com/{username}/status/{id}. */
export const xPostUrl = (username: string, postId: string) =>
  `https://x.com/${encodeURIComponent(username)}/status/${postId}`;
