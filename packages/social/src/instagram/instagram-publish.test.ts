import { isAbortError } from '@kirinuki/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InstagramFakeOptions } from '../fakes/instagram-fake.js';
import type { InstagramClientOptions } from './instagram-client.js';
import {
  makeClipFile,
  MiB,
  startHarness,
  type ClipFile,
  type Harness,
} from './test-support/instagram-harness.js';

let clip: ClipFile;
beforeAll(async () => {
  clip = await makeClipFile();
});
afterAll(() => clip.remove());

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.fake.close();
  harness = null;
});

async function setup(fakeOptions: InstagramFakeOptions = {}, clientOptions: InstagramClientOptions = {}) {
  harness = await startHarness(clip, fakeOptions, clientOptions);
  return harness;
}

const SIZE = 3 * MiB + 5;

describe('publishing a reel to the Instagram fake', () => {
  it('uploads, waits for processing, publishes once and returns the media id and link', async () => {
    const { fake, run, expectOneReel } = await setup();
    const { states, progress, result } = run();
    const done = await result;
    expectOneReel(done.remoteId);
    expect(done).toEqual({ remoteId: fake.posts[0]!.id, url: fake.posts[0]!.permalink, status: 'published' });
    expect(
      states.map((s) => `${s.step}${s.step === 'uploading' ? `:${s.bytesAcked as number}` : ''}`),
    ).toEqual([
      'uploading:0',
      `uploading:${MiB}`,
      `uploading:${2 * MiB}`,
      `uploading:${3 * MiB}`,
      `uploading:${SIZE}`,
      'processing',
      'publishing',
      'published',
    ]);
    expect(progress.at(-1)).toEqual({ bytesSent: SIZE, bytesTotal: SIZE, stage: 'published' });
    expect(new Set(progress.map((p) => p.stage))).toEqual(
      new Set(['uploading', 'processing', 'publishing', 'published']),
    );
    expect(fake.counts).toMatchObject({ containersCreated: 1, publishCalls: 1 });
  });

  it('sends the whole file in one request by default, as Instagram documents it', async () => {
    const { fake, run, expectOneReel } = await setup({}, { uploadChunkBytes: undefined });
    await run().result;
    expectOneReel();
    expect(fake.counts.uploadRequests).toBe(1);
  });

  it.each<[string, InstagramFakeOptions]>([
    ['5xx answers', { serverErrorRate: 0.3 }],
    ['429s with Retry-After', { rateLimitRate: 0.3, retryAfterSec: 7 }],
    ['connections dropped mid-chunk', { dropRate: 0.5 }],
    ['all of them at once', { serverErrorRate: 0.15, rateLimitRate: 0.15, dropRate: 0.2, seed: 3 }],
  ])('gets through %s with exactly one reel, its bytes intact', async (_what, faults) => {
    const { fake, run, sleeps, expectOneReel } = await setup(faults);
    const done = await run().result;
    expectOneReel(done.remoteId);
    expect(fake.counts.publishCalls).toBeGreaterThanOrEqual(1);
    if (faults.retryAfterSec) expect(sleeps.filter((ms) => ms >= 7000).length).toBeGreaterThan(0);
    if (faults.dropRate) expect(fake.counts.droppedUploads).toBeGreaterThan(0);
  });

  it('restarts a request cut off mid-body from the last acknowledged byte (whole-file mode: from 0)', async () => {
    const { fake, run, expectOneReel } = await setup(
      { dropRate: 0.5, seed: 3 },
      { uploadChunkBytes: undefined },
    );
    await run().result;
    expectOneReel();
    expect(fake.counts.droppedUploads).toBeGreaterThan(0);
  });

  it('hands Instagram’s own throttling back until access comes back (code 4, the usage header’s time), then goes on from there', async () => {
    const { fake, run, sleeps, advance, now, expectOneReel } = await setup({ callsPerHour: 3 });
    let resume: ReturnType<typeof run>['states'][number] | null = null;
    let handedBack = 0;
    for (let tries = 0; tries < 10; tries += 1) {
      const attempt = run(resume ? { resume } : {});
      const outcome = await attempt.result.then(
        () => null,
        (e: unknown) => e,
      );
      if (outcome === null) break;
      expect(outcome).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAt: expect.any(Number) });
      handedBack += 1;
      resume = attempt.states.at(-1) ?? resume;
      advance((outcome as { retryAt: number }).retryAt - now());
    }
    expectOneReel();
    expect(handedBack).toBeGreaterThan(0);
    expect(fake.counts.throttled).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms <= 30_000)).toBe(true);
  });

  it('fails with the platform’s reason when processing fails, and a retry makes a new container', async () => {
    const { fake, run, expectOneReel } = await setup({ processingFailureRate: 1 });
    const first = run();
    await expect(first.result).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
      message: expect.stringMatching(/2207026/),
    });
    expect(fake.posts).toHaveLength(0);
    const failed = [...fake.containers.keys()][0];
    expect(first.states.at(-1)).toEqual({ step: 'restart', retired: [failed] });
    fake.faults.options.processingFailureRate = 0;
    const second = run({ resume: first.states.at(-1)! });
    await second.result;
    expectOneReel();
    expect(second.states.at(-1)).toMatchObject({ step: 'published', retired: [failed] });
  });

  it('refuses before uploading when the 24 h publishing quota is used up, and reports it in limits', async () => {
    const { fake, run, newClient, host } = await setup();
    await run().result;
    fake.knobs.quotaTotal = 1;
    await expect(newClient().limits(host.token, { user_id: fake.userId })).resolves.toMatchObject({
      privacy: null,
      maxDurationSec: 900,
      quota: { used: 1, total: 1, windowSec: 86_400 },
    });
    await expect(run().result).rejects.toMatchObject({ code: 'PLATFORM_QUOTA_EXCEEDED' });
    expect(fake.counts.containersCreated).toBe(1);
  });

  it('takes a fresh token when the one in hand expires mid-upload and mid-processing, and goes on', async () => {
    const { fake, run, host, advance, expectOneReel } = await setup();
    host.token = fake.issueToken({ ttlSec: 3600 });
    host.freshTtlSec = 3600;
    const { result } = run({
      onSave: (state) => {
        // Two hours pass after the first acknowledged chunk, and again once processing starts.
        if ((state.step === 'uploading' && state.bytesAcked === MiB) || state.step === 'processing')
          advance(2 * 3600_000);
      },
    });
    await result;
    expectOneReel();
    // Once refused by the upload host (NotAuthorizedError), once by the Graph API (190/463).
    expect(host.freshCalls).toBe(2);
  });

  it('stops on abort (a cancel, not a failure) and resumes the same upload afterwards', async () => {
    const { fake, run, expectOneReel } = await setup();
    const controller = new AbortController();
    const first = run({
      signal: controller.signal,
      onSave: (s) => s.step === 'uploading' && (s.bytesAcked as number) > MiB && controller.abort(),
    });
    const error = await first.result.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(fake.posts).toHaveLength(0);
    await run({ resume: first.states.at(-1)! }).result;
    expectOneReel();
    expect(fake.counts.containersCreated).toBe(1);
  });

  it('refuses to go on with another file, and a state that is not Instagram’s', async () => {
    const { run } = await setup();
    const resume = {
      step: 'uploading',
      containerId: '1',
      uri: null,
      fileSize: SIZE + 1,
      bytesAcked: 10,
      retired: [],
    };
    await expect(run({ resume }).result).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    await expect(run({ resume: { step: 'video/init' } }).result).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
