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
  checkMetadata,
  googleError,
  handleSessionPut,
  openSession,
  type FakeSession,
  type FakeVideo,
  type UploadCore,
} from './youtube-fake-upload.js';
import { dataApiReads } from './youtube-fake-reads.js';

// A local YouTube: Google's OAuth for desktop apps (loopback redirect on any port, PKCE S256,
// the client secret at the token endpoint, refresh tokens that do not rotate, access tokens of an
// hour), the Data API reads Kirinuki uses, and the resumable upload of videos.insert with its
// quota (videos.insert costs 1600 of 10,000 daily units) and the channel's daily upload limit.

export type { FakeVideo } from './youtube-fake-upload.js';

const SCOPE = 'https://www.googleapis.com/auth/';
const UPLOAD_SCOPES = [`${SCOPE}youtube.upload`, `${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];
const READ_SCOPES = [`${SCOPE}youtube.readonly`, `${SCOPE}youtube`, `${SCOPE}youtube.force-ssl`];
const KNOWN_SCOPES = new Set([...UPLOAD_SCOPES, ...READ_SCOPES]);

export interface YouTubeFakeOptions extends FaultOptions {
  /** The one registered desktop OAuth client; any other is refused. */
  clientId: string;
  clientSecret: string;
  /** The signed-in user's channel; null: a Google account without one. */
  channel?: { id: string; title: string; avatarUrl: string | null } | null;
  /** Quota units per day for the developer project (default 10,000). */
  dailyQuota?: number;
  /** Units one videos.insert costs (default 1600, as the docs list). */
  insertCost?: number;
  /** Uploads per 24 h the channel may make before `uploadLimitExceeded` (default 50). */
  uploadsPerDay?: number;
  /** How long a session URI stays valid (default a week). */
  sessionTtlMs?: number;
  /** API requests per minute per user before 429 + Retry-After (default 600). */
  requestsPerMinute?: number;
  /** Rotate refresh tokens (Google does not; for testing a platform that would). */
  rotateRefreshTokens?: boolean;
  /** The scopes the user leaves ticked on the consent page (default: all asked for). */
  grantedScopes?: string[];
  now?: () => number;
  port?: number;
}

export interface YouTubeFake extends FakeServer {
  /** The seeded fault injection, with what it injected so far. */
  faults: Faults;
  /** Every video made, in order, with the sha256 of its bytes. */
  posts: FakeVideo[];
  sessions: Map<string, FakeSession>;
  counts: { inits: number; chunks: number; statusQueries: number; tokenRequests: number; apiReads: number };
  oauth: OAuthFake;
  readonly quotaUsed: number;
  /** The next N uploads that complete lose their answer (the video is made, the connection drops). */
  loseCompletionAnswers: number;
  /** Every session URI now answers 404, as after its week is up. */
  expireSessions(): void;
  /** The user removed the app's access on their Google account page. */
  revokeAccess(): void;
}

export async function startYouTubeFake(options: YouTubeFakeOptions): Promise<YouTubeFake> {
  const now = options.now ?? Date.now;
  const channel = options.channel === undefined ? defaultChannel : options.channel;
  const oauth = new OAuthFake({
    accessTtlSec: options.accessTokenTtlSec ?? 3599,
    rotate: options.rotateRefreshTokens ?? false,
    now,
  });
  const offlineCodes = new Set<string>();
  const limiter = new RateLimit(options.requestsPerMinute ?? 600, 60_000, now);
  let quotaUsed = 0;
  const counts = { inits: 0, chunks: 0, statusQueries: 0, tokenRequests: 0, apiReads: 0 };
  const core: UploadCore = {
    now,
    faults: new Faults(options),
    sessions: new Map(),
    posts: [],
    counts,
    channel: channel ?? { id: 'UCnone', title: '' },
    sessionTtlMs: options.sessionTtlMs ?? 7 * 24 * 3600_000,
    loseCompletionAnswers: 0,
  };

  /** The grant of the bearer token with one of `scopes`, or null after answering 401/403. */
  function authorize(req: IncomingMessage, res: ServerResponse, scopes: string[]): Grant | null {
    const grant = oauth.check(bearerOf(req));
    if (grant === null || grant === 'expired') {
      googleError(
        res,
        401,
        'authError',
        'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        'global',
      );
      return null;
    }
    if (!scopes.some((s) => grant.scopes.includes(s))) {
      googleError(res, 403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
      return null;
    }
    return grant;
  }

  /** Faults, the per-user rate and the day's quota, in that order; false once answered. */
  function admit(res: ServerResponse, grant: Grant, units: number): boolean {
    if (core.faults.apply(core.faults.pick('api'), res)) return false;
    const rate = limiter.take(grant.subject);
    if (!rate.ok) {
      googleError(
        res,
        429,
        'rateLimitExceeded',
        'Too many requests.',
        { 'retry-after': String(rate.retryAfterSec) },
        'usageLimits',
      );
      return false;
    }
    if (quotaUsed + units > (options.dailyQuota ?? 10_000)) {
      googleError(
        res,
        403,
        'quotaExceeded',
        'The request cannot be completed because you have exceeded your quota.',
        {},
        'youtube.quota',
      );
      return false;
    }
    quotaUsed += units;
    return true;
  }

  function authorizePage(res: ServerResponse, url: URL): void {
    const params = url.searchParams;
    if (params.get('client_id') !== options.clientId)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'The OAuth client was not found.',
      });
    const redirect = params.get('redirect_uri') ?? '';
    if (!isLoopbackRedirect(redirect))
      return sendJson(res, 400, {
        error: 'redirect_uri_mismatch',
        error_description: `${redirect} is not a loopback URI.`,
      });
    const asked = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (asked.length === 0 || asked.some((s) => !KNOWN_SCOPES.has(s)))
      return redirectWithCode(res, params, { error: 'invalid_scope' });
    const granted = new URLSearchParams(params);
    granted.set(
      'scope',
      asked.filter((s) => !options.grantedScopes || options.grantedScopes.includes(s)).join(' '),
    );
    const outcome = oauth.issueCode(granted, channel?.id ?? 'no-channel-user');
    if ('code' in outcome && params.get('access_type') === 'offline') offlineCodes.add(outcome.code);
    redirectWithCode(res, params, outcome);
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.tokenRequests += 1;
    const form = await readForm(req);
    if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = oauth.redeemCode({
        code,
        clientId: options.clientId,
        redirectUri: form.get('redirect_uri') ?? '',
        verifier: form.get('code_verifier') ?? '',
      });
      if ('error' in issued)
        return sendJson(res, 400, { error: issued.error, error_description: issued.description });
      // A refresh token only for offline access (access_type=offline at the authorize step).
      const offline = offlineCodes.delete(code);
      return sendJson(res, 200, tokenAnswer(issued, offline));
    }
    if (grantType === 'refresh_token') {
      const issued = oauth.redeemRefresh(form.get('refresh_token') ?? '', options.clientId);
      if ('error' in issued)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Token has been expired or revoked.',
        });
      return sendJson(res, 200, tokenAnswer(issued, options.rotateRefreshTokens ?? false));
    }
    sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `Invalid grant_type: ${grantType}`,
    });
  }

  const mine = () => core.posts.filter((p) => p.channelId === core.channel.id);
  const reads = dataApiReads(core, channel, mine);

  async function uploadInit(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.searchParams.get('uploadType') !== 'resumable')
      return googleError(
        res,
        400,
        'invalidParameter',
        'This fake takes resumable uploads only (uploadType=resumable).',
      );
    const grant = authorize(req, res, UPLOAD_SCOPES);
    if (!grant) return;
    const body = await readJson<unknown>(req);
    const part = url.searchParams.get('part') ?? '';
    const parts = part.split(',');
    if (!parts.includes('snippet') || !parts.includes('status'))
      return googleError(
        res,
        400,
        'unexpectedPart',
        'The part parameter must name the parts the metadata sets (snippet,status).',
      );
    const resource = checkMetadata(body);
    if ('reason' in resource) return googleError(res, 400, resource.reason, resource.message);
    const declared = req.headers['x-upload-content-length'];
    const total = declared === undefined ? null : Number(declared);
    if (total !== null && !(Number.isInteger(total) && total > 0))
      return googleError(res, 400, 'badContent', `X-Upload-Content-Length "${declared}" is not a size.`);
    const type = String(req.headers['x-upload-content-type'] ?? 'application/octet-stream');
    if (!/^video\//.test(type) && type !== 'application/octet-stream')
      return googleError(res, 400, 'invalidContentType', `Media type "${type}" is not a video.`);
    const dayAgo = now() - 24 * 3600_000;
    if (mine().filter((v) => Date.parse(v.publishedAt) > dayAgo).length >= (options.uploadsPerDay ?? 50))
      return googleError(
        res,
        400,
        'uploadLimitExceeded',
        'The user has exceeded the number of videos they may upload.',
      );
    if (!admit(res, grant, options.insertCost ?? 1600)) return;
    openSession(core, res, grant, resource, part, total);
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { pathname } = url;
    if (req.method === 'GET' && pathname === '/o/oauth2/v2/auth') return authorizePage(res, url);
    if (req.method === 'POST' && pathname === '/token') return tokenEndpoint(req, res);
    if (req.method === 'POST' && pathname === '/upload/youtube/v3/videos') return uploadInit(req, res, url);
    if (req.method === 'PUT' && pathname === '/upload/youtube/v3/videos') {
      const session = core.sessions.get(url.searchParams.get('upload_id') ?? '');
      if (!session || session.expired || session.createdAt + core.sessionTtlMs < now()) {
        await readBodyQuietly(req);
        return googleError(res, 404, 'notFound', 'Not Found');
      }
      const grant = authorize(req, res, UPLOAD_SCOPES);
      if (!grant) return readBodyQuietly(req);
      if (grant.subject !== session.subject)
        return googleError(res, 403, 'forbidden', 'The session belongs to another user.');
      return handleSessionPut(core, req, res, session);
    }
    const read = reads[pathname];
    if (req.method === 'GET' && read) {
      const grant = authorize(req, res, READ_SCOPES);
      if (!grant || !admit(res, grant, 1)) return;
      counts.apiReads += 1;
      return read(res, url);
    }
    googleError(res, 404, 'notFound', `No fake for ${req.method} ${pathname}.`);
  }

  const server = await startFakeServer(route, options.port);
  return {
    ...server,
    faults: core.faults,
    posts: core.posts,
    sessions: core.sessions,
    counts,
    oauth,
    get quotaUsed() {
      return quotaUsed;
    },
    get loseCompletionAnswers() {
      return core.loseCompletionAnswers;
    },
    set loseCompletionAnswers(n: number) {
      core.loseCompletionAnswers = n;
    },
    expireSessions() {
      for (const session of core.sessions.values()) session.expired = true;
    },
    revokeAccess() {
      oauth.revokeSubject(channel?.id ?? 'no-channel-user');
    },
  };
}

const defaultChannel = {
  id: 'UCfakeChannel0000000000',
  title: 'Kirinuki Test Channel',
  avatarUrl: 'https://yt3.example/avatar.jpg',
};

function tokenAnswer(
  issued: { accessToken: string; refreshToken: string; expiresIn: number; scopes: string[] },
  withRefresh: boolean,
) {
  return {
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    scope: issued.scopes.join(' '),
    token_type: 'Bearer',
    ...(withRefresh ? { refresh_token: issued.refreshToken } : {}),
  };
}

/** Google takes http://127.0.0.1:<any port>/… and [::1] for desktop clients (and localhost). */
function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}

async function readBodyQuietly(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) void _chunk;
}
