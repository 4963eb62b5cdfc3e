import type { TokenEndpointResponse } from 'oauth4webapi';
import { UserFacingError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { readText, sendRequest } from '../http/platform-http.js';
import { tokensOf } from '../oauth/authorization-code.js';
import type { AuthorizationRequest, OAuthTokens, PlatformCredentials } from '../platform-client.js';
import { viaOrigin } from '../platform-origin.js';
import { TIKTOK_AUTHORIZE_URL, TIKTOK_SCOPES, TIKTOK_TOKEN_URL } from './tiktok-endpoints.js';

// TikTok's Login Kit is OAuth 2.0 with its own names (client_key, comma-separated scopes), a
// hex-encoded PKCE challenge on desktop, and the client secret in the form: small typed requests
// here instead of oauth4webapi, which sends client_id and expects standard names.

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  open_id?: string;
  refresh_token?: string;
  refresh_expires_in?: number;
  scope?: string;
  token_type?: string;
  error?: string;
  error_description?: string;
  log_id?: string;
}

export interface OAuthCall {
  fetch: typeof fetch;
  origin: string | null | undefined;
  now: number;
}

function clientKeyOf(credentials: PlatformCredentials): string {
  if (!credentials.clientId)
    throw new UserFacingError('PLATFORM_NOT_CONFIGURED', 'No TikTok client key is set.', {
      hint: 'Give your TikTok app’s client key with --client-id (or the setting platforms.tiktok.clientId); the README says how to register the app.',
    });
  return credentials.clientId;
}

function clientSecretOf(credentials: PlatformCredentials): string {
  if (!credentials.clientSecret)
    throw new UserFacingError(
      'PLATFORM_NOT_CONFIGURED',
      'TikTok’s token call needs your app’s client secret, even for a desktop sign-in.',
      {
        hint: 'Give it with --client-secret (it is kept in the secret store), or set it in Settings → Accounts.',
      },
    );
  return credentials.clientSecret;
}

/**
 * Login Kit for Desktop wants the challenge as the hex of SHA-256(verifier), not RFC 7636's
 * base64url: the same digest, so the standard challenge the host made is re-encoded here.
 */
export function hexChallenge(codeChallenge: string): string {
  const digest = Buffer.from(codeChallenge, 'base64url');
  if (digest.length !== 32 || digest.toString('base64url') !== codeChallenge)
    throw new UserFacingError('INVALID_ARGUMENT', 'The PKCE challenge is not a base64url SHA-256 digest.');
  return digest.toString('hex');
}

