import type { OAuthServer } from '../oauth/authorization-code.js';
import { viaOrigin } from '../platform-origin.js';

// Google's own endpoints, fixed in code (no discovery document is read), each sent to the
// platform origin when one is set (KIRINUKI_PLATFORM_ORIGIN_YOUTUBE), real paths kept.

export const YOUTUBE_URLS = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  channels: 'https://www.googleapis.com/youtube/v3/channels',
  playlistItems: 'https://www.googleapis.com/youtube/v3/playlistItems',
  videos: 'https://www.googleapis.com/youtube/v3/videos',
  upload: 'https://www.googleapis.com/upload/youtube/v3/videos',
} as const;

export const YOUTUBE_ISSUER = 'https://accounts.google.com';

/** Upload videos, and read the channel (its id, title, uploads) to show the account and reconcile. */
export const YOUTUBE_SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.readonly',
] as const;

/** Chunks other than the last must be a multiple of this (the resumable protocol's rule). */
export const CHUNK_GRANULE = 256 * 1024;
/** 32 × 256 KiB: few requests for a Short, little to resend after a dropped connection. */
export const DEFAULT_CHUNK_BYTES = 32 * CHUNK_GRANULE;

/** What videos.insert accepts (developers.google.com/youtube/v3/docs/videos#snippet, #status). */
export const YOUTUBE_TEXT_LIMITS = {
  titleChars: 100,
  descriptionBytes: 5000,
  tagsChars: 500,
} as const;

/** People & Blogs: the category a Short gets unless the draft names another. */
export const DEFAULT_CATEGORY_ID = '22';

export const shortsUrl = (videoId: string) => `https://youtube.com/shorts/${encodeURIComponent(videoId)}`;

/** Google's OAuth server: desktop ("installed") clients send their client secret in the body. */
export function youtubeOAuthServer(origin: string | null | undefined): OAuthServer {
  return {
    issuer: YOUTUBE_ISSUER,
    authorizationEndpoint: viaOrigin(YOUTUBE_URLS.authorize, origin),
    tokenEndpoint: viaOrigin(YOUTUBE_URLS.token, origin),
    clientAuth: 'secret-post',
  };
}

/** The resumable session's URL as Google gave it, sent to the origin like every other request. */
export function sessionUrl(sessionUri: string, origin: string | null | undefined): URL {
  return viaOrigin(sessionUri, origin);
}

/** Only Google's upload host may receive the bearer token with the file's bytes. */
export function isGoogleUploadUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      url.protocol === 'https:' &&
      url.hostname === 'www.googleapis.com' &&
      url.pathname.startsWith('/upload/')
    );
  } catch {
    return false;
  }
}
