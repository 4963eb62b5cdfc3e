import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startYouTubeFake, type YouTubeFake, type YouTubeFakeOptions } from '../../fakes/youtube-fake.js';
import { newSignIn } from '../../oauth/authorization-code.js';
import type {
  OAuthTokens,
  PlatformClient,
  PlatformCredentials,
  PublishContext,
  PublishProgress,
  UploadState,
} from '../../platform-client.js';
import { createYouTubeClient, type YouTubeClientOptions } from '../youtube-client.js';

// What the YouTube tests share: a fake with a clock the client's sleep moves forward, a client
// pointed at it, a signed-in account, a test file, and a host that keeps tokens and saved state.

export const CREDENTIALS: PlatformCredentials = {
  clientId: 'desktop-client.apps.test',
  clientSecret: 'GOCSPX-test',
};
export const REDIRECT_URI = 'http://127.0.0.1:53682/oauth/youtube';

export interface TestClock {
  now(): number;
  advance(ms: number): void;
  /** Every wait the client asked for, in ms. */
  sleeps: number[];
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function testClock(start = Date.UTC(2025, 0, 6, 9)): TestClock {
  let at = start;
  const sleeps: number[] = [];
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
    sleeps,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      at += ms;
    },
  };
}

export interface TestRig {
  fake: YouTubeFake;
  client: PlatformClient;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startRig(
  fakeOptions: Partial<YouTubeFakeOptions> = {},
  clientOptions: Partial<YouTubeClientOptions> = {},
): Promise<TestRig> {
  const clock = testClock();
  const fake = await startYouTubeFake({
    clientId: CREDENTIALS.clientId,
    clientSecret: CREDENTIALS.clientSecret!,
    now: clock.now,
    ...fakeOptions,
  });
  const client = createYouTubeClient({
    origin: fake.origin,
    sleep: clock.sleep,
    now: clock.now,
    chunkBytes: 512 * 1024,
    ...clientOptions,
  });
  return { fake, client, clock, close: () => fake.close() };
}

/** The whole sign-in: the authorize URL, the fake's consent page (it allows at once), the code exchange. */
export async function signIn(
  rig: TestRig,
  credentials: PlatformCredentials = CREDENTIALS,
): Promise<{
  tokens: OAuthTokens;
  authorizeUrl: string;
  callbackUrl: string;
  codeVerifier: string;
  state: string;
}> {
  const { codeVerifier, codeChallenge, state } = await newSignIn();
  const authorizeUrl = rig.client.authorizeUrl(credentials, {
    redirectUri: REDIRECT_URI,
    state,
    codeChallenge,
  });
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const callbackUrl = page.headers.get('location');
  if (page.status !== 302 || !callbackUrl) throw new Error(`authorize answered ${page.status}`);
  const tokens = await rig.client.exchangeCode(credentials, {
    url: callbackUrl,
    state,
    codeVerifier,
    redirectUri: REDIRECT_URI,
  });
  return { tokens, authorizeUrl, callbackUrl, codeVerifier, state };
}

export interface TestFile {
  path: string;
  size: number;
  sha256: string;
  remove(): Promise<void>;
}

/** Random bytes of `size` in a temp dir (the fake does not decode video). */
export async function testFile(size: number): Promise<TestFile> {
  const dir = await mkdtemp(join(tmpdir(), 'kirinuki-yt-'));
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

/**
 * A host as the publish service would be: it keeps the tokens (refreshing only when the client
 * says the one in hand was refused), records every saved state, and may "die" after a given save.
 */
export class TestHost {
  saved: UploadState[] = [];
  progress: PublishProgress[] = [];
  refreshes = 0;
  constructor(
    private readonly rig: TestRig,
    public tokens: OAuthTokens,
  ) {}

  context(
    file: TestFile,
    options: { resume?: UploadState | null; signal?: AbortSignal; dieAfterSave?: number } = {},
  ): PublishContext {
    const savesBefore = this.saved.length;
    return {
      signal: options.signal ?? new AbortController().signal,
      accessToken: async ({ fresh } = {}) => {
        if (fresh) {
          this.refreshes += 1;
          this.tokens = await this.rig.client.refresh(CREDENTIALS, this.tokens);
        }
        return this.tokens.accessToken;
      },
      tokenExtra: {},
      file: { path: file.path, size: file.size },
      resume: options.resume ?? null,
      saveState: async (state) => {
        this.saved.push(structuredClone(state));
        if (options.dieAfterSave !== undefined && this.saved.length - savesBefore === options.dieAfterSave)
          throw new Error(`killed after save ${options.dieAfterSave}`);
      },
      onProgress: (progress) => {
        this.progress.push(progress);
      },
    };
  }

  get last(): UploadState | null {
    return this.saved.at(-1) ?? null;
  }
}
