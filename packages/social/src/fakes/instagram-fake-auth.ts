import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './fake-kit.js';

// Business Login for Instagram as its docs describe it: the authorize window (client_id,
// redirect_uri matching a registered one exactly, response_type=code, scope, state; no PKCE), a
// code good for one use within an hour, traded with the app secret for a short-lived token (1 h),
// which is exchanged (ig_exchange_token) for a long-lived one (60 days), which refreshes itself
// (ig_refresh_token) once it is 24 hours old. There are no refresh tokens.

export const SHORT_LIVED_TTL_SEC = 3600;
export const LONG_LIVED_TTL_SEC = 60 * 24 * 3600;
const CODE_TTL_MS = 3600_000;
const REFRESH_MIN_AGE_MS = 24 * 3600_000;
const KNOWN_SCOPES = new Set([
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
]);

export interface HeldToken {
  kind: 'short' | 'long';
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** A refresh answered a newer token for it (the fake's strict reading: one live token per chain). */
  replaced: boolean;
}

export interface AuthFakeOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[];
  userId: string;
  now: () => number;
  /** Lifetime of long-lived tokens (default 60 days). */
  longLivedTtlSec: number;
  /** How the code's answer is shaped: as the Business Login guide shows it (`data[]`), or flat. */
  tokenResponse: 'documented' | 'flat';
  /** The user clicks "Allow" (true) or "Cancel". */
  approve: () => boolean;
}

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const splitScopes = (raw: string | null) => (raw ?? '').split(/[\s,]+/).filter(Boolean);

/** The token host's error shape (api.instagram.com), unlike the Graph API's. */
const tokenHostError = (res: ServerResponse, message: string) =>
  sendJson(res, 400, { error_type: 'OAuthException', code: 400, error_message: message });

/** The Graph API's error shape. */
export function graphError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    {
      error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: randomBytes(8).toString('hex') },
    },
    headers,
  );
}

export class InstagramAuthFake {
  private readonly codes = new Map<
    string,
    { redirectUri: string; scopes: string[]; expiresAt: number; used: boolean }
  >();
  readonly tokens = new Map<string, HeldToken>();
  counts = { authorizations: 0, codeRedemptions: 0, exchanges: 0, refreshes: 0 };

  constructor(private readonly options: AuthFakeOptions) {}

  /** A token as if the user had signed in (tests that are not about sign-in start here). */
  issue(
    kind: HeldToken['kind'],
    options: { ageMs?: number; scopes?: string[]; ttlSec?: number } = {},
  ): string {
    const issuedAt = this.options.now() - (options.ageMs ?? 0);
    const ttl = options.ttlSec ?? (kind === 'short' ? SHORT_LIVED_TTL_SEC : this.options.longLivedTtlSec);
    const value = token(kind === 'short' ? 'IGQWRs' : 'IGAAL');
    this.tokens.set(value, {
      kind,
      userId: this.options.userId,
      scopes: options.scopes ?? ['instagram_business_basic', 'instagram_business_content_publish'],
      issuedAt,
      expiresAt: issuedAt + ttl * 1000,
      replaced: false,
    });
    return value;
  }

  /** The token's grant, or why it is refused. */
  check(value: string | null): HeldToken | 'expired' | 'invalid' {
    const held = value ? this.tokens.get(value) : undefined;
    if (!held || held.replaced) return 'invalid';
    return held.expiresAt <= this.options.now() ? 'expired' : held;
  }

