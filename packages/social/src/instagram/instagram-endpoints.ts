import { viaOrigin } from '../platform-origin.js';

/**
 * The Graph API version every versioned call uses (Meta's changelog lists v26.0 as the newest,
 * released 2026-07-29). One constant, so moving on is one line.
 */
export const GRAPH_API_VERSION = 'v26.0';

/** What publishing needs (Instagram API with Instagram Login; comma-separated at the authorize URL). */
export const INSTAGRAM_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

// The four hosts of the Instagram API with Instagram Login, fixed in code (no discovery).
const AUTHORIZE_HOST = 'https://www.instagram.com';
const TOKEN_HOST = 'https://api.instagram.com';
const GRAPH_HOST = 'https://graph.instagram.com';
const UPLOAD_HOST = 'https://rupload.facebook.com';

const withQuery = (url: URL, query: Record<string, string | undefined>): URL => {
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
};

/** Every URL of the platform, each sent through `origin` (a local fake, a proxy) with its real path. */
export function instagramEndpoints(origin: string | null | undefined) {
  const at = (host: string, path: string, query: Record<string, string | undefined> = {}) =>
    withQuery(viaOrigin(`${host}${path}`, origin), query);
  const graph = (path: string, query: Record<string, string | undefined> = {}) =>
    at(GRAPH_HOST, `/${GRAPH_API_VERSION}/${path}`, query);
  return {
    authorize: () => at(AUTHORIZE_HOST, '/oauth/authorize'),
    /** The short-lived token for the code (1 h). */
    shortLivedToken: () => at(TOKEN_HOST, '/oauth/access_token'),
    /** The long-lived token (60 days) for a short-lived one; unversioned, on the Graph host. */
    longLivedToken: (clientSecret: string, shortLived: string) =>
      at(GRAPH_HOST, '/access_token', {
        grant_type: 'ig_exchange_token',
        client_secret: clientSecret,
        access_token: shortLived,
      }),
    /** A new long-lived token for one at least 24 h old. */
    refreshToken: (longLived: string) =>
      at(GRAPH_HOST, '/refresh_access_token', { grant_type: 'ig_refresh_token', access_token: longLived }),
    me: () => graph('me', { fields: 'user_id,username,profile_picture_url' }),
    publishingLimit: (igUserId: string) =>
      graph(`${encodeURIComponent(igUserId)}/content_publishing_limit`, { fields: 'quota_usage,config' }),
    createContainer: (igUserId: string) => graph(`${encodeURIComponent(igUserId)}/media`),
    container: (containerId: string) =>
      graph(encodeURIComponent(containerId), { fields: 'status_code,status' }),
    /**
     * The upload URL: the `uri` the container answered when it is on the upload host, else the
     * documented path; either way through the origin.
     */
    upload: (containerId: string, uri?: string | null) => {
      const documented = `${UPLOAD_HOST}/ig-api-upload/${GRAPH_API_VERSION}/${encodeURIComponent(containerId)}`;
      const given = uri && URL.canParse(uri) ? new URL(uri) : null;
      return viaOrigin(given && given.origin === UPLOAD_HOST ? given : documented, origin);
    },
    publish: (igUserId: string) => graph(`${encodeURIComponent(igUserId)}/media_publish`),
    /** The account's media, newest first (how a publish whose answer was lost is found). */
    recentMedia: (igUserId: string, after?: string) =>
      graph(`${encodeURIComponent(igUserId)}/media`, {
        fields: 'id,caption,media_product_type,timestamp,permalink',
        limit: '25',
        after,
      }),
    permalink: (mediaId: string) => graph(encodeURIComponent(mediaId), { fields: 'permalink' }),
  };
}

export type InstagramEndpoints = ReturnType<typeof instagramEndpoints>;
