import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startXFake, type XFake } from '@kirinuki/social/fakes/x-fake';
import { CLI_BIN, tempLibrary } from './test-support/run-cli.js';
import { connectAccount, exited, libraryWithClips, runCli } from './test-support/publish-setup.js';

// kirinuki schedule / posts reschedule / kirinuki scheduler against the X fake: posts go out at
// their time (never before), a killed scheduler loses and doubles nothing, a standby takes over,
// a post whose time passed while nothing ran is missed and can be published on request.

const library = tempLibrary('kirinuki-schedule-');
let clipIds: string[] = [];
let x: XFake;
let env: NodeJS.ProcessEnv;
const schedulers: ChildProcess[] = [];

interface PostJson {
  id: string;
  platform: string;
  status: string;
  at: string | null;
  remoteId: string | null;
  error: { code: string } | null;
}

beforeAll(async () => {
  clipIds = await libraryWithClips(library, 4);
  x = await startXFake({ clientId: 'x-app', clientSecret: 'x-secret', processingMs: 100 });
  env = { KIRINUKI_PLATFORM_ORIGIN_X: x.origin };
  const run = await connectAccount({
    platform: 'x',
    library,
    env,
    clientId: 'x-app',
    clientSecret: 'x-secret',
  });
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterEach(async () => {
  for (const child of schedulers.splice(0)) {
    child.kill('SIGKILL');
    await exited(child);
  }
});
afterAll(async () => {
  await x?.close();
  rmSync(path.dirname(library), { recursive: true, force: true });
});

const kirinuki = (args: string[]) => runCli([...args, '--library', library], { env, timeoutMs: 120_000 });
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

let serial = 0;
/** Schedules a clip to X; each post has its own text (X refuses a post that repeats an earlier one). */
async function schedule(clipId: string, at: string, extra: string[] = []) {
  serial += 1;
  const caption = `Scheduled post ${serial}`;
  const run = await kirinuki([
    'schedule',
    clipId,
    '--to',
    'x',
    '--at',
    at,
    '--caption',
    caption,
    ...extra,
    '--json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  return run.json<{ posts: PostJson[] }>().posts[0]!;
}

/** `kirinuki scheduler` as a child; its lines (JSON) as they come. */
function startScheduler() {
  const child = spawn(process.execPath, [CLI_BIN, 'scheduler', '--json', '--library', library], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  schedulers.push(child);
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000) => {
    const end = Date.now() + timeoutMs;
    while (!lines.some((l) => pattern.test(l))) {
      if (Date.now() > end) throw new Error(`no line matched ${pattern}; got:\n${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, lines, waitFor };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The coded error a failed --json command printed. */
const errorOf = (run: { stdout: string; stderr: string }) =>
  (JSON.parse(run.stdout.trim() || run.stderr.trim().split('\n').at(-1)!) as { error: { code: string } })
    .error;
const posted = (post: PostJson) => x.posts.filter((p) => p.id === post.remoteId);
const getPost = async (id: string) =>
  (await kirinuki(['posts', 'get', id, '--json'])).json<{ post: PostJson }>().post;

describe('kirinuki schedule and kirinuki scheduler, against the X fake', () => {
  it('schedules a post (rendered now), and the scheduler posts it at its time, not before, its publish service started just before', async () => {
    const at = inSeconds(12);
    const post = await schedule(clipIds[0]!, at);
    expect(post).toMatchObject({ platform: 'x', status: 'scheduled', at });
    // The render was made when it was scheduled.
    const events = (await kirinuki(['events', '--json'])).json<{ events: Array<{ type: string }> }>().events;
    expect(events.some((e) => e.type === 'ClipRendered')).toBe(true);
    const listed = (await kirinuki(['posts', 'list', '--scheduled', '--json'])).json<{ posts: PostJson[] }>();
    expect(listed.posts.map((p) => p.id)).toContain(post.id);
    const before = x.posts.length;
    const scheduler = startScheduler();
    await scheduler.waitFor(/holding the scheduler lease/);
    await scheduler.waitFor(/: 1 post scheduled; Ctrl-C to stop/);
    await until(() => x.posts.length > before);
    const remote = x.posts.at(-1)!;
    expect(remote.createdAt).toBeGreaterThanOrEqual(Date.parse(at));
    await until(async () => (await getPost(post.id)).status === 'published');
    await scheduler.waitFor(new RegExp(`post ${post.id} \\(x\\): published`));
    // The scheduler warmed the publish service up ahead of the due time (3 s), not at it.
    const logDir = path.join(library, 'logs');
    const started = readdirSync(logDir)
      .flatMap((f) => readFileSync(path.join(logDir, f), 'utf8').split('\n'))
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { time: number; msg: string; service?: string })
      .filter((l) => l.msg === 'service starting' && l.service === 'publish');
    expect(started.length).toBeGreaterThan(0);
    expect(started[0]!.time).toBeLessThan(Date.parse(at) - 1_500);
  }, 120_000);

  it('moves a post with posts reschedule; cancels another; refuses a time in the past, an unknown zone, a doubled local time', async () => {
    const later = await schedule(clipIds[1]!, inSeconds(3600));
    const gone = await schedule(clipIds[2]!, inSeconds(3600));
    const moved = await kirinuki(['posts', 'reschedule', later.id, '--at', inSeconds(5), '--json']);
    expect(moved.code, moved.stderr).toBe(0);
    const cancelled = await kirinuki(['posts', 'cancel', gone.id, '--json']);
    expect(cancelled.json<{ post: PostJson }>().post.status).toBe('cancelled');
    const before = x.posts.length;
    startScheduler();
    await until(async () => (await getPost(later.id)).status === 'published');
    expect(x.posts.length).toBe(before + 1);
    expect((await getPost(gone.id)).status).toBe('cancelled');
    // A published post cannot be moved.
    const again = await kirinuki(['posts', 'reschedule', later.id, '--at', inSeconds(60), '--json']);
    expect(again.code).not.toBe(0);
    expect(errorOf(again)).toMatchObject({ code: 'POST_NOT_SCHEDULED' });
    for (const [args, code] of [
      [['--at', '2020-01-01T00:00:00Z'], 'TIME_IN_PAST'],
      [['--at', 'tomorrow 18:00', '--timezone', 'Mars/Olympus'], 'UNKNOWN_TIME_ZONE'],
      [['--at', '2030-10-27 02:30', '--timezone', 'Europe/Berlin'], 'TIME_AMBIGUOUS'],
      [['--at', 'next tuesday-ish'], 'INVALID_TIME'],
    ] as const) {
      const run = await kirinuki(['schedule', clipIds[3]!, '--to', 'x', ...args, '--json']);
      expect(run.code, run.stderr).not.toBe(0);
      expect(JSON.parse(run.stdout || run.stderr.trim().split('\n').at(-1)!)).toMatchObject({
        error: { code },
      });
    }
  }, 120_000);

  it('loses and doubles nothing when the scheduler is SIGKILLed and started again mid-run', async () => {
    const posts: PostJson[] = [];
    for (let i = 0; i < 6; i++) posts.push(await schedule(clipIds[i % 4]!, inSeconds(6 + i * 1.5)));
    let scheduler = startScheduler();
    await until(async () => (await getPost(posts[0]!.id)).status !== 'scheduled');
    scheduler.child.kill('SIGKILL');
    await exited(scheduler.child);
    await new Promise((r) => setTimeout(r, 1500));
    scheduler = startScheduler();
    let all: PostJson[] = [];
    await until(async () => {
      all = await Promise.all(posts.map((p) => getPost(p.id)));
      return all.every((p) => p.status === 'published');
    }, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(all)}\n${scheduler.lines.join('\n')}`);
    });
    for (const p of posts) expect(posted(await getPost(p.id))).toHaveLength(1);
  }, 180_000);

  it('stands by while another scheduler holds the lease, and takes over at once when that one dies', async () => {
    const first = startScheduler();
    await first.waitFor(/holding the scheduler lease/);
    const second = startScheduler();
    await second.waitFor(/standing by/);
    const post = await schedule(clipIds[0]!, inSeconds(6));
    first.child.kill('SIGKILL');
    await exited(first.child);
    await second.waitFor(/holding the scheduler lease/, 5_000);
    await until(async () => (await getPost(post.id)).status === 'published');
    expect(posted(await getPost(post.id))).toHaveLength(1);
  }, 120_000);

  it('marks a post missed when its time passed long ago with nothing running, and publishes it on retry', async () => {
    const post = await schedule(clipIds[1]!, inSeconds(2));
    await new Promise((r) => setTimeout(r, 4000));
    // Late by more than 0.02 min (1.2 s) is missed.
    expect((await kirinuki(['settings', 'set', 'scheduling.lateLimitMinutes', '0.02'])).code).toBe(0);
    try {
      startScheduler();
      await until(async () => (await getPost(post.id)).status === 'missed');
      expect((await getPost(post.id)).error).toMatchObject({ code: 'POST_MISSED' });
      expect(posted(await getPost(post.id))).toHaveLength(0);
      const retried = await kirinuki(['posts', 'retry', post.id, '--json']);
      expect(retried.code, retried.stdout + retried.stderr).toBe(0);
      const done = await getPost(post.id);
      expect(done.status).toBe('published');
      expect(posted(done)).toHaveLength(1);
    } finally {
      await kirinuki(['settings', 'set', 'scheduling.lateLimitMinutes', '60']);
    }
  }, 120_000);

  it('holds the posts of an account that must be connected again, says so, and sends them once it is', async () => {
    const post = await schedule(clipIds[2]!, inSeconds(3));
    // The platform ends every token of the user (a revoked app, a changed password).
    x.oauth.revokeSubject(x.user.id);
    const scheduler = startScheduler();
    await until(async () => (await getPost(post.id)).status === 'held').catch(async (error: Error) => {
      throw new Error(
        `${error.message}: ${JSON.stringify(await getPost(post.id))}\n${scheduler.lines.join('\n')}`,
      );
    });
    expect((await getPost(post.id)).error).toMatchObject({ code: 'ACCOUNT_RECONNECT_NEEDED' });
    const accounts = (await kirinuki(['accounts', 'list', '--json'])).json<{
      accounts: Array<{ platform: string; status: string }>;
    }>().accounts;
    expect(accounts.find((a) => a.platform === 'x')?.status).toBe('reconnect');
    const events = (await kirinuki(['events', '--json'])).json<{ events: Array<{ type: string }> }>().events;
    expect(events.filter((e) => e.type === 'PostHeld')).toHaveLength(1);
    expect(posted(await getPost(post.id))).toHaveLength(0);
    // Connected again: the held post goes out (through the running scheduler), once.
    const run = await connectAccount({
      platform: 'x',
      library,
      env,
      clientId: 'x-app',
      clientSecret: 'x-secret',
    });
    expect(run.code, run.stderr).toBe(0);
    await until(async () => (await getPost(post.id)).status === 'published').catch((error: Error) => {
      throw new Error(`${error.message}\n${scheduler.lines.join('\n')}`);
    });
    expect(posted(await getPost(post.id))).toHaveLength(1);
  }, 120_000);

  it('fails a post with a clear reason when its video was removed before the time (the last test: it removes the video)', async () => {
    const post = await schedule(clipIds[3]!, inSeconds(4));
    const clips = (await kirinuki(['clips', 'list', '--json'])).json<{
      clips: Array<{ id: string; videoId: string }>;
    }>().clips;
    const videoId = clips.find((c) => c.id === clipIds[3])!.videoId;
    const removed = await kirinuki(['library', 'remove', videoId, '--json']);
    expect(removed.code, removed.stderr).toBe(0);
    const scheduler = startScheduler();
    await until(async () => (await getPost(post.id)).status === 'failed').catch(async (error: Error) => {
      throw new Error(
        `${error.message}: ${JSON.stringify(await getPost(post.id))}\n${scheduler.lines.join('\n')}`,
      );
    });
    expect((await getPost(post.id)).error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('video was removed'),
    });
    expect(posted(await getPost(post.id))).toHaveLength(0);
  }, 120_000);
});
