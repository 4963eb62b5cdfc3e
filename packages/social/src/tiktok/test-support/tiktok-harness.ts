import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { abortError } from '@kirinuki/contracts';
import { startTikTokFake, type TikTokFake, type TikTokFakeOptions } from '../../fakes/tiktok-fake.js';
import { newSignIn } from '../../oauth/authorization-code.js';
import type {
  OAuthTokens,
  PlatformClient,
  PlatformCredentials,
  PublishContext,
  PublishProgress,
  UploadState,
} from '../../platform-client.js';
import { createTikTokClient, type TikTokClientOptions } from '../tiktok-client.js';

export const CREDENTIALS: PlatformCredentials = {
  clientId: 'aw-test-client-key',
  clientSecret: 'test-secret',
};
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback/';

/** A clock the fake and the client share; `sleep` moves it instead of waiting. */
export function virtualClock(start = Date.parse('2025-06-01T00:00:00Z')) {
  let time = start;
  const slept: number[] = [];
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    slept,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw abortError();
      slept.push(ms);
      time += ms;
    },
  };
}

const running = new Set<TikTokFake>();

/** A TikTok fake for the test app and a client sent to it, both on one virtual clock. */
export async function fakeAndClient(
  options: Partial<TikTokFakeOptions> = {},
  clientOptions: TikTokClientOptions = {},
) {
  const clock = virtualClock();
  const fake = await startTikTokFake({
    clientId: CREDENTIALS.clientId,
    clientSecret: CREDENTIALS.clientSecret!,
    now: clock.now,
    ...options,
  });
  running.add(fake);
  const client = createTikTokClient({
    origin: fake.origin,
    now: clock.now,
    sleep: clock.sleep,
    ...clientOptions,
  });
  return { fake, client, clock };
}

/** Closes every fake `fakeAndClient` started (run after each test). */
export async function closeFakes(): Promise<void> {
  await Promise.all([...running].map((fake) => fake.close()));
  running.clear();
}

/** A file of random bytes in a temp folder, with its sha256. */
export async function testVideo(size: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kirinuki-tiktok-'));
  const file = path.join(dir, 'clip.mp4');
  const bytes = randomBytes(size);
  await writeFile(file, bytes);
  return {
    path: file,
    size,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The sign-in as the CLI does it: the authorize URL, the fake's "Allow" redirect, the code exchange. */
export async function signIn(
  client: PlatformClient,
  credentials: PlatformCredentials = CREDENTIALS,
  tamper: { codeVerifier?: string; state?: string } = {},
): Promise<OAuthTokens> {
  const { codeVerifier, codeChallenge, state } = await newSignIn();
  const url = client.authorizeUrl(credentials, { redirectUri: REDIRECT_URI, state, codeChallenge });
  const answer = await fetch(url, { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`authorize answered ${answer.status}: ${await answer.text()}`);
  return client.exchangeCode(credentials, {
    url: location,
    state: tamper.state ?? state,
    codeVerifier: tamper.codeVerifier ?? codeVerifier,
    redirectUri: REDIRECT_URI,
  });
}

/** The host's token store: the saved tokens until the platform says they expired (then a refresh). */
export function tokenStore(client: PlatformClient, tokens: OAuthTokens, credentials = CREDENTIALS) {
  const store = {
    tokens,
    freshRequests: 0,
    async accessToken(options?: { fresh?: boolean }) {
      if (options?.fresh) {
        store.freshRequests += 1;
        store.tokens = await client.refresh(credentials, store.tokens);
      }
      return store.tokens.accessToken;
    },
  };
  return store;
}

/** Thrown by a saveState that "kills" the process right after the state was written. */
export class Killed extends Error {
  override readonly name = 'Killed';
}

/** A publish context whose saved states and progress are recorded; `killAfterSave(n)` dies after the n-th save. */
export function publishContext(options: {
  store: { accessToken(options?: { fresh?: boolean }): Promise<string> };
  file: { path: string; size: number };
  resume?: UploadState | null;
  tokenExtra?: Record<string, string>;
  killAfterSave?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PublishProgress) => void;
}) {
  const saved: UploadState[] = [];
  const progress: PublishProgress[] = [];
  const context: PublishContext = {
    signal: options.signal ?? new AbortController().signal,
    accessToken: (o) => options.store.accessToken(o),
    tokenExtra: options.tokenExtra ?? {},
    file: options.file,
    resume: options.resume ?? null,
    saveState: async (state) => {
      saved.push(structuredClone(state));
      if (options.killAfterSave === saved.length) throw new Killed(`killed after save ${saved.length}`);
    },
    onProgress: (p) => {
      progress.push(p);
      options.onProgress?.(p);
    },
  };
  return { context, saved, progress, last: () => saved.at(-1) ?? null };
}
