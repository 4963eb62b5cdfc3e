import type { Hash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type FaultOptions,
  type Faults,
  type Grant,
  type OAuthFake,
  RateLimit,
  sendJson,
} from './fake-kit.js';

// What the X fake's parts share: its options, its state (what tests read), X's error bodies and
// its rate limits. X's contract: docs.x.com x-api/media (chunked upload), x-api/posts, rate-limits.

export interface XFakeUser {
  id: string;
  username: string;
  name: string;
}

export interface XFakeOptions extends FaultOptions {
  /** The registered app: confidential when it has a secret (HTTP Basic at the token endpoint). */
  clientId?: string;
  clientSecret?: string | null;
  /** More registered apps, e.g. a public and a confidential one. */
  clients?: Array<{ clientId: string; clientSecret?: string | null }>;
  /** The app's callback allowlist, matched exactly (default http://127.0.0.1:8765/callback). */
  redirectUris?: string[];
  /** The account that "allows" the app at the authorize page. */
  user?: XFakeUser;
  /** The fake's clock (tests share one with the client so waits cost no real time). */
  now?: () => number;
  /** POST /2/tweets per user per 15 minutes (default 100, X's limit). */
  postsPerWindow?: number;
  /** Every other endpoint's per-user limit per 15 minutes raised to this (a bench's load), else X's. */
  requestsPerWindow?: number;
  /** How long processing a video takes, ms (default 3000). */
  processingMs?: number;
  /** The check_after_secs STATUS answers with (default 1). */
  checkAfterSecs?: number;
  /** Seconds a media id lives (default 86400, as X answers for tweet_video). */
  mediaTtlSec?: number;
  /** The next N answers of POST /2/tweets are lost after the post was made (the connection drops). */
  loseTweetAnswers?: number;
  /** A made post shows in the author's timeline this long after it was made, ms (default 0). */
  timelineLagMs?: number;
  port?: number;
}

export interface XFakeMedia {
  id: string;
  key: string;
  ownerId: string;
  totalBytes: number;
  category: string;
  segments: Map<number, Buffer>;
  /**
   * The hash of segments 0…hashedThrough-1, taken as they arrive in order (a server hashes while
   * it receives); null once a hashed segment was replaced by other bytes (FINALIZE hashes anew).
   */
  running: { hash: Hash; hashedThrough: number } | null;
  expiresAt: number;
  finalizedAt: number | null;
  /** Processing of this media ends in `failed` (decided at FINALIZE by processingFailureRate). */
  fails: boolean;
  sha256: string | null;
  /** STATUS asked before this time is a poll that did not wait check_after_secs. */
  nextCheckAt: number;
}

export interface XFakePost {
  id: string;
  text: string;
  authorId: string;
  mediaIds: string[];
  mediaKeys: string[];
  createdAt: number;
  /** sha256 (hex) and size of the posted video's bytes, as assembled from its segments. */
  sha256: string;
  size: number;
}

export interface XFakeState {
  posts: XFakePost[];
  media: Map<string, XFakeMedia>;
  /** Requests past auth and rate limits, per route (`append`: segments stored), for exactly-once checks. */
  counts: {
    authorize: number;
    token: number;
    usersMe: number;
    initialize: number;
    append: number;
    finalize: number;
    status: number;
    tweets: number;
    timeline: number;
  };
  /** Requests that came before the reset of a 429 they had been given: a client not honouring it. */
  rateLimitViolations: number;
  /** STATUS polls that came before check_after_secs had passed. */
  earlyStatusPolls: number;
  /** Faults the fake injected, by kind (`drop`: after the segment landed; `dropMidSegment`: before). */
  injected: {
    serverError: number;
    rateLimit: number;
    drop: number;
    dropMidSegment: number;
    processingFailure: number;
    lostAnswer: number;
  };
}

