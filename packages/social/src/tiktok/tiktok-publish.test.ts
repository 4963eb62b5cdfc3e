import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadState } from '../platform-client.js';
import type { TikTokFake, TikTokFakeOptions } from '../fakes/tiktok-fake.js';
import type { LostAnswer } from '../fakes/tiktok-fake-posting.js';
import { createTikTokClient } from './tiktok-client.js';
import { privacyChoicesOf } from './tiktok-adapt.js';
import {
  closeFakes,
  fakeAndClient,
  Killed,
  publishContext,
  signIn,
  testVideo,
  tokenStore,
} from './test-support/tiktok-harness.js';

const MIB = 1024 * 1024;
// 16 MiB in 5 MiB chunks: chunks of 5, 5 and 6 MiB (the last takes the remainder).
let video: Awaited<ReturnType<typeof testVideo>>;
beforeAll(async () => {
  video = await testVideo(16 * MIB);
});
afterAll(() => video.remove());

afterEach(closeFakes);

async function setUp(options: Partial<TikTokFakeOptions> = {}) {
  const { fake, client, clock } = await fakeAndClient(options, { chunkSizeBytes: 5 * MIB });
  const tokens = await signIn(client);
  const store = tokenStore(client, tokens);
  const limits = await client.limits(tokens.accessToken, tokens.extra ?? {});
  const clip = {
    id: 'c',
    title: 'Clip',
    text: '',
    hashtags: ['#kirinuki'],
    reasons: [],
    durationSec: 30,
    width: 1080,
    height: 1920,
    sizeBytes: video.size,
  };
  const post = client.adapt(clip, { privacy: 'private' }, limits);
  const publish = (extra: Partial<Parameters<typeof publishContext>[0]> = {}) => {
    const run = publishContext({ store, file: video, tokenExtra: tokens.extra ?? {}, ...extra });
    return { ...run, result: client.publish(post, run.context) };
  };
  return { fake, client, clock, store, post, publish };
}

/** Exactly one post on the fake, its bytes those of the file. */
function expectOnePost(on: TikTokFake) {
  expect(on.posts).toHaveLength(1);
  expect(on.posts[0]).toMatchObject({ size: video.size, sha256: video.sha256 });
  return on.posts[0]!;
}

