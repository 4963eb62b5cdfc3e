import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  bearerOf,
  Faults,
  type Grant,
  OAuthFake,
  readForm,
  redirectWithCode,
  sendJson,
  startFakeServer,
} from './fake-kit.js';
import { appendMedia, finalizeMedia, initializeMedia, mediaStatus } from './x-fake-media.js';
import { createTweet, userTimeline } from './x-fake-posts.js';
import {
  sendProblem,
  type XEndpoint,
  type XFakeContext,
  type XFakeOptions,
  type XFakePost,
  type XFakeState,
  type XFakeUser,
  XRateLimits,
} from './x-fake-shared.js';

export type { XFakeOptions, XFakePost, XFakeState, XFakeUser } from './x-fake-shared.js';

// A local X API v2 for tests and `KIRINUKI_PLATFORM_ORIGIN_X`: OAuth 2.0 with PKCE (the authorize
// page allows at once), the chunked media upload, posts and the user's timeline, each as X's docs
// give it, with seeded faults (5xx, 429 + x-rate-limit-reset, dropped connections, failed processing).

export interface XFake extends XFakeState {
  origin: string;
  oauth: OAuthFake;
  user: XFakeUser;
  faults: Faults;
  close(): Promise<void>;
  /** Called when a post is made, before it is answered. */
  onPostCreated: ((post: XFakePost) => void) | undefined;
  /** The user's limit of `endpoint` used up for `seconds` (429 with its x-rate-limit-reset until then). */
  useUpLimit(endpoint: XEndpoint, seconds: number): void;
}

const DEFAULT_USER: XFakeUser = { id: '1790000000000000001', username: 'kirinuki_dev', name: 'Kirinuki Dev' };
const SCOPES = new Set(['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access']);
/** "The auth_code has a time limit of 30 seconds" (OAuth 2.0 glossary). */
const CODE_TTL_MS = 30_000;

