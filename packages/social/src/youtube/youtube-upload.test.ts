import { isAbortError } from '@kirinuki/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClipForPost, PlatformPost, UploadState } from '../platform-client.js';
import type { YouTubeFakeOptions } from '../fakes/youtube-fake.js';
import {
  signIn,
  startRig,
  testFile,
  TestHost,
  type TestFile,
  type TestRig,
} from './test-support/youtube-test-host.js';

const CLIP: ClipForPost = {
  id: 'clip-1',
  title: 'Why the first line decides everything',
  text: 'The first line decides whether anyone stays. Here is how to write it.',
  hashtags: ['#hooks', '#writing', '#shorts'],
  reasons: ['Opens with a strong claim'],
  durationSec: 42,
  width: 1080,
  height: 1920,
  sizeBytes: 0,
};

// A little over 3 MiB and not a multiple of 256 KiB: six full 512 KiB chunks and a short last one.
const SIZE = 3 * 1024 * 1024 + 12_345;
let file: TestFile;
beforeAll(async () => {
  file = await testFile(SIZE);
});
afterAll(async () => file.remove());

const rigs: TestRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function setUp(fakeOptions: Partial<YouTubeFakeOptions> = {}) {
  const rig = await startRig(fakeOptions);
  rigs.push(rig);
  const { tokens } = await signIn(rig);
  const host = new TestHost(rig, tokens);
  const post: PlatformPost = rig.client.adapt(
    { ...CLIP, sizeBytes: SIZE },
    { privacy: 'unlisted', madeForKids: false },
    await rig.client.limits(tokens.accessToken, {}),
  );
  return { rig, host, post };
}

function expectOneIntactPost(rig: TestRig, videoId?: string) {
  expect(rig.fake.posts).toHaveLength(1);
  const [video] = rig.fake.posts;
  expect(video).toMatchObject({ sha256: file.sha256, size: SIZE });
  if (videoId) expect(video!.id).toBe(videoId);
}

