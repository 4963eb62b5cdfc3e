import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// What every platform fake shares: an HTTP server on loopback, seeded fault injection, OAuth codes
// bound to a PKCE challenge, tokens that expire and refresh tokens that rotate, and rate limits.
// Each fake enforces its platform's documented contract; these are only the parts they have in common.

export interface FaultOptions {
  /** Share of API requests answered 500/503 (0..1). */
  serverErrorRate?: number;
  /** Share of upload requests whose connection is dropped before the answer (some bytes may land). */
  dropRate?: number;
  /** Share of requests answered 429 with Retry-After. */
  rateLimitRate?: number;
  /** Retry-After of injected 429s, seconds (default 1). */
  retryAfterSec?: number;
  /** Share of uploads whose processing fails on the platform. */
  processingFailureRate?: number;
  /** Seconds an access token lives (default: the platform's real lifetime). */
  accessTokenTtlSec?: number;
  /** Seed of the fault sequence, so a failing run can be replayed. */
  seed?: number;
}

/** A small seeded generator (mulberry32): the same faults in the same order for the same seed. */
export function seededRandom(seed = 1): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeServer {
  origin: string;
  close(): Promise<void>;
}

export type FakeHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/** Serves `handler` on 127.0.0.1 (a free port unless one is given); a handler's throw is a 500. */
export async function startFakeServer(handler: FakeHandler, port = 0): Promise<FakeServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    Promise.resolve(handler(req, res, url)).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { error: { message: String((error as Error)?.message ?? error) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The whole request body (uploads are chunks of at most tens of MB). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const readForm = async (req: IncomingMessage) =>
  new URLSearchParams((await readBody(req)).toString('utf8'));

export const readJson = async <T>(req: IncomingMessage): Promise<T | null> => {
  try {
    return JSON.parse((await readBody(req)).toString('utf8')) as T;
  } catch {
    return null;
  }
};

/** The bearer token of a request, or null. */
export function bearerOf(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const token = (prefix: string) => `${prefix}.${randomBytes(18).toString('base64url')}`;

export interface Grant {
  clientId: string;
  /** The account the tokens act for. */
  subject: string;
  scopes: string[];
}

/**
 * Authorization codes bound to their PKCE challenge and redirect URI (one use, 10 minutes), access
 * tokens that expire, and refresh tokens: rotated on every use when `rotate` (TikTok, X), and a
 * reused one revokes the whole family.
 */
export class OAuthFake {
  private readonly codes = new Map<
    string,
    Grant & { challenge: string; redirectUri: string; expiresAt: number }
  >();
  private readonly access = new Map<string, Grant & { expiresAt: number; family: string }>();
  private readonly refresh = new Map<string, Grant & { family: string; used: boolean }>();
  private readonly revokedFamilies = new Set<string>();
  /** Refresh grants answered, for tests that check rotation. */
  refreshes = 0;

  constructor(private readonly options: { accessTtlSec: number; rotate: boolean; now?: () => number }) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** A code for an authorize request (the user "allowed" it); refuses a request without S256 PKCE. */
  issueCode(params: URLSearchParams, subject: string): { code: string } | { error: string } {
    if (params.get('response_type') !== 'code') return { error: 'unsupported_response_type' };
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge'))
      return { error: 'invalid_request: PKCE S256 required' };
    const code = token('code');
    this.codes.set(code, {
      clientId: params.get('client_id') ?? params.get('client_key') ?? '',
      subject,
      scopes: (params.get('scope') ?? '').split(/[ ,]+/).filter(Boolean),
      challenge: params.get('code_challenge')!,
      redirectUri: params.get('redirect_uri') ?? '',
      expiresAt: this.now() + 600_000,
    });
    return { code };
  }

  /** The code grant: the same client and redirect URI, the verifier whose S256 is the challenge. */
  redeemCode(input: { code: string; clientId: string; redirectUri: string; verifier: string }) {
    const pending = this.codes.get(input.code);
    this.codes.delete(input.code);
    if (!pending || pending.expiresAt < this.now())
      return { error: 'invalid_grant', description: 'unknown or expired code' } as const;
    if (pending.clientId !== input.clientId)
      return { error: 'invalid_client', description: 'the code was issued to another client' } as const;
    if (pending.redirectUri !== input.redirectUri)
      return { error: 'invalid_grant', description: 'redirect_uri does not match' } as const;
    if (s256(input.verifier) !== pending.challenge)
      return { error: 'invalid_grant', description: 'code_verifier does not match' } as const;
    return this.issueTokens(pending, token('family'));
  }

  /** The refresh grant; a rotated (already used) refresh token revokes every token of its family. */
  redeemRefresh(refreshToken: string, clientId: string) {
    const held = this.refresh.get(refreshToken);
    if (!held || held.clientId !== clientId || this.revokedFamilies.has(held.family))
      return { error: 'invalid_grant', description: 'unknown or revoked refresh token' } as const;
    if (held.used) {
      this.revokedFamilies.add(held.family);
      return { error: 'invalid_grant', description: 'refresh token reused' } as const;
    }
    this.refreshes += 1;
    if (this.options.rotate) held.used = true;
    const issued = this.issueTokens(held, held.family);
    if (!this.options.rotate) {
      this.refresh.delete(issued.refreshToken);
      return { ...issued, refreshToken };
    }
    return issued;
  }

  private issueTokens(grant: Grant, family: string) {
    const accessToken = token('at');
    const refreshToken = token('rt');
    const ttl = this.options.accessTtlSec;
    this.access.set(accessToken, { ...grant, family, expiresAt: this.now() + ttl * 1000 });
    this.refresh.set(refreshToken, { ...grant, family, used: false });
    return { accessToken, refreshToken, expiresIn: ttl, scopes: grant.scopes, subject: grant.subject };
  }

  /** The grant of a valid access token; `expired` or null (unknown, revoked). */
  check(accessToken: string | null): (Grant & { family: string }) | 'expired' | null {
    if (!accessToken) return null;
    const held = this.access.get(accessToken);
    if (!held || this.revokedFamilies.has(held.family)) return null;
    if (held.expiresAt <= this.now()) return 'expired';
    return held;
  }

  /** Ends every access token issued so far now (refresh tokens still work): the 401 mid-upload. */
  expireAccessTokens(): number {
    const now = this.now();
    let ended = 0;
    for (const held of this.access.values())
      if (held.expiresAt > now) {
        held.expiresAt = now;
        ended += 1;
      }
    return ended;
  }

  /** Revokes every token of an account (the user removed the app on the platform). */
  revokeSubject(subject: string): void {
    for (const held of this.access.values())
      if (held.subject === subject) this.revokedFamilies.add(held.family);
  }
}

/** A fixed-window limit per key: `take` answers whether one more call fits, else when to come back. */
export class RateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): { ok: true } | { ok: false; retryAfterSec: number } {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return { ok: true };
    }
    if (current.count < this.max) {
      current.count += 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil((current.start + this.windowMs - now) / 1000)) };
  }
}

