import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  bearerOf,
  Faults,
  OAuthFake,
  RateLimit,
  readForm,
  readJson,
  redirectWithCode,
  sendJson,
  startFakeServer,
  type FakeServer,
  type FaultOptions,
  type Grant,
} from './fake-kit.js';
import {
  apiError,
  logId,
  TikTokPosting,
  type LostAnswer,
  type TikTokFakePost,
  type TikTokFakeUpload,
} from './tiktok-fake-posting.js';
import { PRIVACY_LEVELS } from './tiktok-fake-rules.js';

// A local TikTok: Login Kit for Desktop (hex PKCE challenge, loopback redirects with a wildcard
// port, client_key + client_secret at the token endpoint, rotating refresh tokens), user info,
// creator_info/query and Direct Post by FILE_UPLOAD with the documented chunk rules and rate limits
// per access token (creator info 20/min, video/init 6/min, status/fetch 30/min).

export interface TikTokFakeOptions extends FaultOptions {
  /** The test app's credentials; any other client_key or client_secret is refused. */
  clientId: string;
  clientSecret: string;
  /** Redirect URIs registered for the app (desktop: localhost/127.0.0.1, a port or `*`). */
  redirectUris?: string[];
  /** Scopes the app is approved for. */
  appScopes?: string[];
  /** The scopes the user leaves switched on at the consent screen (default: all asked for). */
  grantScopes?: string[];
  /** The user presses "Cancel" instead of "Allow". */
  denySignIn?: boolean;
  user?: { openId: string; displayName: string; avatarUrl: string; username: string };
  /** creator_info's privacy_level_options; `['SELF_ONLY']` for an unaudited app's test account. */
  privacyLevelOptions?: string[];
  /** An app TikTok has not audited: every post must be SELF_ONLY. */
  unaudited?: boolean;
  commentDisabled?: boolean;
  duetDisabled?: boolean;
  stitchDisabled?: boolean;
  maxVideoPostDurationSec?: number;
  /** status/fetch answers PROCESSING_UPLOAD this many times after the last chunk (default 1). */
  processingPolls?: number;
  /** fail_reason of a processing failure (processingFailureRate). */
  failReason?: string;
  /** How long an upload_url lives (default 3600 s, as documented). */
  uploadUrlTtlSec?: number;
  /** Called as each answer is about to go out; true: the work is done but the answer is lost. */
  loseAnswer?: (event: LostAnswer) => boolean;
  /** Requests per minute per token (TikTok's: creator_info 20, video/init 6, status/fetch 30); raised for load tests. */
  ratePerMinute?: { creatorInfo?: number; init?: number; status?: number };
  /** The fake's clock (token expiry, rate windows, upload URL expiry). */
  now?: () => number;
  port?: number;
}

export interface TikTokFake extends FakeServer {
  /** The seeded fault injection, with what it injected so far. */
  faults: Faults;
  /** Posts TikTok made (uploads whose every byte arrived), with the sha256 of the bytes it got. */
  posts: TikTokFakePost[];
  /** Every video/init, by publish id, including those no byte ever reached. */
  uploads: ReadonlyMap<string, TikTokFakeUpload>;
  counts: {
    inits: number;
    chunks: number;
    statusFetches: number;
    /** Chunk PUTs whose connection was dropped (mid-chunk, or after the chunk landed). */
    droppedUploads: number;
    /** Of those, the ones dropped after the chunk landed (the answer lost). */
    droppedAfterChunk: number;
    tokenRequests: number;
    refreshes: number;
    creatorInfo: number;
    rateLimited: number;
    injectedFaults: number;
  };
  oauth: OAuthFake;
  /** The user removes the app from their TikTok account: every token stops working. */
  revokeAccess(): void;
}

const DEFAULT_USER = {
  openId: '-000Y1xTfakeOpenId',
  displayName: 'Kirinuki Tester',
  avatarUrl: 'https://p16.tiktokcdn.example/avatar.jpeg',
  username: 'kirinuki.tester',
};

/** A desktop redirect URI matches a registered one: same scheme, loopback host and path; port or `*`. */
function redirectRegistered(uri: string, registered: string[]): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (!['localhost', '127.0.0.1'].includes(url.hostname) || !url.port || url.search || url.hash) return false;
  return registered.some((pattern) => {
    const [, scheme, host, port, path] = /^(https?):\/\/([^/:]+):(\*|\d+)(\/.*)$/.exec(pattern) ?? [];
    return (
      `${scheme}:` === url.protocol &&
      host === url.hostname &&
      (port === '*' || port === url.port) &&
      path === url.pathname
    );
  });
}