export async function startXFake(options: XFakeOptions = {}): Promise<XFake> {
  const now = options.now ?? Date.now;
  const user = options.user ?? DEFAULT_USER;
  const clients = new Map<string, string | null>();
  for (const c of [
    ...(options.clientId ? [{ clientId: options.clientId, clientSecret: options.clientSecret ?? null }] : []),
    ...(options.clients ?? []),
  ])
    clients.set(c.clientId, c.clientSecret ?? null);
  const redirectUris = new Set(options.redirectUris ?? ['http://127.0.0.1:8765/callback']);
  const oauth = new OAuthFake({ accessTtlSec: options.accessTokenTtlSec ?? 7200, rotate: true, now });
  const codeIssuedAt = new Map<string, number>();
  const state: XFakeState = {
    posts: [],
    media: new Map(),
    counts: {
      authorize: 0,
      token: 0,
      usersMe: 0,
      initialize: 0,
      append: 0,
      finalize: 0,
      status: 0,
      tweets: 0,
      timeline: 0,
    },
    rateLimitViolations: 0,
    earlyStatusPolls: 0,
    injected: {
      serverError: 0,
      rateLimit: 0,
      drop: 0,
      dropMidSegment: 0,
      processingFailure: 0,
      lostAnswer: 0,
    },
  };
  let sequence = 0n;
  const context: XFakeContext = {
    options,
    state,
    faults: new Faults(options),
    oauth,
    now,
    users: new Map([[user.id, user]]),
    limits: new XRateLimits({
      now,
      state,
      postsPerWindow: options.postsPerWindow ?? 100,
      requestsPerWindow: options.requestsPerWindow,
    }),
    // Snowflake-like ids: 19 digits, growing with time.
    nextId: () => String(1_880_000_000_000_000_000n + (sequence += 1n)),
  };

  const authorize = (res: ServerResponse, url: URL) => {
    const params = url.searchParams;
    const clientId = params.get('client_id') ?? '';
    // X shows an error page for an unknown app or a callback not on its allowlist: no redirect.
    if (!clients.has(clientId)) return sendProblem(res, 400, `Unknown client_id ${clientId}.`);
    if (!redirectUris.has(params.get('redirect_uri') ?? ''))
      return sendProblem(
        res,
        400,
        'The redirect_uri is not one of the callback URLs registered for this app.',
      );
    const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.length || scopes.some((s) => !SCOPES.has(s)))
      return redirectWithCode(res, params, { error: 'invalid_scope' });
    state.counts.authorize += 1;
    const outcome = oauth.issueCode(params, user.id);
    if ('code' in outcome) codeIssuedAt.set(outcome.code, now());
    redirectWithCode(res, params, outcome);
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await readForm(req);
    const refused = (status: number, error: string, description: string) =>
      sendJson(res, status, { error, error_description: description });
    // Confidential clients: HTTP Basic client_id:client_secret (form-encoded). Public: client_id in the body.
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    let clientId: string;
    if (basic) {
      const [id = '', secret = ''] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      clientId = decode(id);
      const registered = clients.get(clientId);
      if (!registered || registered !== decode(secret))
        return refused(401, 'unauthorized_client', 'Missing valid authorization header');
    } else {
      clientId = form.get('client_id') ?? '';
      if (!clients.has(clientId)) return refused(401, 'invalid_client', 'Unknown client_id');
      if (clients.get(clientId))
        return refused(401, 'unauthorized_client', 'Missing valid authorization header');
    }
    state.counts.token += 1;
    const grantType = form.get('grant_type');
    let issued;
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const at = codeIssuedAt.get(code);
      codeIssuedAt.delete(code);
      if (at === undefined || now() - at > CODE_TTL_MS)
        return refused(400, 'invalid_request', 'Value passed for the authorization code was invalid.');
      issued = oauth.redeemCode({
        code,
        clientId,
        redirectUri: form.get('redirect_uri') ?? '',
        verifier: form.get('code_verifier') ?? '',
      });
    } else if (grantType === 'refresh_token') {
      issued = oauth.redeemRefresh(form.get('refresh_token') ?? '', clientId);
    } else return refused(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    if ('error' in issued) return refused(400, issued.error, issued.description);
    sendJson(res, 200, {
      token_type: 'bearer',
      expires_in: issued.expiresIn,
      access_token: issued.accessToken,
      scope: issued.scopes.join(' '),
      // A refresh token only for offline.access (authorization-code docs).
      ...(issued.scopes.includes('offline.access') ? { refresh_token: issued.refreshToken } : {}),
    });
  };

  /** The grant of the request's bearer token with `scope`, else answered 401/403. */
  const authenticate = (req: IncomingMessage, res: ServerResponse, scope: string): Grant | null => {
    const grant = oauth.check(bearerOf(req));
    if (grant === null || grant === 'expired') {
      sendProblem(res, 401, 'Unauthorized', { title: 'Unauthorized' });
      return null;
    }
    if (!grant.scopes.includes(scope)) {
      sendProblem(
        res,
        403,
        `Your client app is not configured with the appropriate oauth2 scope (${scope}).`,
        {
          title: 'Forbidden',
        },
      );
      return null;
    }
    return grant;
  };

  /** Injected faults and the endpoint's rate limit; true when the request may go on. */
  const admit = (
    res: ServerResponse,
    grant: Grant,
    endpoint: XEndpoint,
    kind: 'api' | 'upload',
  ): boolean | 'drop' => {
    const fault = context.faults.pick(kind);
    if (fault === 'server-error') {
      state.injected.serverError += 1;
      sendProblem(res, 503, 'Service Unavailable (injected)', { title: 'Service Unavailable' });
      return false;
    }
    if (fault === 'rate-limit') {
      state.injected.rateLimit += 1;
      context.limits.refuseFor(res, grant, endpoint, options.retryAfterSec ?? 1);
      return false;
    }
    if (!context.limits.admit(res, grant, endpoint)) return false;
    if (fault === 'drop') return 'drop';
    return true;
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const media = /^\/2\/media\/upload\/(\d{1,19})\/(append|finalize)$/.exec(path);
    const timeline = /^\/2\/users\/(\d{1,19})\/tweets$/.exec(path);
    if (method === 'GET' && path === '/2/users/me') {
      const grant = authenticate(req, res, 'users.read');
      if (!grant || !admit(res, grant, 'usersMe', 'api')) return;
      state.counts.usersMe += 1;
      const me = context.users.get(grant.subject) ?? user;
      return sendJson(res, 200, {
        data: { ...me, profile_image_url: `https://pbs.twimg.com/profile_images/${me.id}/avatar_normal.jpg` },
      });
    }
    if (method === 'POST' && path === '/2/media/upload/initialize') {
      const grant = authenticate(req, res, 'media.write');
      if (grant && admit(res, grant, 'initialize', 'api')) await initializeMedia(context, req, res, grant);
      return;
    }
    if (method === 'POST' && media) {
      const grant = authenticate(req, res, 'media.write');
      if (!grant) return;
      if (media[2] === 'append') {
        const admitted = admit(res, grant, 'append', 'upload');
        if (admitted) await appendMedia(context, req, res, grant, media[1]!, admitted === 'drop');
        return;
      }
      if (admit(res, grant, 'finalize', 'api')) finalizeMedia(context, res, grant, media[1]!);
      return;
    }
    if (method === 'GET' && path === '/2/media/upload') {
      const grant = authenticate(req, res, 'media.write');
      if (grant && admit(res, grant, 'status', 'api')) mediaStatus(context, res, grant, url);
      return;
    }
    if (method === 'POST' && path === '/2/tweets') {
      const grant = authenticate(req, res, 'tweet.write');
      if (grant && admit(res, grant, 'tweets', 'api')) await createTweet(context, req, res, grant);
      return;
    }
    if (method === 'GET' && timeline) {
      const grant = authenticate(req, res, 'tweet.read');
      if (grant && admit(res, grant, 'timeline', 'api')) userTimeline(context, res, timeline[1]!, url);
      return;
    }
    sendProblem(res, 404, `No route for ${method} ${path}`);
  };

  const server = await startFakeServer(async (req, res, url) => {
    if (req.method === 'GET' && url.pathname === '/i/oauth2/authorize') return authorize(res, url);
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') return token(req, res);
    return api(req, res, url);
  }, options.port);

  const fake: XFake = Object.assign(state, {
    origin: server.origin,
    oauth,
    user,
    faults: context.faults,
    close: () => server.close(),
    onPostCreated: undefined as ((post: XFakePost) => void) | undefined,
    useUpLimit: (endpoint: XEndpoint, seconds: number) =>
      context.limits.refuseUntil(user.id, endpoint, now() + seconds * 1000),
  });
  // The handlers read the hook from the fake, so a test can set it after start.
  Object.defineProperty(context, 'onPostCreated', { get: () => fake.onPostCreated });
  return fake;
}
