import { vi } from 'vitest';
import type { PublishPlatform } from '@kirinuki/contracts';
import type {
  ConnectedAccount,
  PlatformLimits,
  Post,
  PublishRequest,
  ScheduleRequest,
  SignInStarted,
} from '../api/api-types.js';
import type { DeveloperApp } from '../api/gateways.js';

export function makeAccount(id: string, platform: PublishPlatform, over: Partial<ConnectedAccount> = {}) {
  return {
    id,
    platform,
    remoteId: `remote-${id}`,
    name: `${platform} user ${id}`,
    avatarUrl: null,
    status: 'connected',
    tokenExpiresAt: null,
    connectedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  } satisfies ConnectedAccount as ConnectedAccount;
}

/** An error as tRPC carries a host's UserFacingError. */
export function hostProblem(code: string, message: string, hint?: string) {
  return Object.assign(new Error(message), {
    data: { kirinuki: { code, message, ...(hint ? { hint } : {}) } },
  });
}

export function makePost(id: string, platform: PublishPlatform, over: Partial<Post> = {}): Post {
  return {
    id,
    clipId: 'c1',
    videoId: 'v1',
    platform,
    accountId: `a-${platform}`,
    status: 'queued',
    remoteId: null,
    url: null,
    error: null,
    draft: {},
    at: null,
    bytesSent: 0,
    bytesTotal: 0,
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  };
}

/** What each platform's fake says it accepts (TikTok as an unaudited app: friends and only me). */
export const FAKE_LIMITS: Record<PublishPlatform, PlatformLimits> = {
  tiktok: {
    privacy: [
      { choice: 'friends', value: 'MUTUAL_FOLLOW_FRIENDS' },
      { choice: 'private', value: 'SELF_ONLY' },
    ],
    maxDurationSec: 600,
    maxSizeBytes: 4 * 1024 ** 3,
    commentsDisabled: false,
    duetDisabled: true,
    stitchDisabled: false,
    creatorName: 'kirinuki.clips',
  },
  youtube: {
    privacy: [
      { choice: 'public', value: 'public' },
      { choice: 'unlisted', value: 'unlisted' },
      { choice: 'private', value: 'private' },
    ],
    maxDurationSec: 180,
    maxSizeBytes: 256 * 1024 ** 3,
  },
  x: { privacy: null, maxDurationSec: 140, maxSizeBytes: 512 * 1024 ** 2 },
  instagram: {
    privacy: null,
    maxDurationSec: 900,
    maxSizeBytes: 1024 ** 3,
    quota: { used: 3, total: 100, windowSec: 86_400 },
  },
};