/** Login Kit's own answer to a developer mistake: an error page, never a redirect. */
const signInPage = (res: ServerResponse, parameter: string) =>
  sendJson(res, 400, {
    error: 'invalid_request',
    error_description: `Correct the following and try again: ${parameter}`,
  });

export async function startTikTokFake(options: TikTokFakeOptions): Promise<TikTokFake> {
  const now = options.now ?? Date.now;
  const user = options.user ?? DEFAULT_USER;
  const appScopes = options.appScopes ?? ['user.info.basic', 'video.publish'];
  const redirectUris = options.redirectUris ?? ['http://127.0.0.1:*/callback/'];
  const faults = new Faults(options);
  const oauth = new OAuthFake({ accessTtlSec: options.accessTokenTtlSec ?? 86_400, rotate: true, now });
  const creator = {
    privacyLevelOptions: options.privacyLevelOptions ?? PRIVACY_LEVELS,
    commentDisabled: options.commentDisabled ?? false,
    duetDisabled: options.duetDisabled ?? false,
    stitchDisabled: options.stitchDisabled ?? false,
    unaudited: options.unaudited ?? false,
  };
  const posting = new TikTokPosting({
    creator,
    processingPolls: options.processingPolls ?? 1,
    failReason: options.failReason ?? 'file_format_check_failed',
    uploadUrlTtlMs: (options.uploadUrlTtlSec ?? 3600) * 1000,
    faults,
    now,
    loseAnswer: options.loseAnswer ?? (() => false),
  });
  const perMinute = { creatorInfo: 20, init: 6, status: 30, ...options.ratePerMinute };
  const limits = {
    creatorInfo: new RateLimit(perMinute.creatorInfo, 60_000, now),
    init: new RateLimit(perMinute.init, 60_000, now),
    status: new RateLimit(perMinute.status, 60_000, now),
  };
  const counts = { tokenRequests: 0, creatorInfo: 0, rateLimited: 0, injectedFaults: 0 };
  let origin = '';

  function authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const params = url.searchParams;
    if (params.get('client_key') !== options.clientId) return signInPage(res, 'client_key');
    if (!redirectRegistered(params.get('redirect_uri') ?? '', redirectUris))
      return signInPage(res, 'redirect_uri');
    const asked = (params.get('scope') ?? '').split(',').filter(Boolean);
    if (!asked.length || asked.some((scope) => !appScopes.includes(scope))) return signInPage(res, 'scope');
    if (params.get('response_type') !== 'code') return signInPage(res, 'response_type');
    // Desktop: the challenge is hex(SHA-256(verifier)), 64 hex digits; only S256.
    const challenge = params.get('code_challenge') ?? '';
    if (!/^[0-9a-f]{64}$/.test(challenge) || params.get('code_challenge_method') !== 'S256')
      return signInPage(res, 'code_challenge');
    if (options.denySignIn) return redirectWithCode(res, params, { error: 'access_denied' });
    const granted = options.grantScopes
      ? asked.filter((scope) => options.grantScopes!.includes(scope))
      : asked;
    const kit = new URLSearchParams(params);
    kit.set('scope', granted.join(','));
    kit.set('code_challenge', Buffer.from(challenge, 'hex').toString('base64url'));
    redirectWithCode(res, params, oauth.issueCode(kit, user.openId));
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.tokenRequests += 1;
    const form = await readForm(req);
    const refuse = (status: number, error: string, description: string) =>
      sendJson(res, status, { error, error_description: description, log_id: logId() });
    if (form.get('client_key') !== options.clientId || form.get('client_secret') !== options.clientSecret)
      return refuse(401, 'invalid_client', 'Client key or secret is invalid.');
    let issued;
    if (form.get('grant_type') === 'authorization_code') {
      if (!form.get('code_verifier'))
        return refuse(400, 'invalid_request', 'code_verifier is required for desktop apps.');
      issued = oauth.redeemCode({
        code: form.get('code') ?? '',
        clientId: options.clientId,
        redirectUri: form.get('redirect_uri') ?? '',
        verifier: form.get('code_verifier') ?? '',
      });
    } else if (form.get('grant_type') === 'refresh_token') {
      issued = oauth.redeemRefresh(form.get('refresh_token') ?? '', options.clientId);
    } else return refuse(400, 'unsupported_grant_type', 'grant_type is not supported.');
    if ('error' in issued) return refuse(400, issued.error, issued.description);
    sendJson(res, 200, {
      access_token: issued.accessToken,
      expires_in: issued.expiresIn,
      open_id: issued.subject,
      refresh_expires_in: 31_536_000,
      refresh_token: issued.refreshToken,
      scope: issued.scopes.join(','),
      token_type: 'Bearer',
    });
  }

  /** The grant behind the bearer token, after injected faults and the endpoint's rate limit. */
  function apiGrant(
    req: IncomingMessage,
    res: ServerResponse,
    scope: string,
    limit?: RateLimit,
  ): Grant | null {
    const fault = faults.pick('api');
    if (fault) {
      counts.injectedFaults += 1;
      if (fault === 'rate-limit') counts.rateLimited += 1;
      if (fault === 'server-error') apiError(res, 500, 'internal_error', 'Internal error (injected)');
      else
        apiError(res, 429, 'rate_limit_exceeded', 'Too many requests (injected)', {
          'retry-after': String(options.retryAfterSec ?? 1),
        });
      return null;
    }
    const bearer = bearerOf(req);
    const grant = oauth.check(bearer);
    if (!grant || grant === 'expired') {
      apiError(res, 401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
      return null;
    }
    if (!grant.scopes.includes(scope)) {
      apiError(res, 401, 'scope_not_authorized', `The user did not authorize the scope ${scope}.`);
      return null;
    }
    const taken = limit?.take(bearer!);
    if (taken && !taken.ok) {
      counts.rateLimited += 1;
      apiError(res, 429, 'rate_limit_exceeded', 'The API rate limit was exceeded.', {
        'retry-after': String(taken.retryAfterSec),
      });
      return null;
    }
    return grant;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const at = `${req.method} ${url.pathname}`;
    if (at === 'GET /v2/auth/authorize/') return authorize(req, res, url);
    if (at === 'POST /v2/oauth/token/') return token(req, res);
    if (at === 'PUT /video/') return posting.chunk(req, res, url);
    if (at === 'GET /v2/user/info/') {
      const grant = apiGrant(req, res, 'user.info.basic');
      if (!grant) return;
      const all: Record<string, string> = {
        open_id: user.openId,
        avatar_url: user.avatarUrl,
        display_name: user.displayName,
      };
      const fields = (url.searchParams.get('fields') ?? '').split(',');
      return sendJson(res, 200, {
        data: { user: Object.fromEntries(Object.entries(all).filter(([key]) => fields.includes(key))) },
        error: { code: 'ok', message: '', log_id: logId() },
      });
    }
    if (at === 'POST /v2/post/publish/creator_info/query/') {
      const grant = apiGrant(req, res, 'video.publish', limits.creatorInfo);
      if (!grant) return;
      counts.creatorInfo += 1;
      return sendJson(res, 200, {
        data: {
          creator_avatar_url: user.avatarUrl,
          creator_username: user.username,
          creator_nickname: user.displayName,
          privacy_level_options: creator.privacyLevelOptions,
          comment_disabled: creator.commentDisabled,
          duet_disabled: creator.duetDisabled,
          stitch_disabled: creator.stitchDisabled,
          max_video_post_duration_sec: options.maxVideoPostDurationSec ?? 600,
        },
        error: { code: 'ok', message: '', log_id: logId() },
      });
    }
    if (at === 'POST /v2/post/publish/video/init/') {
      const body = await readJson<Parameters<TikTokPosting['init']>[3]>(req);
      const grant = apiGrant(req, res, 'video.publish', limits.init);
      return grant ? posting.init(res, grant.subject, origin, body) : undefined;
    }
    if (at === 'POST /v2/post/publish/status/fetch/') {
      const body = await readJson<{ publish_id?: unknown }>(req);
      const grant = apiGrant(req, res, 'video.publish', limits.status);
      return grant ? posting.status(res, grant.subject, body) : undefined;
    }
    apiError(res, 404, 'invalid_params', `no such endpoint: ${at}`);
  }

  const server = await startFakeServer(route, options.port);
  origin = server.origin;
  return {
    ...server,
    faults,
    posts: posting.posts,
    uploads: posting.uploads,
    get counts() {
      const { injectedUploadFaults, rateLimitedUploads, ...rest } = posting.counts;
      return {
        ...rest,
        ...counts,
        injectedFaults: counts.injectedFaults + injectedUploadFaults,
        rateLimited: counts.rateLimited + rateLimitedUploads,
        refreshes: oauth.refreshes,
      };
    },
    oauth,
    revokeAccess: () => oauth.revokeSubject(user.openId),
  };
}
