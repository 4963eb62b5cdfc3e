import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXFake, type XFake } from '@kirinuki/social/fakes/x-fake';
import { startYouTubeFake, type YouTubeFake } from '@kirinuki/social/fakes/youtube-fake';
import { CLI_BIN, tempLibrary } from './test-support/run-cli.js';
import { connectAccount, exited, libraryWithClips, runCli, slowProxy } from './test-support/publish-setup.js';

const library = tempLibrary('kirinuki-publish-');
let clipIds: string[] = [];
let youtube: YouTubeFake;
let x: XFake;
let env: NodeJS.ProcessEnv;
const proxies: Array<{ close(): Promise<void> }> = [];

interface PostJson {
  id: string;
  clipId: string;
  platform: string;
  accountId: string;
  status: string;
  remoteId: string | null;
  url: string | null;
  error: { code: string; message: string } | null;
}

beforeAll(async () => {
  clipIds = await libraryWithClips(library, 8);
  youtube = await startYouTubeFake({
    clientId: 'yt-app',
    clientSecret: 'yt-secret',
    dailyQuota: 1_000_000,
    uploadsPerDay: 1_000,
  });
  x = await startXFake({ clientId: 'x-app', clientSecret: 'x-secret', processingMs: 200 });
  env = { KIRINUKI_PLATFORM_ORIGIN_YOUTUBE: youtube.origin, KIRINUKI_PLATFORM_ORIGIN_X: x.origin };
}, 120_000);
afterAll(async () => {
  await Promise.all([youtube?.close(), x?.close(), ...proxies.map((p) => p.close())]);
  rmSync(path.dirname(library), { recursive: true, force: true });
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const kirinuki = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  runCli([...args, '--library', library], { env: { ...env, ...extra }, timeoutMs: 120_000 });

describe('kirinuki accounts + publish + posts, against the YouTube and X fakes', () => {
  it('connects accounts through the browser sign-in (PKCE, loopback redirect), tokens in the secret store only', async () => {
    for (const [platform, clientId, clientSecret] of [
      ['youtube', 'yt-app', 'yt-secret'],
      ['x', 'x-app', 'x-secret'],
    ] as const) {
      const run = await connectAccount({ platform, library, env, clientId, clientSecret });
      expect(run.code, run.stderr).toBe(0);
      expect(run.json().account).toMatchObject({ platform, status: 'connected' });
    }
    const listed = (await kirinuki(['accounts', 'list', '--json'])).json<{
      accounts: Array<{ platform: string }>;
    }>();
    expect(listed.accounts.map((a) => a.platform).sort()).toEqual(['x', 'youtube']);
    // Tokens are not in any database.
    const dbs = ['library.db', 'jobs.db', 'social.db']
      .map((f) => readFileSync(path.join(library, f)).toString('latin1'))
      .join('');
    expect(dbs).not.toMatch(/at\.[A-Za-z0-9_-]{20}/);
  }, 120_000);

  it('publishes one clip to two platforms: one post each, its render byte for byte, with links', async () => {
    const run = await kirinuki([
      'publish',
      clipIds[0]!,
      '--to',
      'youtube,x',
      '--privacy',
      'public',
      '--made-for-kids',
      'no',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { posts } = run.json<{ posts: PostJson[] }>();
    expect(posts.map((p) => [p.platform, p.status])).toEqual([
      ['youtube', 'published'],
      ['x', 'published'],
    ]);
    expect(youtube.posts).toHaveLength(1);
    expect(x.posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      remoteId: youtube.posts[0]!.id,
      url: `https://youtube.com/shorts/${youtube.posts[0]!.id}`,
    });
    expect(posts[1]!.remoteId).toBe(x.posts[0]!.id);
    // The uploads are the renders for each preset, as the library holds them.
    const renders = (await kirinuki(['events', '--json']))
      .json<{ events: Array<{ type: string; payload: { preset: string; output: string } }> }>()
      .events.filter((e) => e.type === 'ClipRendered');
    const fileOf = (preset: string) => renders.find((e) => e.payload.preset === preset)!.payload.output;
    expect(youtube.posts[0]!.sha256).toBe(sha256(fileOf('shorts')));
    expect(x.posts[0]!.sha256).toBe(sha256(fileOf('x')));
    expect(run.stderr).toMatch(/publish +\d+%/);
    const events = (await kirinuki(['events', '--json']))
      .json<{ events: Array<{ type: string }> }>()
      .events.map((e) => e.type);
    expect(events.filter((t) => t === 'PostQueued')).toHaveLength(2);
    expect(events.filter((t) => t === 'PostPublished')).toHaveLength(2);
    // Publishing a proposed clip approved it.
    const clip = (await kirinuki(['clips', 'get', clipIds[0]!, '--json'])).json<{
      clip: { status: string };
    }>();
    expect(clip.clip.status).toBe('approved');
  }, 180_000);

  it.each([
    [['--to', 'myspace'], 'INVALID_ARGUMENT'],
    [['--to', 'youtube', '--privacy', 'public'], 'INVALID_ARGUMENT'],
    [['--to', 'youtube', '--privacy', 'friends', '--made-for-kids', 'no'], 'INVALID_ARGUMENT'],
    [['--to', 'x', '--caption', 'x'.repeat(281)], 'POST_DOES_NOT_FIT'],
    [['--to', 'x', '--made-for-kids', 'maybe'], 'INVALID_ARGUMENT'],
  ])('refuses %j with %s, before anything is posted', async (flags, code) => {
    const before = { youtube: youtube.posts.length, x: x.posts.length };
    const run = await kirinuki(['publish', clipIds[1]!, ...flags, '--json']);
    expect(run.code).toBe(2);
    expect(run.json<{ error: { code: string } }>().error.code, run.stdout).toBe(code);
    expect({ youtube: youtube.posts.length, x: x.posts.length }).toEqual(before);
  });

  it('says what is missing: an unknown clip, an account not connected', async () => {
    expect(
      (await kirinuki(['publish', 'nope', '--to', 'x', '--json'])).json<{ error: { code: string } }>().error
        .code,
    ).toBe('NOT_FOUND');
    const other = tempLibrary('kirinuki-publish-none-');
    const [clip] = await libraryWithClips(other);
    const run = await runCli(
      ['publish', clip!, '--to', 'youtube', '--made-for-kids', 'no', '--json', '--library', other],
      { env },
    );
    expect(run.json<{ error: { code: string; hint: string } }>().error).toMatchObject({
      code: 'ACCOUNT_NOT_CONNECTED',
      hint: expect.stringContaining('accounts connect youtube'),
    });
    rmSync(path.dirname(other), { recursive: true, force: true });
  });

  it('uploads the render `kirinuki render` made for the preset, not a new one (publishing approves the clip; the render stays current)', async () => {
    const clipId = clipIds[1]!;
    const rendered = await kirinuki(['render', clipId, '--platform', 'shorts', '--style', 'none', '--json']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const rendersOf = async () =>
      (await kirinuki(['events', '--json']))
        .json<{ events: Array<{ type: string; aggregateId: string; payload: { output: string } }> }>()
        .events.filter((e) => e.type === 'ClipRendered' && e.aggregateId === clipId);
    const [render] = await rendersOf();
    const run = await kirinuki([
      'publish',
      clipId,
      '--to',
      'youtube',
      '--privacy',
      'unlisted',
      '--made-for-kids',
      'no',
      '--json',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [published] = run.json<{ posts: PostJson[] }>().posts;
    expect(published!.status).toBe('published');
    expect(await rendersOf()).toHaveLength(1);
    const video = youtube.posts.find((p) => p.id === published!.remoteId)!;
    expect(video.sha256).toBe(sha256(render!.payload.output));
  }, 120_000);

  it('publishes exactly once when the CLI or its publish service is killed at random points and the queue is resumed', async () => {
    // Exactly once is the question here, not the daily window: pacing off (the fake's limits are raised).
    expect((await kirinuki(['settings', 'set', 'scheduling.pacing', 'false'])).code).toBe(0);
    const slow = await slowProxy(youtube.origin, 120);
    proxies.push(slow);
    const slowEnv = { KIRINUKI_PLATFORM_ORIGIN_YOUTUBE: slow.origin };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const childrenOf = (pid: number) => {
      try {
        return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .filter(Boolean)
          .map(Number);
      } catch {
        return [];
      }
    };
    for (const [round, clipId] of clipIds.slice(2, 8).entries()) {
      const child = spawn(
        process.execPath,
        [
          CLI_BIN,
          'publish',
          clipId,
          '--to',
          'youtube',
          '--made-for-kids',
          'no',
          '--json',
          '--library',
          library,
        ],
        {
          env: { ...process.env, ...env, ...slowEnv },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      // Kill once the upload began (its first progress), at a random moment of it.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 60_000);
        child.stderr!.on('data', (c: Buffer) => {
          if (/publish/.test(c.toString())) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => resolve());
      });
      await new Promise((r) => setTimeout(r, random() * 900));
      if (round % 2 === 1) for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
      await exited(child);
    }
    const resumed = await kirinuki(['jobs', 'resume', '--json'], slowEnv);
    expect(resumed.code, resumed.stderr).toBe(0);
    const { posts } = (await kirinuki(['posts', 'list', '--json'])).json<{ posts: PostJson[] }>();
    const ours = posts.filter((p) => p.platform === 'youtube' && clipIds.slice(2).includes(p.clipId));
    expect(
      ours.map((p) => p.status),
      JSON.stringify(ours.filter((p) => p.status !== 'published')),
    ).toEqual(ours.map(() => 'published'));
    // Every post the library holds is on the platform once, and the platform holds nothing else.
    const remote = youtube.posts.map((p) => p.id);
    expect(new Set(remote).size).toBe(remote.length);
    const earlier = new Set(
      posts
        .filter((p) => p.platform === 'youtube' && !clipIds.slice(2).includes(p.clipId))
        .map((p) => p.remoteId),
    );
    expect(ours.map((p) => p.remoteId).sort()).toEqual(remote.filter((id) => !earlier.has(id)).sort());
  }, 300_000);

  it('spaces uploads past YouTube’s six a day: the next one waits for the window (no attempt used), the platform is not asked', async () => {
    expect((await kirinuki(['settings', 'set', 'scheduling.pacing', 'true'])).code).toBe(0);
    const before = (await kirinuki(['posts', 'list', '--json'])).json<{
      posts: Array<PostJson & { updatedAt: string }>;
    }>().posts;
    const published = before
      .filter((p) => p.platform === 'youtube' && p.status === 'published')
      .map((p) => Date.parse(p.updatedAt))
      .sort((a, b) => a - b);
    expect(published.length).toBeGreaterThanOrEqual(6);
    const uploads = youtube.posts.length;
    const run = await kirinuki([
      'publish',
      clipIds[0]!,
      '--to',
      'youtube',
      '--made-for-kids',
      'no',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [paced] = run.json<{ posts: PostJson[] }>().posts;
    expect(paced).toMatchObject({ status: 'queued', error: { code: 'POST_PACED' } });
    expect(youtube.posts.length).toBe(uploads);
    // It goes out once the sixth-latest upload is a day old, and waiting did not use up an attempt.
    const jobs = (await kirinuki(['jobs', 'list', '--json'])).json<{
      jobs: Array<{ subjectId: string; stage: string; status: string; attempts: number }>;
    }>().jobs;
    const job = jobs.find((j) => j.subjectId === paced!.id && j.stage === 'publish')!;
    expect(job).toMatchObject({ status: 'queued', attempts: 0 });
    const until = Date.parse(/waits until (\S+)\.$/.exec(paced!.error!.message)![1]!);
    expect(Math.abs(until - (published.at(-6)! + 86_400_000))).toBeLessThan(2_000);
    expect((await kirinuki(['posts', 'cancel', paced!.id, '--json'])).code).toBe(0);
  }, 120_000);

  it('warns when scheduling past the window: the seventh YouTube upload within a day, not one three days on', async () => {
    const base = Date.now() + 86_400_000;
    const scheduleAt = async (ms: number) => {
      const run = await kirinuki([
        'schedule',
        clipIds[1]!,
        '--to',
        'youtube',
        '--made-for-kids',
        'no',
        '--at',
        new Date(ms).toISOString(),
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      return run.json<{ posts: PostJson[]; warnings: string[] }>();
    };
    const made: PostJson[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await scheduleAt(base + i * 60_000);
      expect(answer.warnings).toEqual([]);
      made.push(...answer.posts);
    }
    const seventh = await scheduleAt(base + 3_600_000);
    expect(seventh.warnings).toEqual([
      expect.stringMatching(/^youtube: .*6 uploads.*7 posts due within 24 h/),
    ]);
    const later = await scheduleAt(base + 3 * 86_400_000);
    expect(later.warnings).toEqual([]);
    for (const p of [...made, ...seventh.posts, ...later.posts])
      expect((await kirinuki(['posts', 'cancel', p.id, '--json'])).code).toBe(0);
  }, 120_000);

  it('gives the upload slot back when X’s posting limit is used up minutes away: the post waits queued with the reason, no attempt used, the media not uploaded again', async () => {
    x.useUpLimit('tweets', 600);
    const media = x.media.size;
    const posts = x.posts.length;
    const started = Date.now();
    const run = await kirinuki(['publish', clipIds[3]!, '--to', 'x', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const [waiting] = run.json<{ posts: PostJson[] }>().posts;
    expect(waiting).toMatchObject({ status: 'queued', error: { code: 'PLATFORM_RATE_LIMITED' } });
    const until = Date.parse(/the limit resets at (\S+)\)/.exec(waiting!.error!.message)![1]!);
    expect(Math.abs(until - (started + 600_000))).toBeLessThan(30_000);
    // The media went up once and is kept for the later run; nothing was posted.
    expect(x.media.size).toBe(media + 1);
    expect(x.posts.length).toBe(posts);
    const jobs = (await kirinuki(['jobs', 'list', '--json'])).json<{
      jobs: Array<{ subjectId: string; stage: string; status: string; attempts: number }>;
    }>().jobs;
    expect(jobs.find((j) => j.subjectId === waiting!.id && j.stage === 'publish')).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    expect((await kirinuki(['posts', 'cancel', waiting!.id, '--json'])).code).toBe(0);
  }, 120_000);
});