describe('YouTube publish: the resumable upload against the fake', () => {
  it('uploads in 256 KiB-multiple chunks, saves each step first, and returns the Short', async () => {
    const { rig, host, post } = await setUp();
    const result = await rig.client.publish(post, host.context(file));

    expectOneIntactPost(rig, result.remoteId);
    expect(result).toEqual({
      remoteId: rig.fake.posts[0]!.id,
      url: `https://youtube.com/shorts/${rig.fake.posts[0]!.id}`,
      status: 'published',
    });
    expect(rig.fake.posts[0]).toMatchObject({
      title: CLIP.title,
      tags: ['hooks', 'writing', 'shorts'],
      categoryId: '22',
      privacyStatus: 'unlisted',
      selfDeclaredMadeForKids: false,
      uploadStatus: 'uploaded',
    });
    expect(rig.fake.counts).toMatchObject({ inits: 1, chunks: 7, statusQueries: 0 });
    expect(host.saved.map((s) => s.step)).toEqual([
      'session',
      ...Array<string>(6).fill('uploading'),
      'finishing',
      'published',
    ]);
    expect(host.saved[0]).toMatchObject({ acked: 0, bytesTotal: SIZE, finalChunkSent: false });
    expect(host.saved[0]!.sessionUri).toMatch(
      /^https:\/\/www\.googleapis\.com\/upload\/youtube\/v3\/videos\?/,
    );
    const sent = host.progress.map((p) => p.bytesSent);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(host.progress.at(-1)).toEqual({ bytesSent: SIZE, bytesTotal: SIZE, stage: 'published' });
  });

  it.each([
    ['5xx', { serverErrorRate: 0.3 }],
    ['429 with Retry-After', { rateLimitRate: 0.3, retryAfterSec: 7 }],
    ['connections dropped mid-chunk', { dropRate: 0.35 }],
    ['all of them', { serverErrorRate: 0.15, rateLimitRate: 0.1, dropRate: 0.2 }],
  ])('rides out %s: one post, its bytes intact', async (_kind, faults) => {
    for (const seed of [1, 2, 3]) {
      const { rig, host, post } = await setUp({ ...faults, seed });
      const result = await rig.client.publish(post, host.context(file));
      expectOneIntactPost(rig, result.remoteId);
      expect(rig.fake.counts.inits).toBe(1);
      // Faults did happen, and each was waited out.
      expect(rig.clock.sleeps.length).toBeGreaterThan(0);
      if ('retryAfterSec' in faults) expect(Math.max(...rig.clock.sleeps)).toBeGreaterThanOrEqual(7000);
      if ('dropRate' in faults) expect(rig.fake.counts.statusQueries).toBeGreaterThan(0);
      await rig.close();
    }
  });

  it('fails a video whose processing fails with YouTube’s reason, and does not upload it again', async () => {
    const { rig, host, post } = await setUp({ processingFailureRate: 1 });
    await expect(rig.client.publish(post, host.context(file))).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
      message: expect.stringContaining('conversion'),
    });
    // Retried from its state, the post asks the session and hears the same verdict.
    await expect(rig.client.publish(post, host.context(file, { resume: host.last }))).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
    });
    expect(rig.fake.posts).toHaveLength(1);
    expect(rig.fake.counts.inits).toBe(1);
  });

  it('resumes from every saved step after a kill: exactly one post, its bytes intact', async () => {
    const { rig: probe, host: probeHost, post } = await setUp();
    await probe.client.publish(post, probeHost.context(file));
    const steps = probeHost.saved.length;
    expect(steps).toBe(9);

    for (let k = 1; k <= steps; k += 1) {
      const { rig, host } = await setUp();
      await expect(rig.client.publish(post, host.context(file, { dieAfterSave: k }))).rejects.toThrow(
        `killed after save ${k}`,
      );
      const killedAt = host.last!;
      const result = await rig.client.publish(post, host.context(file, { resume: killedAt }));
      expectOneIntactPost(rig, result.remoteId);
      expect(rig.fake.counts.inits).toBe(1);
      await rig.close();
    }
  });

  it('closes the lost-answer window in the same run: the status query returns the video', async () => {
    const { rig, host, post } = await setUp();
    rig.fake.loseCompletionAnswers = 1;
    const result = await rig.client.publish(post, host.context(file));
    expectOneIntactPost(rig, result.remoteId);
    expect(rig.fake.counts.statusQueries).toBe(1);
  });

  it('closes the lost-answer window across a kill: the resumed run asks and gets the video', async () => {
    const { rig, host, post } = await setUp();
    rig.fake.loseCompletionAnswers = 1;
    const killed = new AbortController();
    // The process dies the moment the last chunk's connection drops.
    const context = host.context(file, { signal: killed.signal });
    const client = (await import('./youtube-client.js')).createYouTubeClient({
      origin: rig.fake.origin,
      sleep: rig.clock.sleep,
      now: rig.clock.now,
      chunkBytes: 512 * 1024,
      fetch: async (input, init) => {
        try {
          return await fetch(input, init);
        } catch (error) {
          killed.abort();
          throw error;
        }
      },
    });
    const first = await client.publish(post, context).catch((e: unknown) => e);
    expect(isAbortError(first)).toBe(true);
    expect(host.last).toMatchObject({ step: 'finishing', finalChunkSent: true });
    expect(rig.fake.posts).toHaveLength(1);

    const result = await rig.client.publish(post, host.context(file, { resume: host.last }));
    expectOneIntactPost(rig, result.remoteId);
    expect(rig.fake.counts.inits).toBe(1);
  });

  it('opens a new session when the old one expired before the last chunk', async () => {
    const { rig, host, post } = await setUp();
    await expect(rig.client.publish(post, host.context(file, { dieAfterSave: 3 }))).rejects.toThrow();
    rig.fake.expireSessions();
    const result = await rig.client.publish(post, host.context(file, { resume: host.last }));
    expectOneIntactPost(rig, result.remoteId);
    expect(rig.fake.counts.inits).toBe(2);
  });

  it('finds the finished video in the channel’s uploads when the session expired after the last chunk', async () => {
    const { rig, host, post } = await setUp();
    rig.fake.loseCompletionAnswers = 1;
    // The run dies as the last chunk's answer is lost: the video is made, the host does not know it.
    const killed = new AbortController();
    const context = host.context(file, { signal: killed.signal });
    const dying = (await import('./youtube-client.js')).createYouTubeClient({
      origin: rig.fake.origin,
      sleep: rig.clock.sleep,
      now: rig.clock.now,
      chunkBytes: 512 * 1024,
      fetch: async (input, init) =>
        fetch(input, init).catch((error: unknown) => {
          killed.abort();
          throw error;
        }),
    });
    await dying.publish(post, context).catch(() => undefined);
    rig.clock.advance(8 * 24 * 3600_000);
    rig.fake.expireSessions();
    // A week on, the access token is long expired too: the host refreshes it on the 401.
    const result = await rig.client.publish(post, host.context(file, { resume: host.last }));
    expectOneIntactPost(rig, result.remoteId);
    expect(rig.fake.counts.inits).toBe(1);
    expect(host.refreshes).toBeGreaterThan(0);
  });

  it('continues after the access token expires mid-upload (401 → a fresh token)', async () => {
    const { rig, host, post } = await setUp();
    const context = host.context(file);
    const progress = context.onProgress;
    let expired = false;
    context.onProgress = (p) => {
      progress(p);
      if (!expired && p.bytesSent >= 1024 * 1024) {
        expired = true;
        rig.clock.advance(3600_000);
      }
    };
    const result = await rig.client.publish(post, context);
    expectOneIntactPost(rig, result.remoteId);
    expect(host.refreshes).toBe(1);
    expect(rig.fake.oauth.refreshes).toBe(1);
  });

  it('stops at the quota (403 quotaExceeded) and at the channel’s daily upload limit, without retrying', async () => {
    const quota = await setUp({ dailyQuota: 2000 });
    await quota.rig.client.publish(quota.post, quota.host.context(file));
    await expect(quota.rig.client.publish(quota.post, quota.host.context(file))).rejects.toMatchObject({
      code: 'PLATFORM_QUOTA_EXCEEDED',
      message: expect.stringContaining('quotaExceeded'),
    });
    expect(quota.rig.clock.sleeps).toEqual([]);
    expect(quota.rig.fake.counts.inits).toBe(1);

    const limit = await setUp({ uploadsPerDay: 1 });
    await limit.rig.client.publish(limit.post, limit.host.context(file));
    await expect(limit.rig.client.publish(limit.post, limit.host.context(file))).rejects.toMatchObject({
      code: 'PLATFORM_QUOTA_EXCEEDED',
      hint: expect.stringContaining('24 hours'),
    });
  });

  it('is cancelled (not failed) by its signal, and the saved state finishes the same upload', async () => {
    const { rig, host, post } = await setUp();
    const stop = new AbortController();
    const context = host.context(file, { signal: stop.signal });
    const progress = context.onProgress;
    context.onProgress = (p) => {
      progress(p);
      if (p.bytesSent >= 1024 * 1024) stop.abort();
    };
    const cancelled = await rig.client.publish(post, context).catch((e: unknown) => e);
    expect(isAbortError(cancelled)).toBe(true);
    const result = await rig.client.publish(post, host.context(file, { resume: host.last }));
    expectOneIntactPost(rig, result.remoteId);
  });

  it('refuses to resume when the file is not the one the session holds', async () => {
    const { rig, host, post } = await setUp();
    const changed: UploadState = {
      ...host.last,
      step: 'uploading',
      sessionUri: 'https://www.googleapis.com/upload/x',
      bytesTotal: 10,
      acked: 0,
    };
    await expect(rig.client.publish(post, host.context(file, { resume: changed }))).rejects.toMatchObject({
      code: 'FILE_CHANGED',
    });
  });
});
