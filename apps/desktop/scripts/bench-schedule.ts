// `pnpm bench:schedule [--posts 10000] [--window 120] [--kills 5] [--idle-sec 30] [--memory-posts 100000] [--lead 120] [--concurrency 64] [--no-standby]`
//
// 1. `--posts` scheduled posts over the four local fakes (one account each; the fakes' per-account
//    limits raised and Kirinuki's pacing off, so no window holds a post back), made through the
//    host's schedule path a week ahead, their renders made then.
// 2. Idle: `kirinuki scheduler` (its own process) with them all pending; its CPU over `--idle-sec`
//    (goal < 1 % of a core) and its memory.
// 3. Firing: every post moved (posts reschedule) to a time within `--window` seconds, starting
//    `--lead` seconds on; the holding scheduler SIGKILLed `--kills` times during the run: a standby
//    scheduler beside it (another process, as the design has it) takes over and a new standby is
//    started (`--no-standby`: no standby, a new scheduler started after each kill). Lateness of
//    each post (went out − due: its publish job's first start, when the scheduler fired it): p50,
//    p99 (goal p99 ≤ 1 s); published − due too, per platform (that adds the platforms' processing,
//    X's ≥ 1 s status polls); every post on its fake exactly once.
// 4. Memory with `--memory-posts` pending: the library filled to that many scheduled posts (copies of
//    the pending ones' rows, posts and jobs, in SQL: the schedule path would take an hour for them),
//    a new scheduler started, its memory and idle CPU.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Post, PostDraft, PublishPlatform } from '@kirinuki/contracts';
import { originVariable } from '@kirinuki/social/platform-origin';
import { libraryWithClips, LONG_CLIPS } from '../src/cli/test-support/publish-setup.js';
import { openHost, type OpenedHost } from '../src/node/host/open-host.js';
import { createLogger } from '../src/node/logging/create-logger.js';
import { startBenchFakes, type BenchFakes } from './bench-publish/bench-fakes.js';
import { connectBenchAccount } from './bench-publish/connect-bench-account.js';
import {
  exited,
  schedulerProcesses,
  within,
  type LaunchedScheduler,
} from './bench-schedule/scheduler-processes.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    window: { type: 'string', default: '120' },
    kills: { type: 'string', default: '5' },
    'idle-sec': { type: 'string', default: '30' },
    'memory-posts': { type: 'string', default: '100000' },
    lead: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '64' },
    'no-standby': { type: 'boolean', default: false },
  },
});
const POSTS = Number(values.posts);
const WINDOW_MS = Number(values.window) * 1000;
const KILLS = Number(values.kills);
const IDLE_SEC = Number(values['idle-sec']);
const MEMORY_POSTS = Number(values['memory-posts']);
const LEAD_MS = Number(values.lead) * 1000;
let seed = Number(values.seed) >>> 0 || 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const PLATFORMS: PublishPlatform[] = ['tiktok', 'instagram', 'youtube', 'x'];
const DRAFTS: Record<PublishPlatform, (marker: string) => PostDraft> = {
  tiktok: (m) => ({ caption: `Bench ${m}`, privacy: 'private' }),
  instagram: (m) => ({ caption: `Bench ${m}` }),
  youtube: (m) => ({ caption: `Bench ${m}`, privacy: 'unlisted', madeForKids: false }),
  x: (m) => ({ caption: `Bench ${m}` }),
};

