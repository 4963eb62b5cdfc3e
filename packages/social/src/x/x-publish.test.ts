import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { xRequest } from './x-http.js';
import {
  postFor,
  publishContext,
  signIn,
  testVideo,
  tokenStore,
  xWorld,
  type TestVideo,
  type XWorld,
} from './test-support/x-harness.js';

// 10,000,000 bytes: three segments of 4.75 MiB, 4.75 MiB and the rest.
const SIZE = 10_000_000;
let video: TestVideo & { dispose(): Promise<void> };
let world: XWorld | null = null;

beforeAll(async () => {
  video = await testVideo(SIZE);
});
afterAll(() => video.dispose());
afterEach(async () => {
  await world?.close();
  world = null;
});

async function publishOnce(options: Parameters<typeof xWorld>[0] = {}, text = 'A clip from the talk') {
  world = await xWorld(options);
  const store = tokenStore(world, await signIn(world));
  const { context, record } = publishContext(store, video);
  const result = await world.client.publish(postFor(world.client, text), context);
  return { world, store, record, result };
}

describe('X publish against the fake', () => {
  it('takes the user saved at sign-in (no /2/users/me per post: it allows 75 calls per 15 minutes)', async () => {
    world = await xWorld();
    const tokens = await signIn(world);
    expect(tokens.extra).toEqual({ user_id: '1790000000000000001', username: 'kirinuki_dev' });
    const store = tokenStore(world, tokens);
    const before = world.fake.counts.usersMe;
    for (const text of ['First post', 'Second post', 'Third post']) {
      const { context } = publishContext(store, video);
      await world.client.publish(postFor(world.client, text), context);
    }
    expect(world.fake.posts).toHaveLength(3);
    expect(world.fake.counts.usersMe).toBe(before);
    // A sign-in saved before users were kept asks once per post.
    const older = tokenStore(world, { ...tokens, extra: {} });
    const { context } = publishContext(older, video);
    const result = await world.client.publish(postFor(world.client, 'Fourth post'), context);
    expect(result.url).toContain('/kirinuki_dev/status/');
    expect(world.fake.counts.usersMe).toBe(before + 1);
  });

  it('uploads in order, waits for processing as told, posts once, and reports progress', async () => {
    const { world, record, result } = await publishOnce();
    const { fake } = world;
    expect(fake.posts).toHaveLength(1);
    const [post] = fake.posts;
    expect(post).toMatchObject({ text: 'A clip from the talk', size: SIZE, sha256: video.sha256 });
    expect(result).toEqual({
      remoteId: post!.id,
      url: `https://x.com/kirinuki_dev/status/${post!.id}`,
      status: 'published',
    });
    expect(fake.counts).toMatchObject({ initialize: 1, append: 3, finalize: 1, tweets: 1, timeline: 0 });
    expect(fake.earlyStatusPolls).toBe(0);
    expect(record.states.map((s) => s.step)).toEqual([
      'uploading',
      'uploading',
      'uploading',
      'uploading',
      'finalizing',
      'processing',
      'ready',
      'posting',
      'published',
    ]);
    expect(record.states.map((s) => s.segmentsAcked).slice(0, 4)).toEqual([0, 1, 2, 3]);
    const sent = record.progress.filter((p) => p.stage === 'uploading').map((p) => p.bytesSent);
    expect(sent).toEqual([0, 4_980_736, 9_961_472, SIZE]);
    expect(new Set(record.progress.map((p) => p.stage))).toEqual(
      new Set(['uploading', 'processing', 'publishing']),
    );
    expect(record.progress.every((p) => p.bytesTotal === SIZE)).toBe(true);
  });

  it.each([
    ['5xx', { serverErrorRate: 0.35 }, 'serverError'],
    ['connections dropped mid-segment', { dropRate: 0.6 }, 'dropMidSegment'],
    ['connections dropped after the segment landed', { dropRate: 0.6 }, 'drop'],
    ['429 with x-rate-limit-reset', { rateLimitRate: 0.3, retryAfterSec: 7 }, 'rateLimit'],
  ] as const)('survives %s: one post, its bytes intact', async (_name, faults, kind) => {
    const { world } = await publishOnce({ ...faults, seed: 7 });
    const { fake } = world;
    expect(fake.injected[kind]).toBeGreaterThan(0);
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.sha256).toBe(video.sha256);
    expect(fake.rateLimitViolations).toBe(0);
    if (kind === 'rateLimit') expect(world.clock.waits.filter((ms) => ms >= 7000).length).toBeGreaterThan(0);
  });

  it.each([1, 2, 3, 4, 5])('exactly one post under every fault at once (seed %i)', async (seed) => {
    const { world } = await publishOnce({
      seed,
      serverErrorRate: 0.15,
      dropRate: 0.2,
      rateLimitRate: 0.1,
      loseTweetAnswers: 1,
    });
    expect(world.fake.posts).toHaveLength(1);
    expect(world.fake.posts[0]!.sha256).toBe(video.sha256);
    expect(world.fake.rateLimitViolations).toBe(0);
    expect(world.fake.earlyStatusPolls).toBe(0);
  });

  it('fails with X’s reason when processing fails, and leaves a state that starts over', async () => {
    world = await xWorld({ processingFailureRate: 1 });
    const store = tokenStore(world, await signIn(world));
    const { context, record } = publishContext(store, video);
    const error = await world.client.publish(postFor(world.client, 'Broken video'), context).catch((e) => e);
    expect(error).toMatchObject({ code: 'PLATFORM_REJECTED' });
    expect(error.message).toContain('InvalidMedia: Unsupported video format');
    expect(world.fake.posts).toHaveLength(0);
    expect(record.states.at(-1)).toEqual({ step: 'new' });
  });

  it('takes a fresh token when the one in hand expires mid-upload (401), and goes on', async () => {
    world = await xWorld();
    const w = world;
    const store = tokenStore(w, await signIn(w));
    let expired = false;
    const { context } = publishContext(store, video, {
      onProgress: (p) => {
        // After the first segment: two hours and a bit pass; the host does not know yet.
        if (!expired && p.stage === 'uploading' && p.bytesSent > 0) {
          expired = true;
          w.clock.advance(7201_000);
          store.tokens = { ...store.tokens, expiresAt: null };
        }
      },
    });
    await w.client.publish(postFor(w.client, 'Token expires mid-upload'), context);
    expect(store.refreshes).toBe(1);
    expect(w.fake.oauth.refreshes).toBe(1);
    expect(w.fake.posts).toHaveLength(1);
    expect(w.fake.posts[0]!.sha256).toBe(video.sha256);
  });

  it('honours the 100-posts-per-15-minutes limit: hands the post back until the reset instead of asking early, its media kept', async () => {
    world = await xWorld({ postsPerWindow: 2 });
    const w = world;
    const store = tokenStore(w, await signIn(w));
    const started = w.clock.now();
    for (const text of ['first', 'second']) {
      const { context } = publishContext(store, video);
      await w.client.publish(postFor(w.client, text), context);
    }
    const third = publishContext(store, video);
    const refused = await w.client
      .publish(postFor(w.client, 'third'), third.context)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAt: expect.any(Number) });
    const retryAt = (refused as { retryAt: number }).retryAt;
    expect(retryAt - started).toBeGreaterThanOrEqual(14 * 60_000);
    const media = w.fake.media.size;
    await w.clock.sleep(retryAt - w.clock.now());
    const again = publishContext(store, video, { resume: third.record.states.at(-1) ?? null });
    await w.client.publish(postFor(w.client, 'third'), again.context);
    expect(w.fake.posts.map((p) => p.text)).toEqual(['first', 'second', 'third']);
    expect(w.fake.media.size).toBe(media);
    expect(w.fake.rateLimitViolations).toBe(0);
  });

  it('stops when the signal aborts, without a post', async () => {
    world = await xWorld();
    const store = tokenStore(world, await signIn(world));
    const controller = new AbortController();
    const { context } = publishContext(store, video, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesSent > 0) controller.abort();
      },
    });
    const error = await world.client.publish(postFor(world.client, 'Cancelled'), context).catch((e) => e);
    expect(isAbortError(error)).toBe(true);
    expect(world.fake.posts).toHaveLength(0);
  });
});

describe('xRequest rate limits', () => {
  const answer429 = (resetSec: number) =>
    (async () =>
      new Response(JSON.stringify({ title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 }), {
        status: 429,
        headers: { 'x-rate-limit-reset': String(resetSec) },
      })) as unknown as typeof fetch;
  const call = (fetcher: typeof fetch) => ({
    fetch: fetcher,
    now: () => 1_000_000,
    signal: new AbortController().signal,
    accessToken: async () => 'at',
  });
  const request = { method: 'GET' as const, url: new URL('https://api.x.com/2/users/me') };

  it('reads x-rate-limit-reset as the wait', async () => {
    const error = await xRequest(call(answer429(1_000 + 90)), request).catch((e) => e);
    expect(error).toBeInstanceOf(PlatformRequestError);
    expect(error).toMatchObject({ kind: 'transient', retryAfterMs: 90_000, code: 'PLATFORM_RATE_LIMITED' });
  });

  it('turns a reset hours away (a daily cap) into a quota error instead of a wait', async () => {
    const error = await xRequest(call(answer429(1_000 + 3 * 3600)), request).catch((e) => e);
    expect(error).toMatchObject({ kind: 'permanent', code: 'PLATFORM_QUOTA_EXCEEDED' });
  });
});
