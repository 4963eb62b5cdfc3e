import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstagramFake, type InstagramFake } from '@kirinuki/social/fakes/instagram-fake';
import { startTikTokFake, type TikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { tempLibrary } from './test-support/run-cli.js';
import { connectAccount, libraryWithClips, LONG_CLIPS, runCli } from './test-support/publish-setup.js';

const library = tempLibrary('kirinuki-publish-tt-ig-');
const REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';
let clipIds: string[] = [];
let tiktok: TikTokFake;
let instagram: InstagramFake;
let env: NodeJS.ProcessEnv;

interface PostJson {
  platform: string;
  status: string;
  remoteId: string | null;
  error: { code: string; message: string } | null;
}

beforeAll(async () => {
  clipIds = await libraryWithClips(library, 3, LONG_CLIPS);
  tiktok = await startTikTokFake({
    clientId: 'tt-app',
    clientSecret: 'tt-secret',
    unaudited: true,
    privacyLevelOptions: ['SELF_ONLY'],
    processingPolls: 0,
  });
  instagram = await startInstagramFake({
    clientId: 'ig-app',
    clientSecret: 'ig-secret',
    redirectUris: [REDIRECT],
    processingPolls: 0,
  });
  env = {
    KIRINUKI_PLATFORM_ORIGIN_TIKTOK: tiktok.origin,
    KIRINUKI_PLATFORM_ORIGIN_INSTAGRAM: instagram.origin,
  };
}, 120_000);
afterAll(async () => {
  await Promise.all([tiktok?.close(), instagram?.close()]);
  rmSync(path.dirname(library), { recursive: true, force: true });
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const kirinuki = (args: string[]) => runCli([...args, '--library', library], { env, timeoutMs: 120_000 });

describe('kirinuki accounts + publish, against the TikTok and Instagram fakes', () => {
  it('says how Instagram is connected when no https redirect is given', async () => {
    const run = await kirinuki([
      'accounts',
      'connect',
      'instagram',
      '--no-browser',
      '--client-id',
      'ig-app',
      '--client-secret',
      'ig-secret',
      '--json',
    ]);
    expect(run.code).toBe(2);
    expect(run.json<{ error: { code: string; hint: string } }>().error).toMatchObject({
      code: 'NOT_SUPPORTED',
      hint: expect.stringContaining('--redirect-uri'),
    });
  });

  it.each([
    ['https://evil.example/callback?code=stolen&state=x\n', /not the address/],
    ['', /No address was pasted/],
  ])('refuses a pasted address %j that is not the registered redirect', async (input, message) => {
    const run = await runCli(
      [
        'accounts',
        'connect',
        'instagram',
        '--no-browser',
        '--client-id',
        'ig-app',
        '--client-secret',
        'ig-secret',
        '--redirect-uri',
        REDIRECT,
        '--json',
        '--library',
        library,
      ],
      { env, input, timeoutMs: 60_000 },
    );
    expect(run.code).toBe(2);
    const { error } = run.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('SIGN_IN_FAILED');
    expect(error.message).toMatch(message);
  });

  it('connects TikTok (loopback, hex PKCE) and Instagram (registered https redirect, pasted back)', async () => {
    const tt = await connectAccount({
      platform: 'tiktok',
      library,
      env,
      clientId: 'tt-app',
      clientSecret: 'tt-secret',
    });
    expect(tt.code, tt.stderr).toBe(0);
    const ig = await connectAccount({
      platform: 'instagram',
      library,
      env,
      clientId: 'ig-app',
      clientSecret: 'ig-secret',
      extra: ['--redirect-uri', REDIRECT],
    });
    expect(ig.code, ig.stderr).toBe(0);
    expect(ig.stderr).toContain('paste the address');
    const { accounts } = (await kirinuki(['accounts', 'list', '--json'])).json<{
      accounts: Array<{ platform: string; status: string }>;
    }>();
    expect(accounts.map((a) => `${a.platform}:${a.status}`).sort()).toEqual([
      'instagram:connected',
      'tiktok:connected',
    ]);
  }, 120_000);

  it('refuses TikTok without a privacy choice, and a privacy the unaudited app is not offered', async () => {
    for (const flags of [[], ['--privacy', 'public']]) {
      const run = await kirinuki(['publish', clipIds[1]!, '--to', 'tiktok', ...flags, '--json']);
      expect(run.code, run.stdout).toBe(2);
      expect(run.json<{ error: { code: string; message: string } }>().error.message).toMatch(
        /privacy|offer/i,
      );
    }
    expect(tiktok.posts).toHaveLength(0);
  }, 60_000);

  it('publishes one clip to TikTok (SELF_ONLY) and Instagram Reels, each its own render byte for byte', async () => {
    // One privacy per command: Instagram has none per post (and says so if one is asked).
    const posts: PostJson[] = [];
    for (const flags of [
      ['--to', 'tiktok', '--privacy', 'private'],
      ['--to', 'instagram'],
    ]) {
      const run = await kirinuki(['publish', clipIds[0]!, ...flags, '--json']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      posts.push(...run.json<{ posts: PostJson[] }>().posts);
    }
    expect(posts.map((p) => [p.platform, p.status, p.error])).toEqual([
      ['tiktok', 'published', null],
      ['instagram', 'published', null],
    ]);
    expect(tiktok.posts).toHaveLength(1);
    expect(instagram.posts).toHaveLength(1);
    expect(posts[1]!.remoteId).toBe(instagram.posts[0]!.id);
    const renders = (await kirinuki(['events', '--json']))
      .json<{ events: Array<{ type: string; payload: { preset: string; output: string } }> }>()
      .events.filter((e) => e.type === 'ClipRendered');
    const fileOf = (preset: string) => renders.find((e) => e.payload.preset === preset)!.payload.output;
    expect(tiktok.posts[0]!.sha256).toBe(sha256(fileOf('tiktok')));
    expect(instagram.posts[0]!.sha256).toBe(sha256(fileOf('reels')));
  }, 180_000);
});
