import { SETTING_DEFAULTS, type AppNotification, type PublishPlatform } from '@kirinuki/contracts';
import type {
  Clip,
  ConnectedAccount,
  PlatformLimits,
  Post,
  ProgressEvent,
  PublishRequest,
  Video,
} from '../../src/api/api-types.js';
import type { Host } from '../../src/app/gateways-context.js';
import { FakeClipsGateway, makeClip } from '../../src/test-support/fake-clips-gateway.js';
import { FAKE_LIMITS } from '../../src/test-support/fake-publishing.js';

// A host in the browser's memory for looking at Settings → Accounts and the publish panel: no
// server, no platform. Posts move on by themselves after a publish (one publishes, one uploads,
// one fails), as a real host reports them.

const AVATAR =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#ff0050"/><circle cx="20" cy="16" r="7" fill="#fff"/><rect x="9" y="26" width="22" height="10" rx="5" fill="#fff"/></svg>',
  );

const INSTAGRAM_REDIRECT = 'https://sync.kirinuki.example/oauth/instagram/callback';

const account = (id: string, platform: PublishPlatform, name: string, over: Partial<ConnectedAccount> = {}) =>
  ({
    id,
    platform,
    remoteId: `r-${id}`,
    name,
    avatarUrl: null,
    status: 'connected',
    tokenExpiresAt: null,
    connectedAt: '2026-11-20T09:30:00.000Z',
    ...over,
  }) as ConnectedAccount;

/** The unit tests' limits, with TikTok's audited app: it may post publicly too. */
const LIMITS: Record<PublishPlatform, PlatformLimits> = {
  ...FAKE_LIMITS,
  tiktok: {
    ...FAKE_LIMITS.tiktok,
    privacy: [{ choice: 'public', value: 'PUBLIC_TO_EVERYONE' }, ...FAKE_LIMITS.tiktok.privacy!],
  },
};