describe('TikTok publish', () => {
  it('uploads the chunks in order and polls until PUBLISH_COMPLETE', async () => {
    const { fake, publish } = await setUp({ processingPolls: 2 });
    const run = publish();
    const result = await run.result;
    const post = expectOnePost(fake);
    // A private post never gets a post id: the publish id stands for it.
    expect(result).toEqual({ remoteId: post.publishId, url: null, status: 'published' });
    expect(post).toMatchObject({ privacyLevel: 'SELF_ONLY', title: 'Clip #kirinuki', status: 'published' });
    expect(post.postInfo).toMatchObject({ disable_comment: true, disable_duet: true, disable_stitch: true });
    expect(fake.counts).toMatchObject({ inits: 1, chunks: 3 });
    expect(run.saved.map((s) => `${s.step}${s.step === 'uploading' ? s.chunksAcked : ''}`)).toEqual([
      'initializing',
      'uploading0',
      'uploading1',
      'uploading2',
      'uploading3',
      'processing',
      'published',
    ]);
    const sent = run.progress.map((p) => p.bytesSent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(run.progress.at(-1)).toEqual({
      bytesSent: video.size,
      bytesTotal: video.size,
      stage: 'published',
    });
    expect(run.progress.map((p) => p.stage)).toContain('processing');
  });

  it('gives a public post TikTok’s int64 post id, digit for digit', async () => {
    const { fake, client, store, post } = await setUp();
    const publicPost = {
      ...post,
      privacy: 'PUBLIC_TO_EVERYONE',
      options: { ...post.options, privacy_level: 'PUBLIC_TO_EVERYONE' },
    };
    const run = publishContext({ store, file: video });
    const result = await client.publish(publicPost, run.context);
    expect(result.remoteId).toBe(expectOnePost(fake).postId);
    expect(result.remoteId).toMatch(/^74\d{17}$/);
  });

  it('sends a file under 5 MB as one chunk of its own size', async () => {
    const small = await testVideo(3 * MIB);
    try {
      const { fake, client, store, post } = await setUp();
      const result = await client.publish(post, publishContext({ store, file: small }).context);
      expect(result.status).toBe('published');
      expect(fake.posts[0]).toMatchObject({ size: small.size, sha256: small.sha256 });
      expect(fake.uploads.values().next().value).toMatchObject({ chunkSize: small.size, chunkCount: 1 });
    } finally {
      await small.remove();
    }
  });

  it.each<[string, Partial<TikTokFakeOptions>, (f: TikTokFake) => number]>([
    ['5xx on API and upload', { serverErrorRate: 0.35, seed: 3 }, (f) => f.counts.injectedFaults],
    ['429 with Retry-After', { rateLimitRate: 0.35, retryAfterSec: 7, seed: 5 }, (f) => f.counts.rateLimited],
    [
      'connections dropped mid-chunk and after the chunk landed',
      { dropRate: 0.5, seed: 22 },
      (f) => Math.min(f.counts.droppedAfterChunk, f.counts.droppedUploads - f.counts.droppedAfterChunk),
    ],
  ])('gets through %s with exactly one post', async (_label, faults, injected) => {
    const { fake, clock, publish } = await setUp(faults);
    const result = await publish().result;
    expect(result.status).toBe('published');
    expectOnePost(fake);
    expect(injected(fake), JSON.stringify(fake.counts)).toBeGreaterThan(0);
    expect(fake.counts.inits).toBe(1);
    if (faults.retryAfterSec) expect(Math.max(...clock.slept)).toBeGreaterThanOrEqual(7000);
  });

  it('fails a post TikTok could not process with TikTok’s reason, and saves it as failed', async () => {
    const { fake, publish } = await setUp({
      processingFailureRate: 1,
      failReason: 'frame_rate_check_failed',
    });
    const run = publish();
    await expect(run.result).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
      message: 'TikTok could not publish the video (frame_rate_check_failed).',
      hint: expect.stringMatching(/23–60 frames per second/),
    });
    expect(run.last()).toMatchObject({ step: 'failed', reason: 'frame_rate_check_failed' });
    expect(fake.posts[0]).toMatchObject({ status: 'failed' });
  });

  it('refreshes the token on a 401 in the middle of the upload and carries on', async () => {
    let lost = false;
    // The token expires after the first chunk; the second chunk's answer is lost, so the client asks
    // status/fetch mid-upload with the expired token: 401, a fresh token, and the upload goes on.
    const { fake, clock, store, publish } = await setUp({
      accessTokenTtlSec: 600,
      loseAnswer: (e) => e.kind === 'chunk' && e.index === 1 && !lost && (lost = true),
    });
    const run = publish({ onProgress: (p) => p.bytesSent === 5 * MIB && clock.advance(601_000) });
    expect((await run.result).status).toBe('published');
    expect(store.freshRequests).toBe(1);
    expect(fake.counts.refreshes).toBe(1);
    expect(fake.counts.chunks).toBe(3);
    expectOnePost(fake);
  });

  it('honours video/init’s 6 a minute: the 7th post is handed back until Retry-After (no sleep on a slot), then goes out', async () => {
    const { fake, clock, publish } = await setUp();
    for (let i = 0; i < 6; i += 1) await publish().result;
    const seventh = publish();
    const refused = await seventh.result.catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAt: expect.any(Number) });
    const retryAt = (refused as { retryAt: number }).retryAt;
    expect(retryAt - clock.now()).toBeGreaterThan(30_000);
    expect(clock.slept.every((ms) => ms <= 30_000)).toBe(true);
    expect(fake.posts).toHaveLength(6);
    await clock.sleep(retryAt - clock.now());
    await publish({ resume: seventh.last() ?? null }).result;
    expect(fake.posts).toHaveLength(7);
    expect(fake.counts.inits).toBe(7);
    expect(fake.counts.rateLimited).toBe(1);
  });

  it('stops at once when the signal aborts, with no post made', async () => {
    const { fake, publish } = await setUp();
    const controller = new AbortController();
    const run = publish({
      signal: controller.signal,
      onProgress: (p) => p.bytesSent > 0 && controller.abort(),
    });
    await expect(run.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.posts).toHaveLength(0);
  });
});

