import type { PrivacyChoice } from '@kirinuki/contracts';
import type { RedirectPolicy } from '../platform-client.js';

// TikTok's endpoints and documented limits, fixed in code. Sources:
// developers.tiktok.com/doc/login-kit-desktop, /doc/oauth-user-access-token-management,
// /doc/content-posting-api-reference-direct-post, /doc/content-posting-api-media-transfer-guide,
// /doc/content-posting-api-reference-get-video-status.

export const TIKTOK_AUTHORIZE_URL = 'https://www.tiktok.com/v2/auth/authorize/';
export const TIKTOK_TOKEN_URL = 'https://open.tiktokapis.com/v2/oauth/token/';
export const TIKTOK_USER_INFO_URL =
  'https://open.tiktokapis.com/v2/user/info/?fields=open_id,avatar_url,display_name';
export const TIKTOK_CREATOR_INFO_URL = 'https://open.tiktokapis.com/v2/post/publish/creator_info/query/';
export const TIKTOK_VIDEO_INIT_URL = 'https://open.tiktokapis.com/v2/post/publish/video/init/';
export const TIKTOK_STATUS_URL = 'https://open.tiktokapis.com/v2/post/publish/status/fetch/';

/** What publishing needs: the profile (avatar, name) and Direct Post. Refresh needs no scope on TikTok. */
export const TIKTOK_SCOPES = ['user.info.basic', 'video.publish'] as const;

/**
 * Login Kit for Desktop takes only localhost/127.0.0.1 redirect URIs with a port, the port may be the
 * wildcard `*`: the user registers http://127.0.0.1:(star)/callback/, the docs' own example.
 */
export const TIKTOK_REDIRECT: RedirectPolicy = { kind: 'loopback-any-port', path: '/callback/' };

export const TIKTOK_PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

/** Our privacy names as TikTok's levels; `unlisted` has none, FOLLOWER_OF_CREATOR has no name of ours. */
export const PRIVACY_LEVEL_OF: Readonly<Partial<Record<PrivacyChoice, TikTokPrivacyLevel>>> = {
  public: 'PUBLIC_TO_EVERYONE',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  private: 'SELF_ONLY',
};

/** post_info.title, "the video caption", counted in UTF-16 code units. */
export const TIKTOK_CAPTION_MAX_UTF16 = 2200;

/** Picture size TikTok takes, each side (media transfer guide: video restrictions). */
export const TIKTOK_MIN_SIDE_PX = 360;
export const TIKTOK_MAX_SIDE_PX = 4096;

const MIB = 1024 * 1024;
// "MB" in the chunk rules is not defined as 10^6 or 2^20: each bound below holds under both readings.
/** Smallest chunk (5 MB): 5 MiB satisfies both readings. */
export const TIKTOK_MIN_CHUNK_BYTES = 5 * MIB;
/** Largest chunk but the last (64 MB): 64 × 10^6 satisfies both readings. */
export const TIKTOK_MAX_CHUNK_BYTES = 64_000_000;
/** The last chunk takes the remainder, up to 128 MB. */
export const TIKTOK_MAX_LAST_CHUNK_BYTES = 128_000_000;
export const TIKTOK_MAX_CHUNKS = 1000;
/** Our default chunk (TikTok's own example uses 10,000,000 bytes): small enough that a retry is cheap. */
export const TIKTOK_DEFAULT_CHUNK_BYTES = 10 * MIB;

/** The upload_url lives an hour (Direct Post reference); past it the upload must start again. */
export const TIKTOK_UPLOAD_URL_TTL_MS = 60 * 60 * 1000;
