import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Faults,
  RateLimit,
  readBody,
  sendJson,
  startFakeServer,
  type FakeServer,
  type FaultOptions,
} from './fake-kit.js';
import { graphError, InstagramAuthFake, LONG_LIVED_TTL_SEC, type HeldToken } from './instagram-fake-auth.js';
import {
  advanceProcessing,
  CONTAINER_TTL_MS,
  handleUpload,
  sha256,
  statusOf,
  type FakeContainer,
} from './instagram-fake-upload.js';
import {
  countHashtags,
  countMentions,
  isoSeconds,
  listMedia,
  mediaObject,
  numericId,
  pick,
  type FakeReel,
} from './instagram-fake-media.js';

export type { FakeReel } from './instagram-fake-media.js';

// A local Instagram (API with Instagram Login, Content Publishing for Reels) for tests and for
// KIRINUKI_PLATFORM_ORIGIN_INSTAGRAM: the authorize window, the token host, graph.instagram.com and
// the upload host on one loopback origin, real paths kept. It follows Meta's documents: containers
// (IN_PROGRESS → FINISHED | ERROR, EXPIRED after 24 h, PUBLISHED), the 24 h publishing quota
// (content_publishing_limit), 400 containers per 24 h, captions of at most 2,200 characters,
// 30 hashtags and 20 @ tags, Graph error bodies with code and subcode, BUC throttling.

export interface InstagramFakeOptions extends FaultOptions {
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs registered with the app; the authorize window takes only these, exactly. */
  redirectUris?: string[];
  userId?: string;
  username?: string;
  now?: () => number;
  /** API-published posts per 24 h (content_publishing_limit's quota_total; 100 today). */
  quotaTotal?: number;
  /** Containers one account may make per 24 h (400 in Meta's documents). */
  containersPerDay?: number;
  /** Status reads answered IN_PROGRESS after the last byte, before FINISHED (or ERROR). */
  processingPolls?: number;
  /** Graph calls per user per hour before code 4 (default 200). */
  callsPerHour?: number;
  tokenResponse?: 'documented' | 'flat';
  port?: number;
}

export interface InstagramFake extends FakeServer {
  userId: string;
  /** Reels published, oldest first: the exactly-once check. */
  posts: FakeReel[];
  containers: Map<string, FakeContainer>;
  auth: InstagramAuthFake;
  faults: Faults;
  counts: {
    containersCreated: number;
    uploadRequests: number;
    droppedUploads: number;
    publishCalls: number;
    statusReads: number;
    mediaListReads: number;
    throttled: number;
  };
  /** Test knobs, changed between calls. */
  knobs: { losePublishAnswers: number; approveSignIn: boolean; quotaTotal: number };
  /** A long-lived token as after a sign-in (`ageMs` old). */
  issueToken(options?: { ageMs?: number; ttlSec?: number; scopes?: string[] }): string;
  /** Ages a container past its 24 h. */
  expireContainer(id: string): void;
}

