import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { abortError, type PostDraft } from '@kirinuki/contracts';
import type {
  ClipForPost,
  OAuthTokens,
  PlatformClient,
  PlatformCredentials,
  PublishContext,
  PublishProgress,
  UploadState,
} from '../../platform-client.js';
import { newSignIn } from '../../oauth/authorization-code.js';
import { startXFake, type XFake, type XFakeOptions } from '../../fakes/x-fake.js';
import { createXClient } from '../x-client.js';
import { X_REDIRECT_PORT } from '../x-endpoints.js';

// Tests of the X client against its fake: one virtual clock for both (waits cost no real time),
// a signed-in account, a video file of random bytes, and a publish context that records states.

export const REDIRECT_URI = `http://127.0.0.1:${X_REDIRECT_PORT}/callback`;
export const CONFIDENTIAL: PlatformCredentials = {
  clientId: 'kirinuki-test-client',
  clientSecret: 's3cr3t+/=',
};
export const PUBLIC_CLIENT: PlatformCredentials = { clientId: 'kirinuki-native-app' };

export interface VirtualClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  advance(ms: number): void;
  /** Every wait asked for, in order. */
  waits: number[];
}

export function virtualClock(start = Date.parse('2025-06-01T09:00:00Z')): VirtualClock {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    async sleep(ms, signal) {
      if (signal?.aborted) throw abortError();
      waits.push(ms);
      t += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms) => {
      t += ms;
    },
    waits,
  };
}

export interface TestVideo {
  path: string;
  size: number;
  sha256: string;
  dir: string;
}

/** A file of random bytes (the fake does not decode video), removed by `dispose`. */
export async function testVideo(size: number): Promise<TestVideo & { dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kirinuki-x-'));
  const bytes = randomBytes(size);
  const file = path.join(dir, 'clip.mp4');
  await writeFile(file, bytes);
  return {
    path: file,
    size,
    dir,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface XWorld {
  fake: XFake;
  client: PlatformClient;
  clock: VirtualClock;
  credentials: PlatformCredentials;
  close(): Promise<void>;
}

/** A fake X with the test app registered, and a client sent to it; both on one virtual clock. */
export async function xWorld(
  options: XFakeOptions = {},
  clientOptions: { fetch?: typeof fetch } = {},
): Promise<XWorld> {
  const clock = virtualClock();
  const fake = await startXFake({
    clients: [CONFIDENTIAL, PUBLIC_CLIENT],
    now: clock.now,
    ...options,
  });
  const client = createXClient({
    origin: fake.origin,
    now: clock.now,
    sleep: clock.sleep,
    ...(clientOptions.fetch ? { fetch: clientOptions.fetch } : {}),
  });
  return { fake, client, clock, credentials: CONFIDENTIAL, close: () => fake.close() };
}

/** The whole sign-in: authorize URL → the fake's page redirects with a code → the code for tokens. */
export async function signIn(
  world: Pick<XWorld, 'client'>,
  credentials: PlatformCredentials = CONFIDENTIAL,
  tamper: { codeVerifier?: string } = {},
): Promise<OAuthTokens> {
  const { codeVerifier, codeChallenge, state } = await newSignIn();
  const url = world.client.authorizeUrl(credentials, { redirectUri: REDIRECT_URI, state, codeChallenge });
  const page = await fetch(url, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (page.status !== 302 || !location)
    throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  return world.client.exchangeCode(credentials, {
    url: location,
    state,
    codeVerifier: tamper.codeVerifier ?? codeVerifier,
    redirectUri: REDIRECT_URI,
  });
}

/** The host's token store: refreshes when asked for a fresh token or when the one in hand expired. */
export function tokenStore(world: XWorld, tokens: OAuthTokens) {
  const store = {
    tokens,
    refreshes: 0,
    async accessToken(options: { fresh?: boolean } = {}): Promise<string> {
      const expired = store.tokens.expiresAt !== null && store.tokens.expiresAt <= world.clock.now();
      if (options.fresh || expired) {
        // Saved before it is used: X's refresh tokens are single-use.
        store.tokens = await world.client.refresh(world.credentials, store.tokens);
        store.refreshes += 1;
      }
      return store.tokens.accessToken;
    },
  };
  return store;
}

export interface PublishRecord {
  states: UploadState[];
  progress: PublishProgress[];
}

/** A publish context; `killAfterSave(state, index)` returning true ends the run right after that save. */
export function publishContext(
  store: ReturnType<typeof tokenStore>,
  video: TestVideo,
  options: {
    resume?: UploadState | null;
    signal?: AbortSignal;
    killAfterSave?: (state: UploadState, index: number) => boolean;
    onProgress?: (progress: PublishProgress) => void;
    record?: PublishRecord;
  } = {},
): { context: PublishContext; record: PublishRecord } {
  const record = options.record ?? { states: [], progress: [] };
  const context: PublishContext = {
    signal: options.signal ?? new AbortController().signal,
    accessToken: (o) => store.accessToken(o),
    tokenExtra: store.tokens.extra ?? {},
    file: { path: video.path, size: video.size },
    resume: options.resume ?? null,
    async saveState(state) {
      record.states.push(structuredClone(state));
      if (options.killAfterSave?.(state, record.states.length - 1)) throw new KilledAfterSave(state);
    },
    onProgress(progress) {
      record.progress.push(progress);
      options.onProgress?.(progress);
    },
  };
  return { context, record };
}

/** What a kill -9 right after a state was written looks like to the next run. */
export class KilledAfterSave extends Error {
  constructor(readonly state: UploadState) {
    super(`killed after saving ${state.step}`);
  }
}

export const clipOf = (overrides: Partial<ClipForPost> = {}): ClipForPost => ({
  id: 'clip-1',
  title: 'How we cut a 3-hour talk into clips',
  text: 'So the trick is to start on a sentence boundary.',
  hashtags: ['clips', 'podcast'],
  reasons: ['Strong hook in the first 3 s'],
  durationSec: 42,
  width: 1280,
  height: 720,
  sizeBytes: 8_000_000,
  ...overrides,
});

/** A post for a publish test: the clip adapted with the draft. */
export const postFor = (client: PlatformClient, text: string, draft: PostDraft = {}) =>
  client.adapt(clipOf(), { caption: text, ...draft }, null);