/**
 * The platform's sign-in page, as a user who clicks "Allow" at once: a redirect to the app's
 * redirect URI with the code and the state, or with the error the platform would give.
 */
export function redirectWithCode(
  res: ServerResponse,
  params: URLSearchParams,
  outcome: { code: string } | { error: string },
): void {
  const redirect = params.get('redirect_uri');
  if (!redirect) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri is required' });
    return;
  }
  const target = new URL(redirect);
  if ('code' in outcome) target.searchParams.set('code', outcome.code);
  else target.searchParams.set('error', outcome.error);
  const state = params.get('state');
  if (state) target.searchParams.set('state', state);
  res.writeHead(302, { location: target.href });
  res.end();
}

/** Fault decisions for one fake, from its options and seed. */
export class Faults {
  private readonly random: () => number;
  /** The faults injected so far, by kind (for load tests' reports). */
  readonly injected = { 'server-error': 0, 'rate-limit': 0, drop: 0 };
  constructor(readonly options: FaultOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
  }
  /** Whether to answer this request with an injected fault, and which. */
  pick(kind: 'api' | 'upload'): 'server-error' | 'rate-limit' | 'drop' | null {
    const { serverErrorRate = 0, rateLimitRate = 0, dropRate = 0 } = this.options;
    const r = this.random();
    const fault =
      r < serverErrorRate
        ? 'server-error'
        : r < serverErrorRate + rateLimitRate
          ? 'rate-limit'
          : kind === 'upload' && r < serverErrorRate + rateLimitRate + dropRate
            ? 'drop'
            : null;
    if (fault) this.injected[fault] += 1;
    return fault;
  }
  chance(rate = 0): boolean {
    return this.random() < rate;
  }
  /** Answers an injected fault; true when it did (the caller stops there). */
  apply(fault: ReturnType<Faults['pick']>, res: ServerResponse): boolean {
    if (fault === 'server-error') {
      sendJson(res, 503, { error: { message: 'Service temporarily unavailable (injected)' } });
      return true;
    }
    if (fault === 'rate-limit') {
      sendJson(
        res,
        429,
        { error: { message: 'Too many requests (injected)' } },
        { 'retry-after': String(this.options.retryAfterSec ?? 1) },
      );
      return true;
    }
    if (fault === 'drop') {
      res.socket?.destroy();
      return true;
    }
    return false;
  }
}
