import * as oauth from 'oauth4webapi';
import { UserFacingError } from '@kirinuki/contracts';
import type { AuthorizationRequest, OAuthTokens, PlatformCredentials } from '../platform-client.js';
import { isLoopbackHost } from '../platform-origin.js';

/** A platform's OAuth 2.0 endpoints, fixed in code (no discovery), already sent to its origin. */
export interface OAuthServer {
  issuer: string;
  authorizationEndpoint: URL;
  tokenEndpoint: URL;
  /** How this app proves itself at the token endpoint: its secret in the body, as Basic, or PKCE alone. */
  clientAuth: 'secret-post' | 'secret-basic' | 'none';
}

const asOf = (server: OAuthServer): oauth.AuthorizationServer => ({
  issuer: server.issuer,
  authorization_endpoint: server.authorizationEndpoint.href,
  token_endpoint: server.tokenEndpoint.href,
});

function clientAuthOf(server: OAuthServer, credentials: PlatformCredentials): oauth.ClientAuth {
  if (server.clientAuth === 'none') return oauth.None();
  if (!credentials.clientSecret)
    throw new UserFacingError(
      'PLATFORM_NOT_CONFIGURED',
      'This platform needs your app’s client secret to sign in.',
      {
        hint: 'Give it with --client-secret (it is kept in the secret store), or set it in Settings → Accounts.',
      },
    );
  return server.clientAuth === 'secret-basic'
    ? oauth.ClientSecretBasic(credentials.clientSecret)
    : oauth.ClientSecretPost(credentials.clientSecret);
}

/** oauth4webapi refuses http endpoints; a local fake on loopback is the one place they are fine. */
const requestOptions = (server: OAuthServer, fetcher: typeof fetch) => ({
  [oauth.customFetch]: fetcher,
  ...(server.tokenEndpoint.protocol === 'http:' && isLoopbackHost(server.tokenEndpoint.hostname)
    ? { [oauth.allowInsecureRequests]: true }
    : {}),
});

/** The authorization URL: code flow, PKCE S256, the state to bind the answer to this sign-in. */
export function authorizationUrl(
  server: OAuthServer,
  credentials: PlatformCredentials,
  request: AuthorizationRequest,
  scopes: readonly string[],
  extra: Record<string, string> = {},
): string {
  const url = new URL(server.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: credentials.clientId,
    redirect_uri: request.redirectUri,
    scope: scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Tokens from a token endpoint's answer; a refresh that names no new refresh token keeps the old one. */
export function tokensOf(
  response: oauth.TokenEndpointResponse,
  now: number,
  previous?: OAuthTokens,
): OAuthTokens {
  const refreshExpiresIn = Number((response as { refresh_expires_in?: unknown }).refresh_expires_in);
  return {
    accessToken: response.access_token,
    // Never write nothing over a good refresh token (the scheduler Postiz lost accounts this way).
    refreshToken: response.refresh_token || previous?.refreshToken || null,
    expiresAt: typeof response.expires_in === 'number' ? now + response.expires_in * 1000 : null,
    refreshExpiresAt: Number.isFinite(refreshExpiresIn)
      ? now + refreshExpiresIn * 1000
      : (previous?.refreshExpiresAt ?? null),
    scope: response.scope ?? previous?.scope ?? null,
    ...(previous?.extra ? { extra: previous.extra } : {}),
  };
}

function signInFailed(error: unknown): UserFacingError {
  const description =
    error instanceof oauth.ResponseBodyError
      ? `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`
      : error instanceof oauth.AuthorizationResponseError
        ? `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`
        : (error as Error).message;
  return new UserFacingError('SIGN_IN_FAILED', `The platform refused the sign-in (${description}).`, {
    cause: error,
  });
}

/** Checks the redirect (state, error) and trades its code for tokens, with the PKCE verifier. */
export async function exchangeAuthorizationCode(
  server: OAuthServer,
  credentials: PlatformCredentials,
  callback: { url: string; state: string; codeVerifier: string; redirectUri: string },
  options: { fetch: typeof fetch; now: number; additionalParameters?: Record<string, string> },
): Promise<oauth.TokenEndpointResponse> {
  const as = asOf(server);
  const client: oauth.Client = { client_id: credentials.clientId };
  try {
    const params = oauth.validateAuthResponse(as, client, new URL(callback.url), callback.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuthOf(server, credentials),
      params,
      callback.redirectUri,
      callback.codeVerifier,
      {
        ...requestOptions(server, options.fetch),
        ...(options.additionalParameters ? { additionalParameters: options.additionalParameters } : {}),
      },
    );
    return await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw signInFailed(error);
  }
}

/** A refresh grant. A refused refresh token (`invalid_grant`) means the user must sign in again. */
export async function refreshAccessToken(
  server: OAuthServer,
  credentials: PlatformCredentials,
  refreshToken: string,
  options: { fetch: typeof fetch; additionalParameters?: Record<string, string> },
): Promise<oauth.TokenEndpointResponse> {
  const as = asOf(server);
  const client: oauth.Client = { client_id: credentials.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuthOf(server, credentials),
      refreshToken,
      {
        ...requestOptions(server, options.fetch),
        ...(options.additionalParameters ? { additionalParameters: options.additionalParameters } : {}),
      },
    );
    return await oauth.processRefreshTokenResponse(as, client, response);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    if (
      error instanceof oauth.ResponseBodyError &&
      (error.error === 'invalid_grant' || error.status === 400 || error.status === 401)
    )
      throw new UserFacingError(
        'ACCOUNT_RECONNECT_NEEDED',
        `The platform no longer accepts the saved sign-in (${error.error}).`,
        {
          cause: error,
        },
      );
    throw error;
  }
}

/** A new PKCE verifier and its S256 challenge, and a state, for one sign-in. */
export async function newSignIn(): Promise<{ codeVerifier: string; codeChallenge: string; state: string }> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    state: oauth.generateRandomState(),
  };
}
