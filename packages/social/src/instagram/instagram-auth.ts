import { UserFacingError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { readText, sendRequest } from '../http/platform-http.js';
import type { AuthorizationRequest, OAuthTokens, PlatformCredentials } from '../platform-client.js';
import { INSTAGRAM_SCOPES, type InstagramEndpoints } from './instagram-endpoints.js';
import { expectInstagramJson, instagramError, rawIdField } from './instagram-errors.js';

// Instagram's sign-in is OAuth 2.0 in outline only: the code answer is not a token response
// ({access_token, user_id, permissions}, sometimes in data[]), the long-lived token and its refresh are
// GETs with grant types of its own, and there is no refresh token. So each call is a small typed fetch.

/** Refresh is refused for a long-lived token younger than this (refresh_access_token docs). */
export const REFRESH_MIN_AGE_MS = 24 * 3600_000;

interface AuthDeps {
  endpoints: InstagramEndpoints;
  fetch: typeof fetch;
  now: () => number;
}

const signInFailed = (why: string, cause?: unknown) =>
  new UserFacingError('SIGN_IN_FAILED', `Instagram refused the sign-in (${why}).`, { cause });

function secretOf(credentials: PlatformCredentials): string {
  if (credentials.clientSecret) return credentials.clientSecret;
  throw new UserFacingError(
    'PLATFORM_NOT_CONFIGURED',
    'Instagram needs your app’s Instagram app secret to sign in.',
    {
      hint: 'Set it on the sync server that hosts the Instagram callback (Settings → Accounts → Instagram → app secret).',
    },
  );
}

/**
 * The authorization URL. Instagram documents client_id, redirect_uri, response_type, scope and state,
 * and no PKCE: the challenge is not sent (the app secret, held by the sync server, proves the app).
 */
export function instagramAuthorizeUrl(
  endpoints: InstagramEndpoints,
  credentials: PlatformCredentials,
  request: AuthorizationRequest,
): string {
  const url = endpoints.authorize();
  url.searchParams.set('client_id', credentials.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', INSTAGRAM_SCOPES.join(','));
  url.searchParams.set('state', request.state);
  return url.href;
}

interface ShortLivedToken {
  accessToken: string;
  permissions: string[];
}

/** The code's answer: flat (what the endpoint sends) or in `data[]` (how the Business Login guide shows it). */
function readShortLived(text: string): ShortLivedToken {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw signInFailed('the token answer is not JSON');
  }
  const entry = (Array.isArray(parsed.data) ? parsed.data[0] : parsed) as Record<string, unknown> | undefined;
  const accessToken = typeof entry?.access_token === 'string' ? entry.access_token : '';
  if (!accessToken) throw signInFailed('the token answer holds no access token');
  const raw = entry?.permissions;
  const permissions = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.split(/[\s,]+/).filter(Boolean)
      : [];
  return { accessToken, permissions };
}

/** A request error as the sign-in's coded error: a token not accepted means signing in again. */
function asSignInError(error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  if (error instanceof PlatformRequestError)
    return error.kind === 'transient' ? error.toUserFacing('Instagram') : signInFailed(error.message, error);
  return error;
}

/** Trades the redirect's code for a long-lived token (60 days), and reads the account id publishing needs. */
export async function instagramExchangeCode(
  deps: AuthDeps,
  credentials: PlatformCredentials,
  callback: { url: string; state: string; redirectUri: string },
): Promise<OAuthTokens> {
  const answer = new URL(callback.url);
  if (answer.searchParams.get('state') !== callback.state)
    throw signInFailed('the answer’s state is not this sign-in’s: it was not started here');
  const denied = answer.searchParams.get('error');
  if (denied)
    throw signInFailed(
      `${denied}${answer.searchParams.get('error_description') ? `: ${answer.searchParams.get('error_description')}` : ''}`,
    );
  const code = answer.searchParams.get('code');
  if (!code) throw signInFailed('the answer holds no code');
  const secret = secretOf(credentials);
  const signal = AbortSignal.timeout(60_000);
  try {
    const response = await sendRequest(deps.fetch, {
      method: 'POST',
      url: deps.endpoints.shortLivedToken(),
      form: {
        client_id: credentials.clientId,
        client_secret: secret,
        grant_type: 'authorization_code',
        redirect_uri: callback.redirectUri,
        code,
      },
      signal,
    });
    const text = await readText(response);
    if (!response.ok) throw instagramError(response.status, safeJson(text), response.headers);
    const shortLived = readShortLived(text);
    const missing = INSTAGRAM_SCOPES.filter((scope) => !shortLived.permissions.includes(scope));
    if (shortLived.permissions.length && missing.length)
      throw signInFailed(`publishing was not allowed: ${missing.join(', ')} not granted`);
    const longLived = await expectInstagramJson<{ access_token?: string; expires_in?: number }>(
      await sendRequest(deps.fetch, {
        method: 'GET',
        url: deps.endpoints.longLivedToken(secret, shortLived.accessToken),
        signal,
      }),
    );
    if (!longLived.access_token) throw signInFailed('the long-lived token answer holds no token');
    const now = deps.now();
    const me = await readAccount(deps, longLived.access_token, signal);
    return {
      accessToken: longLived.access_token,
      refreshToken: null,
      expiresAt: typeof longLived.expires_in === 'number' ? now + longLived.expires_in * 1000 : null,
      refreshExpiresAt: null,
      scope: shortLived.permissions.join(',') || null,
      extra: { user_id: me.userId, username: me.username, issued_at: String(now) },
    };
  } catch (error) {
    throw asSignInError(error);
  }
}

/**
 * A new long-lived token for the one in hand: Instagram has no refresh token, the access token
 * refreshes itself. One younger than 24 h cannot be refreshed and is still good: it comes back as is.
 */
export async function instagramRefresh(deps: AuthDeps, tokens: OAuthTokens): Promise<OAuthTokens> {
  const issuedAt = Number(tokens.extra?.issued_at);
  if (Number.isFinite(issuedAt) && deps.now() - issuedAt < REFRESH_MIN_AGE_MS) return tokens;
  try {
    const answer = await expectInstagramJson<{ access_token?: string; expires_in?: number }>(
      await sendRequest(deps.fetch, {
        method: 'GET',
        url: deps.endpoints.refreshToken(tokens.accessToken),
        signal: AbortSignal.timeout(60_000),
      }),
    );
    if (!answer.access_token)
      throw new PlatformRequestError('the refresh answer holds no token', 'transient', 200);
    const now = deps.now();
    return {
      ...tokens,
      accessToken: answer.access_token,
      refreshToken: null,
      expiresAt: typeof answer.expires_in === 'number' ? now + answer.expires_in * 1000 : null,
      extra: { ...tokens.extra, issued_at: String(now) },
    };
  } catch (error) {
    if (error instanceof PlatformRequestError && error.kind !== 'transient')
      throw new UserFacingError(
        'ACCOUNT_RECONNECT_NEEDED',
        `Instagram no longer accepts the saved sign-in (${error.message}).`,
        { cause: error },
      );
    throw error instanceof PlatformRequestError ? error.toUserFacing('Instagram') : error;
  }
}

/** The account of a token: the professional account id (`user_id`) is the one publishing uses. */
export async function readAccount(
  deps: Omit<AuthDeps, 'now'>,
  accessToken: string,
  signal: AbortSignal,
): Promise<{ userId: string; username: string; avatarUrl: string | null }> {
  const response = await sendRequest(deps.fetch, {
    method: 'GET',
    url: deps.endpoints.me(),
    headers: { authorization: `Bearer ${accessToken}` },
    signal,
  });
  const text = await readText(response);
  const body = safeJson(text) as { username?: string; profile_picture_url?: string } | null;
  if (!response.ok) throw instagramError(response.status, body, response.headers);
  const userId = rawIdField(text, 'user_id');
  if (!userId || !body)
    throw new PlatformRequestError('the account answer holds no user_id', 'permanent', 200);
  return { userId, username: body.username ?? userId, avatarUrl: body.profile_picture_url ?? null };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