export interface XFakeContext {
  options: XFakeOptions;
  state: XFakeState;
  faults: Faults;
  oauth: OAuthFake;
  now: () => number;
  users: Map<string, XFakeUser>;
  limits: XRateLimits;
  nextId(): string;
  /** Called when a post is made, before it is answered (tests abort or kill here). */
  onPostCreated?: ((post: XFakePost) => void) | undefined;
}

/** An RFC 7807 problem as X sends it. */
export function sendProblem(
  res: ServerResponse,
  status: number,
  detail: string,
  extra: { title?: string; type?: string; errors?: unknown[]; headers?: Record<string, string> } = {},
): void {
  const title =
    extra.title ??
    (
      { 400: 'Invalid Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found Error' } as Record<
        number,
        string
      >
    )[status] ??
    'Error';
  const type =
    extra.type ??
    (status === 400
      ? 'https://api.x.com/2/problems/invalid-request'
      : status === 404
        ? 'https://api.x.com/2/problems/resource-not-found'
        : 'about:blank');
  sendJson(
    res,
    status,
    { title, detail, type, status, ...(extra.errors ? { errors: extra.errors } : {}) },
    extra.headers,
  );
}

/** 400 with X's invalid-request body: `errors[].message` names the parameter. */
export const sendInvalid = (res: ServerResponse, message: string) =>
  sendProblem(res, 400, 'One or more parameters to your request was invalid.', { errors: [{ message }] });

/** Per-user limits of the endpoints a publish uses, per 15 minutes (rate-limits table). */
export type XEndpoint = 'tweets' | 'usersMe' | 'timeline' | 'initialize' | 'append' | 'finalize' | 'status';

export class XRateLimits {
  private readonly limits: Record<XEndpoint, RateLimit>;
  private readonly max: Record<XEndpoint, number>;
  /** When each refused key may come back (epoch ms). */
  private readonly refusedUntil = new Map<string, number>();

  constructor(
    private readonly context: {
      now: () => number;
      state: XFakeState;
      postsPerWindow: number;
      requestsPerWindow?: number | undefined;
    },
  ) {
    const other = (documented: number) => context.requestsPerWindow ?? documented;
    this.max = {
      tweets: context.postsPerWindow,
      usersMe: other(75),
      timeline: other(900),
      initialize: other(1875),
      append: other(1875),
      finalize: other(1875),
      status: other(1000),
    };
    const entries = Object.entries(this.max).map(([endpoint, max]) => [
      endpoint,
      new RateLimit(max, 15 * 60_000, context.now),
    ]);
    this.limits = Object.fromEntries(entries) as Record<XEndpoint, RateLimit>;
  }

  /** True when the request may go on; otherwise it was answered 429 with x-rate-limit-reset. */
  admit(res: ServerResponse, grant: Grant, endpoint: XEndpoint): boolean {
    const key = `${grant.subject}:${endpoint}`;
    const now = this.context.now();
    const until = this.refusedUntil.get(key) ?? 0;
    if (now < until) {
      this.context.state.rateLimitViolations += 1;
      this.refuse(res, until, this.max[endpoint]);
      return false;
    }
    const taken = this.limits[endpoint].take(key);
    if (taken.ok) return true;
    this.refuseFor(res, grant, endpoint, taken.retryAfterSec);
    return false;
  }

  /** The user's `endpoint` refused until `until` (epoch ms), as when its limit is used up. */
  refuseUntil(userId: string, endpoint: XEndpoint, until: number): void {
    this.refusedUntil.set(`${userId}:${endpoint}`, until);
  }

  /** A 429 for this key until `seconds` from now (a real limit, or an injected one). */
  refuseFor(res: ServerResponse, grant: Grant, endpoint: XEndpoint, seconds: number): void {
    const until = this.context.now() + seconds * 1000;
    this.refusedUntil.set(`${grant.subject}:${endpoint}`, until);
    this.refuse(res, until, this.max[endpoint]);
  }

  private refuse(res: ServerResponse, until: number, limit: number): void {
    sendProblem(res, 429, 'Too Many Requests', {
      title: 'Too Many Requests',
      headers: {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.ceil(until / 1000)),
      },
    });
  }
}