/** https://www.tiktok.com/v2/auth/authorize/ with client_key, comma-separated scopes and PKCE S256. */
export function tiktokAuthorizeUrl(
  origin: string | null | undefined,
  credentials: PlatformCredentials,
  request: AuthorizationRequest,
): string {
  const url = viaOrigin(TIKTOK_AUTHORIZE_URL, origin);
  const params = {
    client_key: clientKeyOf(credentials),
    scope: TIKTOK_SCOPES.join(','),
    response_type: 'code',
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: hexChallenge(request.codeChallenge),
    code_challenge_method: 'S256',
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

async function tokenRequest(call: OAuthCall, form: Record<string, string>) {
  const response = await sendRequest(call.fetch, {
    method: 'POST',
    url: viaOrigin(TIKTOK_TOKEN_URL, call.origin),
    headers: { 'cache-control': 'no-cache' },
    form,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await readText(response);
  let body: TokenAnswer = {};
  try {
    body = text ? (JSON.parse(text) as TokenAnswer) : {};
  } catch {
    body = { error: 'server_error', error_description: `HTTP ${response.status}, not JSON` };
  }
  return { status: response.status, body };
}

const describe = (body: TokenAnswer) =>
  `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;

function tokensFrom(body: TokenAnswer, now: number, previous?: OAuthTokens): OAuthTokens {
  const response = {
    ...body,
    token_type: (body.token_type ?? 'bearer').toLowerCase(),
  } as TokenEndpointResponse;
  const tokens = tokensOf(response, now, previous);
  const openId = body.open_id ?? previous?.extra?.open_id;
  return { ...tokens, extra: { ...previous?.extra, ...(openId ? { open_id: openId } : {}) } };
}

const signInFailed = (message: string, options: { hint?: string; cause?: unknown } = {}) =>
  new UserFacingError('SIGN_IN_FAILED', message, options);

/** Checks the redirect (state, error) and trades its code, with the PKCE verifier, for tokens. */
export async function exchangeTikTokCode(
  call: OAuthCall,
  credentials: PlatformCredentials,
  callback: { url: string; state: string; codeVerifier: string; redirectUri: string },
): Promise<OAuthTokens> {
  const clientKey = clientKeyOf(credentials);
  const clientSecret = clientSecretOf(credentials);
  const params = URL.canParse(callback.url) ? new URL(callback.url).searchParams : null;
  if (!params) throw signInFailed(`The sign-in answer is not a URL (${callback.url.slice(0, 100)}).`);
  if (params.get('state') !== callback.state)
    throw signInFailed('The sign-in answer does not belong to this sign-in (its state differs).');
  const error = params.get('error');
  if (error)
    throw signInFailed(
      `TikTok refused the sign-in (${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}).`,
    );
  const code = params.get('code');
  if (!code) throw signInFailed('TikTok’s answer to the sign-in has no authorization code.');
  let answer;
  try {
    answer = await tokenRequest(call, {
      client_key: clientKey,
      client_secret: clientSecret,
      code,
      grant_type: 'authorization_code',
      redirect_uri: callback.redirectUri,
      code_verifier: callback.codeVerifier,
    });
  } catch (cause) {
    throw signInFailed(`TikTok did not answer the sign-in (${(cause as Error).message}).`, { cause });
  }
  const { body } = answer;
  if (body.error || !body.access_token)
    throw signInFailed(
      `TikTok refused the sign-in (${body.error ? describe(body) : `HTTP ${answer.status}`}).`,
    );
  const granted = (body.scope ?? '').split(/[\s,]+/);
  const missing = TIKTOK_SCOPES.filter((scope) => !granted.includes(scope));
  if (missing.length)
    throw signInFailed(`The sign-in did not allow ${missing.join(', ')}, which posting needs.`, {
      hint: 'Sign in again and leave every permission Kirinuki asks for switched on.',
    });
  return tokensFrom(body, call.now);
}

/** New tokens from the refresh token; TikTok may rotate it, and the new one is what is returned. */
export async function refreshTikTokTokens(
  call: OAuthCall,
  credentials: PlatformCredentials,
  tokens: OAuthTokens,
): Promise<OAuthTokens> {
  if (!tokens.refreshToken)
    throw new UserFacingError('ACCOUNT_RECONNECT_NEEDED', 'There is no saved TikTok refresh token.');
  const { status, body } = await tokenRequest(call, {
    client_key: clientKeyOf(credentials),
    client_secret: clientSecretOf(credentials),
    grant_type: 'refresh_token',
    refresh_token: tokens.refreshToken,
  }).catch((cause: unknown) => {
    throw new UserFacingError('PLATFORM_UNAVAILABLE', `TikTok did not answer the token refresh.`, { cause });
  });
  if (body.access_token && !body.error) return tokensFrom(body, call.now, tokens);
  // A server fault says nothing about the saved sign-in: keep it and try later.
  if (
    status >= 500 ||
    status === 429 ||
    body.error === 'server_error' ||
    body.error === 'temporarily_unavailable'
  )
    throw new UserFacingError(
      'PLATFORM_UNAVAILABLE',
      `TikTok could not refresh the sign-in (${describe(body)}).`,
      {
        cause: new PlatformRequestError(describe(body), 'transient', status),
      },
    );
  throw new UserFacingError(
    'ACCOUNT_RECONNECT_NEEDED',
    `TikTok no longer accepts the saved sign-in (${body.error ? describe(body) : `HTTP ${status}`}).`,
  );
}