describe('TikTok publish resumes', () => {
  // Seven saves: initializing, uploading 0…3 chunks, processing, published.
  it.each([1, 2, 3, 4, 5, 6, 7])('after a kill right after save %i: one post, bytes intact', async (n) => {
    const { fake, publish } = await setUp();
    const killed = publish({ killAfterSave: n });
    await expect(killed.result).rejects.toBeInstanceOf(Killed);
    const state = killed.last()!;
    const resumed = publish({ resume: state });
    const result = await resumed.result;
    const post = expectOnePost(fake);
    expect(result.status).toBe('published');
    expect(result.remoteId).toBe(post.publishId);
    expect(fake.counts.inits).toBe(1);
    expect(fake.counts.chunks).toBe(3);
    if (state.step === 'published') expect(resumed.saved).toEqual([]);
  });

  it.each<[string, (e: LostAnswer) => boolean, { inits: number; chunks: number }]>([
    ['the init (no publish id saved)', (e) => e.kind === 'init', { inits: 2, chunks: 3 }],
    ['a middle chunk', (e) => e.kind === 'chunk' && e.index === 1, { inits: 1, chunks: 3 }],
    ['the last chunk (TikTok has the post)', (e) => e.kind === 'chunk' && e.final, { inits: 1, chunks: 3 }],
    [
      'PUBLISH_COMPLETE',
      (e) => e.kind === 'status' && e.status === 'PUBLISH_COMPLETE',
      { inits: 1, chunks: 3 },
    ],
  ])(
    'after the answer to %s was lost and the run killed: asks TikTok, one post',
    async (_label, lose, counts) => {
      const controller = new AbortController();
      let lost = false;
      const { fake, publish } = await setUp({
        loseAnswer: (event) => {
          if (lost || !lose(event)) return false;
          lost = true;
          controller.abort();
          return true;
        },
      });
      const killed = publish({ signal: controller.signal });
      await expect(killed.result).rejects.toMatchObject({ name: 'AbortError' });
      const result = await publish({ resume: killed.last() }).result;
      expect(result.status).toBe('published');
      const post = expectOnePost(fake);
      expect(fake.counts).toMatchObject(counts);
      // An init whose answer was lost got no byte, so it never became a post.
      for (const upload of fake.uploads.values())
        if (upload.publishId !== post.publishId)
          expect(upload).toMatchObject({ receivedBytes: 0, post: null });
    },
  );

  it.each<[string, (e: LostAnswer) => boolean, number]>([
    ['the init', (e) => e.kind === 'init', 2],
    ['a middle chunk', (e) => e.kind === 'chunk' && e.index === 0, 1],
    ['the last chunk', (e) => e.kind === 'chunk' && e.final, 1],
  ])('without a kill, a lost answer to %s is reconciled in the same run', async (_label, lose, inits) => {
    let lost = false;
    const { fake, publish } = await setUp({ loseAnswer: (e) => !lost && lose(e) && (lost = true) });
    expect((await publish().result).status).toBe('published');
    expectOnePost(fake);
    // No chunk is sent twice: status/fetch said which bytes TikTok held.
    expect(fake.counts).toMatchObject({ inits, chunks: 3 });
  });

  it('starts a new upload when the upload_url expired before the file was whole; one post', async () => {
    const { fake, clock, publish } = await setUp();
    const killed = publish({ killAfterSave: 3 });
    await expect(killed.result).rejects.toBeInstanceOf(Killed);
    expect(killed.last()).toMatchObject({ step: 'uploading', chunksAcked: 1 });
    clock.advance(2 * 3_600_000);
    expect((await publish({ resume: killed.last() }).result).status).toBe('published');
    expectOnePost(fake);
    expect(fake.counts.inits).toBe(2);
  });

  it('retries a post TikTok failed with a new upload (the failed one never became a post)', async () => {
    const { fake, publish } = await setUp();
    const failed: UploadState = { step: 'failed', attempt: 1, publishId: 'v_pub_gone', reason: 'internal' };
    const run = publish({ resume: failed });
    expect((await run.result).status).toBe('published');
    expect(run.saved[0]).toMatchObject({ step: 'initializing', attempt: 2 });
    expectOnePost(fake);
  });

  it('answers processing when TikTok takes longer than the wait, and finishes on a later resume', async () => {
    const { fake, client, store, post, clock } = await setUp({ processingPolls: 1000 });
    const slow = createTikTokClient({
      origin: fake.origin,
      now: clock.now,
      sleep: clock.sleep,
      maxProcessingWaitMs: 60_000,
    });
    const first = publishContext({ store, file: video });
    const result = await slow.publish(post, first.context);
    expect(result).toMatchObject({ status: 'processing', remoteId: fake.posts[0]!.publishId });
    expect(first.last()).toMatchObject({ step: 'processing' });
    const upload = fake.uploads.get(fake.posts[0]!.publishId)!;
    upload.pollsLeft = 0;
    const later = await client.publish(
      post,
      publishContext({ store, file: video, resume: first.last() }).context,
    );
    expect(later.status).toBe('published');
    expectOnePost(fake);
    expect(privacyChoicesOf(['SELF_ONLY'])).toEqual([{ choice: 'private', value: 'SELF_ONLY' }]);
  });
});