/** Accounts and posts in memory: publish records one post per platform, once per idempotency key. */
export function fakePublishing(options: { accounts?: ConnectedAccount[] } = {}) {
  const accounts = [...(options.accounts ?? [])];
  const posts: Post[] = [];
  const byKey = new Map<string, Post>();
  const accountOf = (id: string) => accounts.find((a) => a.id === id);
  const signIns = new Map<string, SignInStarted>();
  return {
    accounts,
    posts,
    signIns,
    gateways: {
      accounts: {
        list: vi.fn(async () => accounts.map((a) => ({ ...a }))),
        beginConnect: vi.fn(
          async (platform: PublishPlatform, _app: DeveloperApp & { redirectUri?: string }) => {
            const signIn: SignInStarted = {
              signInId: `s${signIns.size + 1}`,
              platform,
              authorizeUrl: `https://${platform}.example/oauth/authorize?state=s${signIns.size + 1}`,
              receive: platform === 'instagram' ? 'paste' : 'loopback',
              redirectUri:
                platform === 'instagram'
                  ? 'https://sync.example/oauth/instagram'
                  : `http://127.0.0.1:5555/oauth/${platform}`,
              expiresAt: '2026-11-28T10:05:00.000Z',
              opened: false,
            };
            signIns.set(signIn.signInId, signIn);
            return signIn;
          },
        ),
        /** Connects at once (the browser came back); a paste must start with the redirect. */
        finishConnect: vi.fn(
          async (
            signInId: string,
            options: { redirectedUrl?: string; signal?: AbortSignal },
          ): Promise<ConnectedAccount> => {
            const signIn = signIns.get(signInId);
            if (!signIn) throw new Error(`no sign-in ${signInId}`);
            if (signIn.receive === 'paste' && !options.redirectedUrl?.startsWith(signIn.redirectUri))
              throw Object.assign(new Error('That is not the address the sign-in sent you to.'), {
                data: {
                  kirinuki: {
                    code: 'SIGN_IN_FAILED',
                    message: 'That is not the address the sign-in sent you to.',
                  },
                },
              });
            signIns.delete(signInId);
            const account = makeAccount(`a${accounts.length + 1}`, signIn.platform, { name: 'New account' });
            accounts.push(account);
            return account;
          },
        ),
        cancelConnect: vi.fn(async (signInId: string) => void signIns.delete(signInId)),
        remove: vi.fn(async (id: string) => {
          const index = accounts.findIndex((a) => a.id === id);
          if (index >= 0) accounts.splice(index, 1);
        }),
      },
      posts: {
        list: vi.fn(async (_filter: { clipId?: string }) => posts.map((p) => ({ ...p }))),
        limits: vi.fn(async (accountId: string) => FAKE_LIMITS[accountOf(accountId)?.platform ?? 'x']),
        publish: vi.fn(async (request: PublishRequest) => {
          const made: Post[] = [];
          for (const platform of request.to) {
            const key = `${request.idempotencyKey ?? Math.random()}:${platform}`;
            let post = byKey.get(key);
            if (!post) {
              post = makePost(`p${posts.length + 1}`, platform, {
                clipId: request.clipId,
                accountId: request.per?.[platform]?.accountId ?? request.accountId ?? '',
                draft: { ...request.draft, ...request.per?.[platform]?.draft },
              });
              byKey.set(key, post);
              posts.push(post);
            }
            made.push({ ...post });
          }
          return made;
        }),
        /** Schedules like the host: a time in the past is refused (TIME_IN_PAST), each platform one post. */
        schedule: vi.fn(async (request: ScheduleRequest) => {
          if (Date.parse(request.at) <= Date.now())
            throw hostProblem('TIME_IN_PAST', 'That time has passed.');
          const made = request.to.map((platform) => {
            const post = makePost(`p${posts.length + 1}`, platform, {
              clipId: request.clipId,
              status: 'scheduled',
              at: new Date(Date.parse(request.at)).toISOString(),
              accountId: request.per?.[platform]?.accountId ?? request.accountId ?? '',
              draft: { ...request.draft, ...request.per?.[platform]?.draft },
            });
            posts.push(post);
            return { ...post };
          });
          return { posts: made, warnings: [] as string[] };
        }),
        /** Moves a scheduled post (the host's rules: only a scheduled post, never into the past). */
        reschedule: vi.fn(async (id: string, at: string) => {
          const post = posts.find((p) => p.id === id)!;
          if (post.status !== 'scheduled')
            throw hostProblem('POST_NOT_SCHEDULED', `Post ${id} is ${post.status}, not scheduled.`);
          if (Date.parse(at) <= Date.now()) throw hostProblem('TIME_IN_PAST', 'That time has passed.');
          post.at = new Date(Date.parse(at)).toISOString();
          return { ...post };
        }),
        retry: vi.fn(async (id: string) => {
          const post = posts.find((p) => p.id === id)!;
          Object.assign(post, { status: 'queued', error: null });
          return { ...post };
        }),
        cancel: vi.fn(async (id: string) => {
          const post = posts.find((p) => p.id === id)!;
          post.status = 'cancelled';
          return { ...post };
        }),
        jobIds: vi.fn(async (post: Pick<Post, 'id' | 'videoId'>) => [
          `${post.id}-render`,
          `${post.id}-publish`,
        ]),
      },
    },
  };
}