export function demoHost(options: {
  scenario: 'accounts' | 'publish' | 'notifications';
  videoUrl: string;
}): Host {
  const video = {
    id: 'v1',
    sha256: 'abc',
    title: 'Podcast episode 12 — 切り抜きの作り方',
    source: '/media/ep12.mp4',
    storage: 'copy',
    path: '/lib/v1/ep12.mp4',
    durationSec: 92,
    width: 320,
    height: 240,
    fps: 30,
    hasAudio: true,
    sizeBytes: 12_000_000,
    createdAt: '2026-11-28T09:30:00.000Z',
    availability: 'ok',
    status: 'ready',
  } as Video;
  const clips: Clip[] = [
    makeClip(0, {
      status: 'approved',
      start: 4,
      end: 31,
      duration: 27,
      title: 'Why short clips win',
      text: 'Short clips win because people decide in the first second whether to keep watching.',
      hashtags: ['shorts', 'podcast', '切り抜き'],
    }),
    makeClip(1, { title: 'The one tool I use every day', start: 35, end: 62, duration: 27 }),
    makeClip(2, { title: 'What I would do differently', start: 64, end: 90, duration: 26 }),
  ];
  const accounts: ConnectedAccount[] =
    options.scenario === 'accounts'
      ? [
          account('t1', 'tiktok', 'Kirinuki Clips', { avatarUrl: AVATAR }),
          account('y1', 'youtube', 'Kirinuki Channel', { status: 'reconnect' }),
          account('x1', 'x', '@kirinuki_app'),
        ]
      : [
          account('t1', 'tiktok', 'Kirinuki Clips', { avatarUrl: AVATAR }),
          account('y1', 'youtube', 'Kirinuki Channel'),
          account('x1', 'x', '@kirinuki_app'),
        ];
  const posts: Post[] = [];
  const listeners = new Set<(event: ProgressEvent) => void>();
  const emit = (event: ProgressEvent) => listeners.forEach((l) => l(event));
  const later = (ms: number, work: () => void) => setTimeout(work, ms);

  /** How each post moves on after a publish: TikTok goes out, YouTube uploads, X is refused. */
  const play = (post: Post) => {
    const job = (
      stage: string,
      status: ProgressEvent['status'],
      fraction: number | null,
      etaSec: number | null = null,
    ) => emit({ jobId: `${post.id}-${stage}`, videoId: post.videoId, stage, status, fraction, etaSec });
    later(150, () => job('post-render', 'running', 0.5, 3));
    later(400, () => job('post-render', 'done', 1));
    if (post.platform === 'tiktok')
      later(700, () => {
        // TikTok's API answers no address for a post: the row says where to find it.
        Object.assign(post, {
          status: 'published',
          remoteId: 'v_pub_file~v2.7312345678901234567',
          url: null,
        });
        job('publish', 'done', 1);
      });
    if (post.platform === 'youtube')
      later(700, () => {
        Object.assign(post, { status: 'uploading', bytesSent: 6_200_000, bytesTotal: 10_000_000 });
        job('publish', 'running', 0.62, 14);
      });
    if (post.platform === 'x')
      later(700, () => {
        Object.assign(post, {
          status: 'failed',
          error: {
            code: 'PLATFORM_REJECTED',
            message: 'X refused the post: "You are not allowed to create a Tweet with duplicate content."',
            hint: 'Change the post text (X refuses the same text twice), then retry.',
          },
        });
        emit({
          jobId: `${post.id}-publish`,
          videoId: post.videoId,
          stage: 'publish',
          status: 'failed',
          fraction: null,
          etaSec: null,
          message: 'X refused the post.',
          code: 'PLATFORM_REJECTED',
        });
      });
  };

  return {
    library: {
      list: async () => [video],
      timeline: async () => ({ durationSec: 92, transcribed: true, words: [], shots: [] }),
      importInput: async () => {
        throw new Error('not in the demo');
      },
      remove: async () => undefined,
    },
    clips: new FakeClipsGateway(clips),
    jobs: {
      subscribe: (onEvent) => {
        listeners.add(onEvent);
        return () => listeners.delete(onEvent);
      },
    },
    render: {
      renderApproved: async () => ({ jobId: 'render', clips: 1 }),
      renderClip: async (clipId) => ({ clipId, output: '', cover: '', srt: '' }),
      renderedFiles: async () => null,
    },
    settings: {
      get: async () => ({
        settings: {
          ...SETTING_DEFAULTS,
          'platforms.tiktok.clientId': 'awx8k2n4q7',
          'platforms.youtube.clientId': '1234-abcd.apps.googleusercontent.com',
          'platforms.instagram.clientId': '1029384756',
          'platforms.instagram.redirectUri': INSTAGRAM_REDIRECT,
        },
        secrets: { openaiApiKey: false },
      }),
      set: async () => undefined,
      setSecret: async () => undefined,
      health: async () => ({
        status: 'ok' as const,
        version: '0.1.0',
        node: '22',
        library: '/home/me/Kirinuki',
      }),
      system: async () => ({
        gpu: null,
        providers: ['cpu' as const],
        asr: {
          backend: 'local',
          model: 'whisper-tiny.en-int8',
          language: 'en',
          provider: 'cpu',
          reason: 'no GPU',
          threads: 0,
        },
        models: [],
      }),
      downloadModel: async () => undefined,
    },
    notifications: {
      // The app shows system notifications itself: the page shows none.
      hostShowsSystemNotifications: true,
      list: async () => ({
        notifications: options.scenario === 'notifications' ? demoNotifications(Date.now()) : [],
        unread: options.scenario === 'notifications' ? 3 : 0,
      }),
      markRead: async () => ({ unread: 0 }),
      claimShown: async () => false,
      subscribe: () => () => undefined,
    },
    desktop: {
      capabilities: async () => ({ chooseFolder: false, revealFile: false }),
      chooseFolder: async () => null,
      revealFile: async () => undefined,
    },
    accounts: {
      list: async () => accounts.map((a) => ({ ...a })),
      // A sign-in the desktop opened in the browser, waiting for the user there (or their paste).
      beginConnect: async (platform) => ({
        signInId: `s-${platform}`,
        platform,
        authorizeUrl: `https://${platform}.example/oauth/authorize`,
        receive: platform === 'instagram' ? 'paste' : 'loopback',
        redirectUri:
          platform === 'instagram' ? INSTAGRAM_REDIRECT : `http://127.0.0.1:53682/oauth/${platform}`,
        expiresAt: new Date(Date.now() + 300_000).toISOString(),
        opened: true,
      }),
      finishConnect: (_id, { signal }) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
      cancelConnect: async () => undefined,
      remove: async (id) =>
        void accounts.splice(
          accounts.findIndex((a) => a.id === id),
          1,
        ),
    },
    posts: {
      list: async () => posts.map((p) => ({ ...p })),
      limits: async (accountId) => LIMITS[accounts.find((a) => a.id === accountId)?.platform ?? 'x'],
      publish: async (request: PublishRequest) => {
        const made = request.to.map((platform, i) => {
          const post: Post = {
            id: `p${posts.length + i + 1}`,
            clipId: request.clipId,
            videoId: 'v1',
            platform,
            accountId: request.per?.[platform]?.accountId ?? '',
            status: 'queued',
            remoteId: null,
            url: null,
            error: null,
            draft: request.per?.[platform]?.draft ?? {},
            at: null,
            bytesSent: 0,
            bytesTotal: 0,
            createdAt: new Date().toISOString(),
            updatedAt: new Date().toISOString(),
          };
          return post;
        });
        posts.push(...made);
        made.forEach(play);
        return made.map((p) => ({ ...p }));
      },
      // The demo publishes now; it schedules nothing.
      schedule: async () => ({ posts: [], warnings: [] }),
      reschedule: async (id) => ({ ...posts.find((p) => p.id === id)! }),
      retry: async (id) => {
        const post = posts.find((p) => p.id === id)!;
        Object.assign(post, { status: 'queued', error: null });
        return { ...post };
      },
      cancel: async (id) => {
        const post = posts.find((p) => p.id === id)!;
        post.status = 'cancelled';
        return { ...post };
      },
      jobIds: async (post) => [`${post.id}-post-render`, `${post.id}-publish`],
    },
    media: { videoUrl: () => options.videoUrl, thumbnailUrl: () => '' },
    files: { pathForDroppedFile: async (file) => file.name },
  };
}