const MAX_CONTAINERS_PER_DAY = 400;
const DAY_MS = 24 * 3600_000;
export async function startInstagramFake(options: InstagramFakeOptions = {}): Promise<InstagramFake> {
  const now = options.now ?? Date.now;
  const userId = options.userId ?? '17841400000000001';
  const appScopedId = '9'.repeat(16);
  const knobs = { losePublishAnswers: 0, approveSignIn: true, quotaTotal: options.quotaTotal ?? 100 };
  const auth = new InstagramAuthFake({
    clientId: options.clientId ?? 'test-instagram-app',
    clientSecret: options.clientSecret ?? 'test-instagram-secret',
    redirectUris: options.redirectUris ?? ['https://sync.kirinuki.test/oauth/instagram/callback'],
    userId,
    now,
    longLivedTtlSec: options.accessTokenTtlSec ?? LONG_LIVED_TTL_SEC,
    tokenResponse: options.tokenResponse ?? 'documented',
    approve: () => knobs.approveSignIn,
  });
  const faults = new Faults(options);
  const limiter = new RateLimit(options.callsPerHour ?? 200, 3600_000, now);
  const containers = new Map<string, FakeContainer>();
  const posts: FakeReel[] = [];
  const counts: InstagramFake['counts'] = {
    containersCreated: 0,
    uploadRequests: 0,
    droppedUploads: 0,
    publishCalls: 0,
    statusReads: 0,
    mediaListReads: 0,
    throttled: 0,
  };
  const username = options.username ?? 'kirinuki.test';

  /** The token of a Graph request: a Bearer (or OAuth) header, else the access_token parameter. */
  function grantOf(req: IncomingMessage, params: URLSearchParams, res: ServerResponse): HeldToken | null {
    const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const held = auth.check(header ?? params.get('access_token'));
    if (held === 'invalid')
      graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    else if (held === 'expired')
      graphError(res, 400, 190, 'Error validating access token: Session has expired', { error_subcode: 463 });
    else return held;
    return null;
  }

  const mayPublish = (grant: HeldToken, res: ServerResponse) => {
    if (grant.scopes.includes('instagram_business_content_publish')) return true;
    graphError(
      res,
      403,
      10,
      'Application does not have permission for this action (instagram_business_content_publish)',
    );
    return false;
  };

  const postsInWindow = () => posts.filter((p) => now() - p.publishedAt < DAY_MS).length;

  function createContainer(res: ServerResponse, params: URLSearchParams, grant: HeldToken): void {
    if (!mayPublish(grant, res)) return;
    if (params.get('media_type') !== 'REELS')
      return graphError(res, 400, 100, 'This fake makes REELS containers only (media_type=REELS)');
    if (params.get('upload_type') !== 'resumable')
      return graphError(
        res,
        400,
        100,
        'This fake takes local files only (upload_type=resumable), not video_url',
      );
    const caption = params.get('caption') ?? '';
    if ([...caption].length > 2200)
      return graphError(res, 400, 100, 'The caption is longer than 2,200 characters');
    if (countHashtags(caption) > 30)
      return graphError(res, 400, 100, 'The caption has more than 30 hashtags');
    if (countMentions(caption) > 20)
      return graphError(res, 400, 100, 'The caption tags more than 20 accounts');
    const recent = [...containers.values()].filter((c) => now() - c.createdAt < DAY_MS).length;
    if (recent >= (options.containersPerDay ?? MAX_CONTAINERS_PER_DAY))
      return graphError(res, 400, 9, `The account made ${recent} containers in 24 hours`, {
        error_subcode: 2207042,
      });
    const id = numericId();
    counts.containersCreated += 1;
    containers.set(id, {
      id,
      ownerId: grant.userId,
      caption,
      shareToFeed: params.get('share_to_feed') !== 'false',
      createdAt: now(),
      status: 'IN_PROGRESS',
      fileSize: null,
      bytes: Buffer.alloc(0),
      held: 0,
      processingLeft: 0,
      failure: null,
      mediaId: null,
    });
    sendJson(res, 200, { id, uri: `https://rupload.facebook.com/ig-api-upload/${versionSeen}/${id}` });
  }

  function publish(
    req: IncomingMessage,
    res: ServerResponse,
    params: URLSearchParams,
    grant: HeldToken,
  ): void {
    counts.publishCalls += 1;
    if (!mayPublish(grant, res)) return;
    const container = containers.get(params.get('creation_id') ?? '');
    if (!container || container.ownerId !== grant.userId)
      return graphError(res, 400, 100, 'Invalid parameter: creation_id is not a container of this account');
    const status = statusOf(container, now());
    if (status === 'EXPIRED')
      return graphError(res, 400, -2, 'The media you are trying to access has expired', {
        error_subcode: 2207020,
      });
    if (status === 'PUBLISHED') return graphError(res, 400, 100, 'This container is already published');
    if (status !== 'FINISHED')
      return graphError(res, 400, 9007, 'Media ID is not available: the media is not ready for publishing', {
        error_subcode: 2207027,
      });
    if (postsInWindow() >= knobs.quotaTotal)
      return graphError(
        res,
        400,
        9,
        'You reached maximum number of posts allowed to be published by Content Publishing API',
        {
          error_subcode: 2207042,
        },
      );
    const id = numericId();
    const shortcode = randomBytes(8).toString('base64url');
    container.status = 'PUBLISHED';
    container.mediaId = id;
    posts.push({
      id,
      containerId: container.id,
      caption: container.caption,
      sha256: sha256(container.bytes),
      size: container.bytes.length,
      timestamp: isoSeconds(now()),
      permalink: `https://www.instagram.com/reel/${shortcode}/`,
      publishedAt: now(),
    });
    if (knobs.losePublishAnswers > 0) {
      knobs.losePublishAnswers -= 1;
      req.socket.destroy(); // the reel is live; its answer never arrives
      return;
    }
    sendJson(res, 200, { id });
  }

  let versionSeen = 'v26.0';

  async function graph(req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]): Promise<void> {
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      const body = (await readBody(req)).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const extra = type.includes('json')
        ? new URLSearchParams(Object.entries(JSON.parse(body || '{}') as Record<string, string>))
        : new URLSearchParams(body);
      for (const [key, value] of extra) params.set(key, value);
    }
    if (faults.apply(faults.pick('api'), res)) return;
    const grant = grantOf(req, params, res);
    if (!grant) return;
    const taken = limiter.take(grant.userId);
    if (!taken.ok) {
      counts.throttled += 1;
      const usage = {
        [grant.userId]: [
          {
            type: 'instagram',
            call_count: 100,
            estimated_time_to_regain_access: Math.ceil(taken.retryAfterSec / 60),
          },
        ],
      };
      return graphError(
        res,
        400,
        4,
        'Application request limit reached',
        { is_transient: true },
        {
          'x-business-use-case-usage': JSON.stringify(usage),
        },
      );
    }
    versionSeen = parts[0]!;
    const [, node = '', edge] = parts;
    const self = node === 'me' || node === grant.userId;
    if (req.method === 'GET' && node === 'me' && !edge)
      return sendJson(res, 200, {
        ...pick(
          {
            id: appScopedId,
            user_id: grant.userId,
            username,
            profile_picture_url: `https://cdn.test/${username}.jpg`,
          },
          params.get('fields'),
        ),
      });
    if (self && edge === 'content_publishing_limit' && req.method === 'GET')
      return sendJson(res, 200, {
        data: [
          pick(
            {
              quota_usage: postsInWindow(),
              config: { quota_total: knobs.quotaTotal, quota_duration: 86400 },
            },
            params.get('fields'),
          ),
        ],
      });
    if (self && edge === 'media' && req.method === 'POST') return createContainer(res, params, grant);
    if (self && edge === 'media' && req.method === 'GET') {
      counts.mediaListReads += 1;
      return listMedia(res, params, posts, { userId: grant.userId, version: versionSeen });
    }
    if (self && edge === 'media_publish' && req.method === 'POST') return publish(req, res, params, grant);
    if (req.method === 'GET' && !edge) {
      const container = containers.get(node);
      if (container && container.ownerId === grant.userId) {
        counts.statusReads += 1;
        const code = advanceProcessing(container, now());
        const status =
          code === 'ERROR'
            ? container.failure
            : code === 'FINISHED'
              ? 'Finished: Media has been uploaded and it is ready to be published.'
              : code;
        return sendJson(
          res,
          200,
          pick({ id: container.id, status_code: code, status }, params.get('fields')),
        );
      }
      const reel = posts.find((p) => p.id === node);
      if (reel) return sendJson(res, 200, pick(mediaObject(reel), params.get('fields')));
    }
    graphError(res, 400, 100, `Unsupported ${req.method} request. Object with ID '${node}' does not exist`, {
      error_subcode: 33,
    });
  }

  const server = await startFakeServer(async (req, res, url) => {
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/oauth/authorize') return auth.authorize(res, url.searchParams);
    if (method === 'POST' && url.pathname === '/oauth/access_token') return auth.redeem(req, res);
    if (method === 'GET' && url.pathname === '/access_token') return auth.exchange(res, url.searchParams);
    if (method === 'GET' && url.pathname === '/refresh_access_token')
      return auth.refresh(res, url.searchParams);
    if (
      method === 'POST' &&
      parts[0] === 'ig-api-upload' &&
      parts.length === 3 &&
      /^v\d+\.\d+$/.test(parts[1]!)
    )
      return handleUpload(
        { auth, containers, faults, now, processingPolls: options.processingPolls ?? 2, counts },
        req,
        res,
        parts[2]!,
      );
    if (parts.length >= 2 && /^v\d+\.\d+$/.test(parts[0]!)) return graph(req, res, url, parts);
    graphError(res, 404, 100, `Unknown path ${url.pathname}`);
  }, options.port);

  return {
    ...server,
    userId,
    posts,
    containers,
    auth,
    faults,
    counts,
    knobs,
    issueToken: (o) => auth.issue('long', o),
    expireContainer(id) {
      const container = containers.get(id);
      if (container) container.createdAt = now() - CONTAINER_TTL_MS;
    },
  };
}
