import type { PublishPlatform } from '@kirinuki/contracts';
import { startInstagramFake, type InstagramFake } from '@kirinuki/social/fakes/instagram-fake';
import { startTikTokFake, type TikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { startXFake, type XFake } from '@kirinuki/social/fakes/x-fake';
import { startYouTubeFake, type YouTubeFake } from '@kirinuki/social/fakes/youtube-fake';

export const BENCH_APPS = {
  tiktok: { clientId: 'bench-tiktok', clientSecret: 'bench-tiktok-secret' },
  instagram: { clientId: 'bench-instagram', clientSecret: 'bench-instagram-secret' },
  youtube: { clientId: 'bench-youtube', clientSecret: 'bench-youtube-secret' },
  x: { clientId: 'bench-x', clientSecret: 'bench-x-secret' },
} satisfies Record<PublishPlatform, { clientId: string; clientSecret: string }>;
export const INSTAGRAM_REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';

/** A post as a fake holds it: its text (caption, description or post text), its bytes' hash, its ids. */
export interface RemotePost {
  text: string;
  sha256: string;
  ids: string[];
}

export interface BenchFakes {
  tiktok: TikTokFake;
  instagram: InstagramFake;
  youtube: YouTubeFake;
  x: XFake;
  postsOf(platform: PublishPlatform): RemotePost[];
  /** Ends every access token the fakes with refresh tokens issued (TikTok, YouTube, X): the next call is a 401. */
  expireTokens(): number;
  faultCounts(): string;
  describe(): string;
  close(): Promise<void>;
}

/**
 * The four fakes with faults at `faults` of requests (5xx, 429 with Retry-After, dropped uploads)
 * and their pacing raised so 1,000 posts of one account each fit in one run (none of the fakes'
 * documented per-account limits applies; the report says which were raised).
 */
export async function startBenchFakes(options: { faults: number; seed: number }): Promise<BenchFakes> {
  const faults = (salt: number) => ({
    serverErrorRate: options.faults,
    dropRate: options.faults,
    rateLimitRate: options.faults / 2,
    retryAfterSec: 1,
    seed: options.seed * 31 + salt,
  });
  const many = 1_000_000;
  const tiktok = await startTikTokFake({
    ...BENCH_APPS.tiktok,
    ...faults(1),
    processingPolls: 0,
    ratePerMinute: { creatorInfo: many, init: many, status: many },
  });
  const instagram = await startInstagramFake({
    ...BENCH_APPS.instagram,
    ...faults(2),
    redirectUris: [INSTAGRAM_REDIRECT],
    processingPolls: 0,
    quotaTotal: many,
    containersPerDay: many,
    callsPerHour: many,
  });
  const youtube = await startYouTubeFake({
    ...BENCH_APPS.youtube,
    ...faults(3),
    dailyQuota: 1e12,
    uploadsPerDay: many,
    requestsPerMinute: many,
  });
  const x = await startXFake({
    ...BENCH_APPS.x,
    ...faults(4),
    postsPerWindow: many,
    requestsPerWindow: many,
    processingMs: 100,
  });
  const all = { tiktok, instagram, youtube, x };
  return {
    ...all,
    postsOf: (platform) => {
      if (platform === 'tiktok')
        return tiktok.posts
          .filter((p) => p.status === 'published')
          .map((p) => ({ text: p.title, sha256: p.sha256, ids: [p.publishId, p.postId].filter(Boolean) }));
      if (platform === 'instagram')
        return instagram.posts.map((p) => ({ text: p.caption, sha256: p.sha256, ids: [p.id] }));
      if (platform === 'youtube')
        return youtube.posts.map((p) => ({ text: p.description, sha256: p.sha256, ids: [p.id] }));
      return x.posts.map((p) => ({ text: p.text, sha256: p.sha256, ids: [p.id] }));
    },
    expireTokens: () =>
      tiktok.oauth.expireAccessTokens() + youtube.oauth.expireAccessTokens() + x.oauth.expireAccessTokens(),
    faultCounts: () =>
      Object.entries(all)
        .map(([id, fake]) => {
          const n = fake.faults.injected;
          return `${id} ${n['server-error']} 5xx / ${n['rate-limit']} 429 / ${n.drop} drops`;
        })
        .join('; '),
    describe: () =>
      `${Object.entries(all)
        .map(([id, fake]) => `${id} ${fake.origin}`)
        .join(', ')}; faults ${options.faults * 100}% 5xx, ${options.faults * 100}% drops (uploads), ` +
      `${(options.faults * 50).toFixed(1)}% 429 (Retry-After 1 s); pacing raised: TikTok per-minute ` +
      `limits, Instagram's 100 posts/24 h, 400 containers/24 h and 200 calls/h, YouTube's daily quota and uploads, X's 100 posts/15 min and its per-endpoint limits per 15 min (1,000 media STATUS, 1,875 media INIT/APPEND/FINALIZE, 75 users/me, 900 timeline)`,
    close: async () => {
      await Promise.all(Object.values(all).map((f) => f.close()));
    },
  };
}