/** One notification of each kind, the newest three unread, for the notification centre's look. */
function demoNotifications(now: number): AppNotification[] {
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const base = {
    readAt: null,
    platform: null,
    postId: null,
    clipId: 'c0',
    accountId: null,
    url: null,
    error: null,
    expiresAt: null,
  };
  return [
    {
      ...base,
      id: 'n-published',
      kind: 'published',
      createdAt: ago(4),
      platform: 'youtube',
      postId: 'p1',
      url: 'https://youtube.com/shorts/abc123',
    },
    {
      ...base,
      id: 'n-failed',
      kind: 'failed',
      createdAt: ago(12),
      platform: 'x',
      postId: 'p2',
      error: {
        code: 'PLATFORM_REJECTED',
        message: 'X refused the post: "You are not allowed to create a Tweet with duplicate content."',
        hint: 'Change the post text (X refuses the same text twice), then retry.',
      },
    },
    {
      ...base,
      id: 'n-reconnect',
      kind: 'reconnect',
      createdAt: ago(50),
      platform: 'instagram',
      postId: 'p3',
      accountId: 'a-ig',
      error: {
        code: 'ACCOUNT_RECONNECT_NEEDED',
        message: 'Instagram no longer accepts this sign-in.',
        hint: 'Connect the account again in Settings → Accounts; the post goes out then.',
      },
    },
    {
      ...base,
      id: 'n-missed',
      kind: 'missed',
      createdAt: ago(180),
      readAt: ago(170),
      platform: 'tiktok',
      postId: 'p4',
      error: {
        code: 'POST_MISSED',
        message: 'The post was due 2 h ago, while Kirinuki was not running.',
        hint: 'Retry to publish it now.',
      },
    },
    {
      ...base,
      id: 'n-token',
      kind: 'token-expiring',
      createdAt: ago(26 * 60),
      readAt: ago(25 * 60),
      platform: 'tiktok',
      accountId: 'a-tt',
      expiresAt: new Date(now + 2 * 86_400_000).toISOString(),
    },
  ];
}