  /** GET /oauth/authorize: the user allows at once; the answer goes to the redirect URI with `#_`. */
  authorize(res: ServerResponse, params: URLSearchParams): void {
    this.counts.authorizations += 1;
    if (params.get('client_id') !== this.options.clientId) return tokenHostError(res, 'Invalid platform app');
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!this.options.redirectUris.includes(redirectUri))
      return tokenHostError(res, 'Invalid redirect_uri: it must match a registered one exactly');
    if (params.get('response_type') !== 'code') return tokenHostError(res, 'response_type must be code');
    const scopes = splitScopes(params.get('scope'));
    const unknown = scopes.filter((scope) => !KNOWN_SCOPES.has(scope));
    if (!scopes.length || unknown.length)
      return tokenHostError(res, `Invalid scope: ${unknown.join(',') || '(none)'}`);
    const target = new URL(redirectUri);
    if (this.options.approve()) {
      const code = token('AQ');
      this.codes.set(code, { redirectUri, scopes, expiresAt: this.options.now() + CODE_TTL_MS, used: false });
      target.searchParams.set('code', code);
    } else {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_reason', 'user_denied');
      target.searchParams.set('error_description', 'The user denied your request.');
    }
    const state = params.get('state');
    if (state) target.searchParams.set('state', state);
    res.writeHead(302, { location: `${target.href}#_` });
    res.end();
  }

  /** POST /oauth/access_token (form): the code, the app secret and the same redirect URI. */
  async redeem(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    const body = await readBody(req);
    if (!type.startsWith('application/x-www-form-urlencoded'))
      return tokenHostError(res, 'This fake reads the token request as a urlencoded form only');
    const form = new URLSearchParams(body.toString('utf8'));
    this.counts.codeRedemptions += 1;
    if (form.get('client_id') !== this.options.clientId) return tokenHostError(res, 'Invalid platform app');
    if (form.get('client_secret') !== this.options.clientSecret)
      return tokenHostError(res, 'Error validating client secret');
    if (form.get('grant_type') !== 'authorization_code') return tokenHostError(res, 'Unsupported grant_type');
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.used || code.expiresAt <= this.options.now())
      return tokenHostError(res, 'This authorization code has expired or has been used');
    code.used = true;
    if (code.redirectUri !== form.get('redirect_uri'))
      return tokenHostError(
        res,
        'Error validating verification code. Please make sure your redirect_uri is identical',
      );
    const value = this.issue('short', { scopes: code.scopes });
    const id = this.options.userId;
    if (this.options.tokenResponse === 'flat') {
      // Written by hand: the user id is a bare number past 2^53, as the endpoint sends it.
      const text = `{"access_token":${JSON.stringify(value)},"user_id":${id},"permissions":${JSON.stringify(code.scopes)}}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    sendJson(res, 200, { data: [{ access_token: value, user_id: id, permissions: code.scopes.join(',') }] });
  }

  /** GET /access_token?grant_type=ig_exchange_token: a short-lived token for a long-lived one. */
  exchange(res: ServerResponse, params: URLSearchParams): void {
    if (params.get('grant_type') !== 'ig_exchange_token')
      return graphError(res, 400, 100, 'Unsupported grant_type');
    if (params.get('client_secret') !== this.options.clientSecret)
      return graphError(res, 400, 100, 'Error validating client secret.');
    const held = this.check(params.get('access_token'));
    if (held === 'invalid' || held === 'expired')
      return graphError(res, 400, 190, `Error validating access token (${held})`);
    if (held.kind !== 'short') return graphError(res, 400, 100, 'Only a short-lived token can be exchanged');
    this.counts.exchanges += 1;
    const value = this.issue('long', { scopes: held.scopes });
    sendJson(res, 200, {
      access_token: value,
      token_type: 'bearer',
      expires_in: this.options.longLivedTtlSec,
    });
  }

  /** GET /refresh_access_token?grant_type=ig_refresh_token: a valid long-lived token 24 h old or more. */
  refresh(res: ServerResponse, params: URLSearchParams): void {
    if (params.get('grant_type') !== 'ig_refresh_token')
      return graphError(res, 400, 100, 'Unsupported grant_type');
    const value = params.get('access_token');
    const held = this.check(value);
    if (held === 'invalid')
      return graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (held === 'expired')
      return graphError(res, 400, 190, 'Error validating access token: Session has expired', {
        error_subcode: 463,
      });
    if (held.kind !== 'long') return graphError(res, 400, 100, 'Only a long-lived token can be refreshed');
    if (this.options.now() - held.issuedAt < REFRESH_MIN_AGE_MS)
      return graphError(
        res,
        400,
        100,
        'The access token is less than 24 hours old and cannot be refreshed yet',
      );
    this.counts.refreshes += 1;
    held.replaced = true;
    const next = this.issue('long', { scopes: held.scopes });
    sendJson(res, 200, {
      access_token: next,
      token_type: 'bearer',
      expires_in: this.options.longLivedTtlSec,
    });
  }
}
