import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortError } from '@kirinuki/contracts';
import { expect } from 'vitest';
import { startInstagramFake, type InstagramFakeOptions } from '../../fakes/instagram-fake.js';
import type { PlatformPost, PublishContext, PublishProgress, UploadState } from '../../platform-client.js';
import { createInstagramClient, type InstagramClientOptions } from '../instagram-client.js';

// What the publish tests share: a clip file of random bytes, the fake and the client on one clock
// that the client's instant sleeps move on, and a host that hands out tokens and keeps saved states.

export const MiB = 2 ** 20;

export interface ClipFile {
  path: string;
  size: number;
  sha256: string;
  remove(): Promise<void>;
}

export async function makeClipFile(size = 3 * MiB + 5): Promise<ClipFile> {
  const dir = await mkdtemp(join(tmpdir(), 'kirinuki-instagram-'));
  const path = join(dir, 'clip.mp4');
  const bytes = randomBytes(size);
  await writeFile(path, bytes);
  return {
    path,
    size,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const reelPost: PlatformPost = {
  platform: 'instagram',
  text: 'Why the cache was slow 🎬\n\n#performance #切り抜き',
  privacy: null,
  options: { share_to_feed: true },
};

export interface RunOptions {
  resume?: UploadState | null;
  signal?: AbortSignal;
  /** Called as a state is saved, before it is kept; throwing here is a kill before it was recorded. */
  onSave?: (state: UploadState, n: number) => void;
  /** Called once a state is kept; throwing here is a kill right after it was recorded. */
  afterSave?: (state: UploadState, n: number) => void;
}

export async function startHarness(
  clip: ClipFile,
  fakeOptions: InstagramFakeOptions = {},
  clientOptions: InstagramClientOptions = {},
) {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const now = () => clock;
  const sleeps: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw abortError();
    sleeps.push(ms);
    clock += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
  const fake = await startInstagramFake({ now, seed: 7, processingPolls: 2, ...fakeOptions });
  const newClient = () =>
    createInstagramClient({
      origin: fake.origin,
      now,
      sleep,
      pollIntervalMs: 1000,
      uploadChunkBytes: MiB,
      ...clientOptions,
    });
  const host = {
    token: fake.issueToken(),
    freshCalls: 0,
    /** Lifetime of the tokens a `fresh` call hands out (default: the platform's 60 days). */
    freshTtlSec: undefined as number | undefined,
  };

  /** One run of publish in a new client (a new process), as the host does it. */
  function run(options: RunOptions = {}) {
    const states: UploadState[] = [];
    const progress: PublishProgress[] = [];
    const context: PublishContext = {
      signal: options.signal ?? new AbortController().signal,
      accessToken: async (o) => {
        if (o?.fresh) {
          host.freshCalls += 1;
          host.token = fake.issueToken(host.freshTtlSec ? { ttlSec: host.freshTtlSec } : {});
        }
        return host.token;
      },
      tokenExtra: { user_id: fake.userId },
      file: { path: clip.path, size: clip.size },
      resume: options.resume ?? null,
      saveState: async (state) => {
        options.onSave?.(state, states.length + 1);
        states.push(structuredClone(state));
        options.afterSave?.(state, states.length);
      },
      onProgress: (p) => progress.push(p),
    };
    return { states, progress, result: newClient().publish(reelPost, context) };
  }

  /** Exactly one reel on the fake, made of the file's bytes, with the caption sent. */
  function expectOneReel(remoteId?: string) {
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({ sha256: clip.sha256, size: clip.size, caption: reelPost.text });
    if (remoteId) expect(fake.posts[0]!.id).toBe(remoteId);
  }

  return { fake, run, host, sleeps, newClient, expectOneReel, advance: (ms: number) => (clock += ms), now };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