const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'kirinuki-bench-schedule-'));
const libraryDir = path.join(work, 'library');
const logger = createLogger({
  logDir: path.join(work, 'logs'),
  consoleLevel: 'silent',
  pretty: false,
  correlationId: 'bench',
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const { launchScheduler, startScheduler, measureIdle } = schedulerProcesses(libraryDir, IDLE_SEC);

let fakes: BenchFakes | undefined;
let host: OpenedHost | undefined;
let scheduler: ChildProcess | undefined;
let standby: LaunchedScheduler | undefined;
let failed = false;
try {
  fakes = await startBenchFakes({ faults: 0, seed });
  for (const platform of PLATFORMS) process.env[originVariable(platform)] = fakes[platform].origin;
  console.log(`fakes: ${fakes.describe()}`);
  const clipIds = await libraryWithClips(libraryDir, 4, LONG_CLIPS);
  host = await openHost({ libraryDir, logger, run: 'foreground' });
  const accounts: Partial<Record<PublishPlatform, string>> = {};
  for (const platform of PLATFORMS) accounts[platform] = (await connectBenchAccount(host, platform)).id;
  await host.settings.set('scheduling.pacing', false);
  await host.settings.set('publishing.concurrency', Number(values.concurrency));
  console.log(
    `pacing: off (scheduling.pacing false), one account per platform, the fakes' per-account limits raised as above: no window holds a post back; publishing.concurrency ${values.concurrency} (posts uploading at once; default 4)`,
  );

  // 1. The posts, a week ahead, through the schedule path (renders made now, reused per clip).
  const far = Date.now() + 7 * 86_400_000;
  let started = Date.now();
  const made: Array<{ marker: string; platform: PublishPlatform; post: Post }> = [];
  for (let i = 0; i < POSTS; i++) {
    const platform = PLATFORMS[i % PLATFORMS.length]!;
    const marker = `[sched-${seed}-${i}]`;
    const { posts } = await host.posts.schedule(
      {
        clipId: clipIds[Math.floor(i / PLATFORMS.length) % clipIds.length]!,
        to: [platform],
        draft: DRAFTS[platform](marker),
        idempotencyKey: marker,
      },
      { at: new Date(far + i * 1000).toISOString() },
    );
    made.push({ marker, platform, post: posts[0]! });
    if ((i + 1) % 2000 === 0) console.log(`  scheduled ${i + 1} in ${secs(Date.now() - started)}`);
  }
  await host.posts.settleRenders(made.map((m) => m.post));
  console.log(
    `scheduled ${POSTS} posts (renders made) in ${secs(Date.now() - started)} (${((Date.now() - started) / POSTS).toFixed(1)} ms each)`,
  );

  // 2. Idle with them all pending.
  scheduler = await startScheduler();
  if (!(await measureIdle(scheduler, `${POSTS} pending`))) failed = true;

  // 3. Every post moved into the window; the scheduler killed and restarted meanwhile.
  const t0 = Date.now() + LEAD_MS;
  started = Date.now();
  const due = new Map<string, number>();
  for (const [i, m] of made.entries()) {
    const at = t0 + Math.floor((i / POSTS) * WINDOW_MS);
    if (at < Date.now() + 1_000)
      throw new Error(`moving the posts is slower than --lead ${LEAD_MS / 1000} s allows`);
    await host.posts.reschedule(m.post.id, { at: new Date(at).toISOString() });
    due.set(m.post.id, at);
  }
  console.log(
    `moved ${POSTS} posts into ${secs(WINDOW_MS)} starting ${secs(t0 - Date.now())} on (moving took ${secs(Date.now() - started)})`,
  );
  const killAt = Array.from({ length: KILLS }, () => t0 + random() * WINDOW_MS).sort((a, b) => a - b);
  let kills = 0;
  const killedAt: number[] = [];
  // --standby (default): a second scheduler stands by from the start, as the app and an always-on
  // `kirinuki scheduler` would run; --no-standby: a new one is started after each kill instead.
  standby = values['no-standby'] ? undefined : launchScheduler();
  if (standby) await within(standby.ready, 60_000, 'the standby starting');
  const watching = new Database(path.join(libraryDir, 'social.db'), { readonly: true });
  const statusCounts = watching.prepare(
    `SELECT status, count(*) AS n FROM posts GROUP BY status ORDER BY status`,
  );
  const deadline = t0 + WINDOW_MS + 30 * 60_000;
  let last = '';
  for (;;) {
    if (kills < KILLS && Date.now() >= killAt[kills]!) {
      scheduler.kill('SIGKILL');
      const killed = Date.now();
      killedAt.push(killed);
      await exited(scheduler);
      kills += 1;
      if (standby) {
        // The standby takes over (it watches the holder's pid); a new standby is started beside it.
        await within(standby.holding, 60_000, 'the standby taking over');
        const took = Date.now() - killed;
        scheduler = standby.child;
        standby = launchScheduler();
        await within(standby.ready, 60_000, 'a new standby starting');
        console.log(
          `  kill ${kills}/${KILLS}: the holding scheduler SIGKILLed, the standby holds the lease ${secs(took)} later; a new standby started`,
        );
      } else {
        scheduler = await startScheduler();
        console.log(
          `  kill ${kills}/${KILLS}: scheduler SIGKILLed, a new one holds the lease ${secs(Date.now() - killed)} later`,
        );
      }
      continue;
    }
    // Counts by status straight from social.db (read-only): listing 10,000 posts twice a second
    // would load the machine the scheduler is being measured on.
    const byStatus = statusCounts.all() as Array<{ status: string; n: number }>;
    const line = byStatus.map(({ status, n }) => `${status} ${n}`).join(', ');
    if (line !== last) console.log(`  ${((Date.now() - t0) / 1000).toFixed(0)} s: ${line}`);
    last = line;
    if (
      kills >= KILLS &&
      byStatus.every((c) => ['published', 'failed', 'cancelled', 'missed'].includes(c.status))
    )
      break;
    if (Date.now() > deadline) {
      failed = true;
      console.log('  FAILED: not every post went out within 30 minutes of the window');
      break;
    }
    await sleep(500);
  }
  watching.close();
  const posts = new Map((await host.posts.list()).map((p) => [p.id, p]));
  const lateness = made
    .map((m) => posts.get(m.post.id)!)
    .filter((p) => p.status === 'published')
    .map((p) => Date.parse(p.updatedAt) - due.get(p.id)!)
    .sort((a, b) => a - b);
  const problems: string[] = [];
  for (const platform of PLATFORMS) {
    const remote = fakes.postsOf(platform);
    for (const m of made.filter((x) => x.platform === platform)) {
      const record = posts.get(m.post.id)!;
      const on = remote.filter((r) => r.text.includes(m.marker)).length;
      if (record.status !== 'published')
        problems.push(`${m.marker}: ${record.status} ${record.error?.code ?? ''}`);
      if (on !== 1) problems.push(`${m.marker}: ${on} posts on the ${platform} fake`);
    }
  }
  // When each post went out: its publish job's first start (the scheduler fired it; the upload's
  // first request follows at once), from the event log.
  const jobsDb = new Database(path.join(libraryDir, 'jobs.db'), { readonly: true });
  const jobOfPost = new Map(
    (
      jobsDb
        .prepare(`SELECT id, subjectId FROM jobs WHERE stage = 'publish' AND subjectKind = 'post'`)
        .all() as Array<{
        id: string;
        subjectId: string;
      }>
    ).map((r) => [r.id, r.subjectId]),
  );
  jobsDb.close();
  const libraryDb = new Database(path.join(libraryDir, 'library.db'), { readonly: true });
  const firedAt = new Map<string, number>();
  for (const row of libraryDb
    .prepare(`SELECT aggregateId, min(at) AS at FROM events WHERE type = 'JobStarted' GROUP BY aggregateId`)
    .all() as Array<{ aggregateId: string; at: string }>) {
    const postId = jobOfPost.get(row.aggregateId);
    if (postId) firedAt.set(postId, Date.parse(row.at));
  }
  libraryDb.close();
  const fired = made
    .filter((m) => firedAt.has(m.post.id))
    .map((m) => firedAt.get(m.post.id)! - due.get(m.post.id)!)
    .sort((a, b) => a - b);
  const early = fired.filter((l) => l < 0).length + lateness.filter((l) => l < 0).length;
  const p99 = quantile(fired, 0.99);
  console.log('');
  console.log(
    `firing: ${fired.length} of ${POSTS} went out; lateness (went out − due) p50 ${secs(quantile(fired, 0.5))}, p99 ${secs(p99)}, max ${secs(fired.at(-1) ?? NaN)} (goal p99 ≤ 1 s) ${p99 <= 1000 ? 'OK' : 'FAILED'}; ${early} before their time`,
  );
  console.log(
    `  published (the platform's processing included: X asks for ≥ 1 s between status polls): ${lateness.length} of ${POSTS}; published − due p50 ${secs(quantile(lateness, 0.5))}, p99 ${secs(quantile(lateness, 0.99))}, max ${secs(lateness.at(-1) ?? NaN)}`,
  );
  // Where the tail is: posts due in the 5 s after a kill (a new scheduler starting, what came due
  // meanwhile) against the rest.
  const nearKill = (at: number) => killedAt.some((k) => at >= k && at < k + 5_000);
  const split = (near: boolean) =>
    made
      .filter((m) => firedAt.has(m.post.id) && nearKill(due.get(m.post.id)!) === near)
      .map((m) => firedAt.get(m.post.id)! - due.get(m.post.id)!)
      .sort((a, b) => a - b);
  const [calm, restart] = [split(false), split(true)];
  console.log(
    `  went out, posts due in the 5 s after a kill (${restart.length}): p50 ${secs(quantile(restart, 0.5))} p99 ${secs(quantile(restart, 0.99))}; the rest (${calm.length}): p50 ${secs(quantile(calm, 0.5))} p99 ${secs(quantile(calm, 0.99))}`,
  );
  for (const platform of PLATFORMS) {
    const of = made
      .filter((m) => m.platform === platform && firedAt.has(m.post.id))
      .map((m) => firedAt.get(m.post.id)! - due.get(m.post.id)!)
      .sort((a, b) => a - b);
    const pub = made
      .map((m) => ({ m, p: posts.get(m.post.id)! }))
      .filter(({ m, p }) => m.platform === platform && p.status === 'published')
      .map(({ m, p }) => Date.parse(p.updatedAt) - due.get(m.post.id)!)
      .sort((a, b) => a - b);
    console.log(
      `    ${platform}: went out p50 ${secs(quantile(of, 0.5))} p99 ${secs(quantile(of, 0.99))}; published p50 ${secs(quantile(pub, 0.5))} p99 ${secs(quantile(pub, 0.99))}`,
    );
  }
  console.log(
    `  throughput ${(lateness.length / ((Math.max(...[...posts.values()].map((p) => Date.parse(p.updatedAt))) - t0) / 1000)).toFixed(1)} posts/s against ${(POSTS / (WINDOW_MS / 1000)).toFixed(1)} posts/s coming due; scheduler SIGKILLed ${kills} times`,
  );
  if (p99 > 1000 || early) failed = true;
  if (problems.length) {
    failed = true;
    console.log(`  FAILED: ${problems.length} problems`);
    for (const p of problems.slice(0, 20)) console.log(`    ${p}`);
  } else console.log('  every post on its fake exactly once: OK');

  // 4. Memory (and idle) with many more pending: copies of the posts' rows, a week ahead again.
  if (standby) {
    standby.child.kill('SIGTERM');
    await exited(standby.child);
    standby = undefined;
  }
  scheduler.kill('SIGTERM');
  await exited(scheduler);
  scheduler = undefined;
  await host.close();
  host = undefined;
  started = Date.now();
  const copies = Math.ceil(MEMORY_POSTS / POSTS);
  const social = new Database(path.join(libraryDir, 'social.db'));
  const jobs = new Database(path.join(libraryDir, 'jobs.db'));
  const columns = (db: Database.Database, table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  const postColumns = columns(social, 'posts');
  const jobColumns = columns(jobs, 'jobs');
  const select = (cols: string[], over: Record<string, string>) => cols.map((c) => over[c] ?? c).join(', ');
  for (let k = 1; k <= copies; k++) {
    const farIso = new Date(far + k * 86_400_000).toISOString();
    social
      .prepare(
        `INSERT INTO posts (${postColumns.join(', ')}) SELECT ${select(postColumns, {
          id: `id || '-${k}'`,
          idempotencyKey: `idempotencyKey || '-${k}'`,
          status: `'scheduled'`,
          remoteId: 'NULL',
          url: 'NULL',
          uploadState: 'NULL',
          at: `'${farIso}'`,
        })} FROM posts WHERE id NOT LIKE '%-%' LIMIT ?`,
      )
      .run(Math.min(POSTS, MEMORY_POSTS - (k - 1) * POSTS));
    jobs
      .prepare(
        `INSERT INTO jobs (${jobColumns.join(', ')}) SELECT ${select(jobColumns, {
          id: `id || '-${k}'`,
          subjectId: `subjectId || '-${k}'`,
          status: `CASE stage WHEN 'publish' THEN 'queued' ELSE status END`,
          attempts: `CASE stage WHEN 'publish' THEN 0 ELSE attempts END`,
          notBefore: `CASE stage WHEN 'publish' THEN ${Date.parse(farIso)} ELSE notBefore END`,
        })} FROM jobs WHERE subjectKind = 'post' AND subjectId NOT LIKE '%-%' AND subjectId IN (SELECT subjectId FROM jobs WHERE subjectKind = 'post' AND stage = 'publish' AND subjectId NOT LIKE '%-%' ORDER BY subjectId LIMIT ?)`,
      )
      .run(Math.min(POSTS, MEMORY_POSTS - (k - 1) * POSTS));
  }
  const pending = (
    social.prepare(`SELECT count(*) AS n FROM posts WHERE status = 'scheduled'`).get() as { n: number }
  ).n;
  const queued = (
    jobs.prepare(`SELECT count(*) AS n FROM jobs WHERE status = 'queued'`).get() as { n: number }
  ).n;
  social.close();
  jobs.close();
  console.log('');
  console.log(
    `filled the library to ${pending} scheduled posts (${queued} queued publish jobs) in ${secs(Date.now() - started)}`,
  );
  scheduler = await startScheduler();
  if (!(await measureIdle(scheduler, `${pending} pending`))) failed = true;
} finally {
  if (standby) {
    standby.child.kill('SIGKILL');
    await exited(standby.child);
  }
  if (scheduler) {
    // Stopped, not killed, so a profiled run (KIRINUKI_CPU_PROFILE_DIR) writes its profile.
    scheduler.kill('SIGTERM');
    const killLater = setTimeout(() => scheduler?.kill('SIGKILL'), 10_000);
    await exited(scheduler);
    clearTimeout(killLater);
  }
  await host?.close().catch(() => undefined);
  await fakes?.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
