import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadState } from '../platform-client.js';
import { makeClipFile, startHarness, type ClipFile, type Harness } from './test-support/instagram-harness.js';

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

const setup = async (...args: Parameters<typeof startHarness> extends [unknown, ...infer R] ? R : never) =>
  (harness = await startHarness(clip, ...args));

/** A saveState hook that kills the run (throws) when `test` holds. */
const killWhen = (test: (state: UploadState, n: number) => boolean) => (state: UploadState, n: number) => {
  if (test(state, n)) throw new Error('killed');
};
// A clean run saves: uploading 0, 1, 2, 3 MiB, all bytes, processing, publishing, published.
const SAVES = 8;
const steps = Array.from({ length: SAVES }, (_, i) => i + 1);

/** The state the next run starts from: the last one kept before the kill. */
const lastKept = (states: UploadState[]) => states.at(-1) ?? null;

describe('a publish killed at any point resumes into exactly one reel', () => {
  it.each(steps)('killed right after save %i was recorded', async (n) => {
    const { fake, run, expectOneReel } = await setup();
    const first = run({ afterSave: killWhen((_s, i) => i === n) });
    await expect(first.result).rejects.toThrow('killed');
    const second = run({ resume: lastKept(first.states) });
    const done = await second.result;
    expectOneReel(done.remoteId);
    expect(fake.counts.publishCalls).toBe(1);
    expect(fake.counts.containersCreated).toBe(1);
  });

  // The platform did the step, the record of it was lost: the window the platform must close.
  it.each(steps)('killed after step %i was done but before it was recorded', async (n) => {
    const { fake, run, expectOneReel } = await setup();
    const first = run({ onSave: killWhen((_s, i) => i === n) });
    await expect(first.result).rejects.toThrow('killed');
    const second = run({ resume: lastKept(first.states) });
    const done = await second.result;
    expectOneReel(done.remoteId);
    // media_publish went out at most once, whatever was lost; the first container may be orphaned.
    expect(fake.counts.publishCalls).toBe(1);
    expect(fake.counts.containersCreated).toBe(n === 1 ? 2 : 1);
  });

  it('resumes a cut-off upload from its acknowledged bytes, not from the start', async () => {
    const { fake, run, expectOneReel } = await setup();
    const first = run({ afterSave: killWhen((s) => s.step === 'uploading' && s.bytesAcked === 2 * 2 ** 20) });
    await expect(first.result).rejects.toThrow('killed');
    const before = fake.counts.uploadRequests;
    await run({ resume: lastKept(first.states) }).result;
    expectOneReel();
    expect(fake.counts.uploadRequests - before).toBe(2); // the 3rd MiB and the last 5 bytes
  });
});

describe('the lost-answer window: the platform published, the answer did not arrive', () => {
  it('asks the container (PUBLISHED), finds the reel in the media list and does not publish again', async () => {
    const { fake, run, expectOneReel } = await setup();
    fake.knobs.losePublishAnswers = 1;
    const { result, states } = run();
    const done = await result;
    expectOneReel(done.remoteId);
    expect(done.url).toBe(fake.posts[0]!.permalink);
    expect(fake.counts.publishCalls).toBe(1);
    expect(fake.counts.mediaListReads).toBeGreaterThan(0);
    expect(states.at(-1)).toMatchObject({ step: 'published', mediaId: fake.posts[0]!.id });
  });

  it('takes “already published” for what it is: an earlier send of ours got there first', async () => {
    let raced = false;
    // A media_publish of ours that arrives just before this one (a resend after a lost answer).
    const racing: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (!raced && url.pathname.endsWith('/media_publish')) {
        raced = true;
        await fetch(input, { ...init });
      }
      return fetch(input, init);
    };
    const { fake, run, expectOneReel } = await setup({}, { fetch: racing });
    const done = await run().result;
    expectOneReel(done.remoteId);
    expect(fake.counts.publishCalls).toBe(2); // the second was refused: the container was published
  });

  it('finds ours among other reels of the account, posted before and after', async () => {
    const { fake, run } = await setup();
    fake.posts.push({
      id: '1',
      containerId: 'x',
      caption: 'older',
      sha256: '',
      size: 0,
      timestamp: '2026-11-30T00:00:00+0000',
      permalink: 'p',
      publishedAt: 0,
    });
    const first = run({ onSave: killWhen((s) => s.step === 'published') });
    await expect(first.result).rejects.toThrow('killed');
    fake.posts.push({
      id: '2',
      containerId: 'y',
      caption: 'newer',
      sha256: '',
      size: 0,
      timestamp: '2026-12-02T00:00:00+0000',
      permalink: 'p',
      publishedAt: 0,
    });
    const done = await run({ resume: lastKept(first.states) }).result;
    const ours = fake.posts.filter((p) => p.containerId !== 'x' && p.containerId !== 'y');
    expect(ours).toHaveLength(1);
    expect(done.remoteId).toBe(ours[0]!.id);
    expect(fake.counts.publishCalls).toBe(1);
  });
});

describe('containers that expire (24 h unpublished)', () => {
  it.each(['uploading', 'processing', 'publishing'] as const)(
    'a resume in step %s finds the container expired and makes a new one: one reel',
    async (step) => {
      const { fake, run, expectOneReel, advance } = await setup();
      const first = run({ afterSave: killWhen((s) => s.step === step) });
      await expect(first.result).rejects.toThrow('killed');
      const stale = [...fake.containers.keys()][0]!;
      advance(25 * 3600_000);
      const second = run({ resume: lastKept(first.states) });
      await second.result;
      expectOneReel();
      expect(fake.posts[0]!.containerId).not.toBe(stale);
      expect(second.states.at(-1)).toMatchObject({ step: 'published', retired: [stale] });
      expect(fake.counts.publishCalls).toBe(1);
    },
  );

  it('a published container that reads EXPIRED later is found in the media list, not posted again', async () => {
    const { fake, run, advance } = await setup();
    const first = run({ onSave: killWhen((s) => s.step === 'published') });
    await expect(first.result).rejects.toThrow('killed');
    const container = fake.containers.values().next().value!;
    container.status = 'EXPIRED'; // the fake keeps PUBLISHED; what if Instagram said EXPIRED after a day?
    advance(3600_000);
    const done = await run({ resume: lastKept(first.states) }).result;
    expect(fake.posts).toHaveLength(1);
    expect(done.remoteId).toBe(fake.posts[0]!.id);
    expect(fake.counts).toMatchObject({ publishCalls: 1, containersCreated: 1 });
  });
});
