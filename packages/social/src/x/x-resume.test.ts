import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadState } from '../platform-client.js';
import type { XFakeOptions } from '../fakes/x-fake.js';
import {
  KilledAfterSave,
  postFor,
  publishContext,
  signIn,
  testVideo,
  tokenStore,
  xWorld,
  type TestVideo,
  type XWorld,
} from './test-support/x-harness.js';

// A publish killed at any point goes on from what it saved, or asks X what became of it: exactly
// one post on the fake, with the file's bytes, whatever the point.

const SIZE = 10_000_000;
const DAY = 24 * 3600_000;
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

/** Runs a publish killed right after its `killAt`-th save (or when `kill` says so); the state it left. */
async function killedRun(
  w: XWorld,
  store: ReturnType<typeof tokenStore>,
  killAt: number,
): Promise<UploadState> {
  const { context, record } = publishContext(store, video, { killAfterSave: (_s, i) => i === killAt });
  const error = await w.client.publish(postFor(w.client, 'Resumed post'), context).catch((e) => e);
  expect(error).toBeInstanceOf(KilledAfterSave);
  return record.states.at(-1)!;
}

async function resumedRun(w: XWorld, store: ReturnType<typeof tokenStore>, resume: UploadState) {
  const { context, record } = publishContext(store, video, { resume });
  const result = await w.client.publish(postFor(w.client, 'Resumed post'), context);
  return { result, record };
}

function expectOnePost(w: XWorld, result: { remoteId: string }) {
  expect(w.fake.posts).toHaveLength(1);
  expect(w.fake.posts[0]).toMatchObject({ id: result.remoteId, sha256: video.sha256, size: SIZE });
}

async function start(options: XFakeOptions = {}) {
  world = await xWorld(options);
  return { w: world, store: tokenStore(world, await signIn(world)) };
}

// The saves of a run: uploading ×4 (0–3 segments acknowledged), finalizing, processing, ready, posting, published.
const SAVES = 9;

describe('X publish resumed from every saved step', () => {
  it.each(Array.from({ length: SAVES }, (_, i) => i))('killed after save #%i', async (killAt) => {
    const { w, store } = await start();
    const saved = await killedRun(w, store, killAt);
    const { result, record } = await resumedRun(w, store, saved);
    expectOnePost(w, result);
    expect(w.fake.counts.tweets).toBe(1);
    // The same upload goes on: one media, and no acknowledged segment sent again; the ones that were
    // on the wire beside it (four travel at once: three more) may be.
    expect(w.fake.counts.initialize).toBe(1);
    expect(w.fake.counts.append).toBeGreaterThanOrEqual(3);
    expect(w.fake.counts.append).toBeLessThanOrEqual(6);
    expect(w.fake.counts.finalize).toBe(1);
    if (saved.step === 'posting') expect(w.fake.counts.timeline).toBe(1);
    if (saved.step === 'published') expect(record.states).toEqual([]);
  });

  it('a resume after the media expired uploads again; no post was made with the old one', async () => {
    for (const killAt of [1, 6]) {
      const { w, store } = await start();
      const saved = await killedRun(w, store, killAt);
      w.clock.advance(DAY + 60_000);
      const { result } = await resumedRun(w, store, saved);
      expectOnePost(w, result);
      expect(w.fake.counts.initialize).toBe(2);
      await w.close();
      world = null;
    }
  });

  it('expired media at `posting`: looks for the post first, then uploads again and posts once', async () => {
    const { w, store } = await start();
    const saved = await killedRun(w, store, 7);
    expect(saved.step).toBe('posting');
    w.clock.advance(DAY + 60_000);
    const { result } = await resumedRun(w, store, saved);
    expectOnePost(w, result);
    expect(w.fake.counts.initialize).toBe(2);
    expect(w.fake.counts.timeline).toBeGreaterThanOrEqual(1);
  });
});

describe('the window between "X made the post" and "we recorded it"', () => {
  it('an answer lost in the run: the timeline is asked, and the post found is the result', async () => {
    const { w, store } = await start({ loseTweetAnswers: 1 });
    const { context } = publishContext(store, video);
    const result = await w.client.publish(postFor(w.client, 'Answer lost'), context);
    expectOnePost(w, result);
    expect(w.fake.counts.tweets).toBe(1);
    expect(w.fake.counts.timeline).toBe(1);
  });

  it('an answer lost and the process gone: the resume finds the post instead of posting again', async () => {
    const { w, store } = await start({ loseTweetAnswers: 1 });
    const controller = new AbortController();
    w.fake.onPostCreated = () => controller.abort();
    const { context, record } = publishContext(store, video, { signal: controller.signal });
    await expect(w.client.publish(postFor(w.client, 'Resumed post'), context)).rejects.toThrow();
    const saved = record.states.at(-1)!;
    expect(saved.step).toBe('posting');
    w.fake.onPostCreated = undefined;
    const { result } = await resumedRun(w, store, saved);
    expectOnePost(w, result);
    expect(w.fake.counts.tweets).toBe(1);
  });

  it('waits for a post to show on the timeline before deciding it was not made', async () => {
    const { w, store } = await start({ loseTweetAnswers: 1, timelineLagMs: 2000 });
    const { context } = publishContext(store, video);
    const result = await w.client.publish(postFor(w.client, 'Slow timeline'), context);
    expectOnePost(w, result);
  });

  it('a FINALIZE whose answer was lost: X refuses a second one, STATUS says it is processing, the run goes on', async () => {
    let lost = 0;
    const dropFinalizeAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/finalize') && lost === 0) {
        lost += 1;
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      }
      return response;
    };
    world = await xWorld({}, { fetch: dropFinalizeAnswer });
    const w = world;
    const store = tokenStore(w, await signIn(w));
    const { context } = publishContext(store, video);
    const result = await w.client.publish(postFor(w.client, 'Finalize answer lost'), context);
    expect(lost).toBe(1);
    expectOnePost(w, result);
    expect(w.fake.counts.finalize).toBe(1);
  });

  it('an APPEND whose answer was lost is sent again under its index, and the bytes stay intact', async () => {
    let lost = 0;
    const dropAppendAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/append') && lost < 2) {
        lost += 1;
        throw new TypeError('fetch failed');
      }
      return response;
    };
    world = await xWorld({}, { fetch: dropAppendAnswer });
    const w = world;
    const store = tokenStore(w, await signIn(w));
    const { context } = publishContext(store, video);
    const result = await w.client.publish(postFor(w.client, 'Append answer lost'), context);
    expectOnePost(w, result);
    expect(w.fake.counts.append).toBe(5);
  });
});
