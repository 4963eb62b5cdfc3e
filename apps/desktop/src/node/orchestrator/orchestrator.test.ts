import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { forkEntry, UserFacingError } from '@kirinuki/pipeline';
import { createLogger } from '../logging/create-logger.js';
import { JOBS_DATABASE, type JobsDatabase } from '../storage/jobs-database.js';
import { openDatabase, type OpenedDatabase } from '../storage/open-database.js';
import { projectJobs, type JobEvent } from './job-events.js';
import { createOrchestrator, type OrchestratorEvent, type OrchestratorOptions } from './orchestrator.js';
import type { StageSpec } from './stage-graph.js';
import type { StageContext, StageHandler } from './stage-handler.js';
import { ServiceKilledError } from '../services/service-killed-error.js';

const DAG: StageSpec[] = [
  { name: 'ingest', after: [], resource: 'cpu' },
  { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
  { name: 'vision', after: ['ingest'], resource: 'cpu' },
  { name: 'segment', after: ['transcribe', 'vision'], resource: 'cpu' },
];
const logger = createLogger({
  logDir: null,
  consoleLevel: 'silent',
  pretty: false,
  correlationId: 'orchestrator-test',
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openJobs(): Promise<{ dir: string; jobsDb: OpenedDatabase<JobsDatabase> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-jobs-'));
  const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => jobsDb.close());
  return { dir, jobsDb };
}

type Run = (ctx: StageContext) => Promise<unknown>;
const handlersFor = (specs: readonly StageSpec[], run: Run): StageHandler[] =>
  specs.map((s) => ({ stage: s.name, run }));

async function setup(run: Run, overrides: Partial<OrchestratorOptions> = {}) {
  const { dir, jobsDb } = await openJobs();
  const logged: JobEvent[] = [];
  const events: OrchestratorEvent[] = [];
  const orchestrator = createOrchestrator({
    db: jobsDb.db,
    stages: DAG,
    handlers: handlersFor(overrides.stages ?? DAG, run),
    logger,
    pollMs: 50,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    appendEvent: (event) => void logged.push(event),
    ...overrides,
  });
  orchestrator.onEvent((e) => events.push(e));
  return { dir, jobsDb, orchestrator, logged, events };
}

const byStage = <T extends { stage: string }>(jobs: T[]) => Object.fromEntries(jobs.map((j) => [j.stage, j]));

describe('orchestrator', { timeout: 60_000 }, () => {
  it('checks at start that every stage has exactly one handler', async () => {
    const { jobsDb } = await openJobs();
    const run: Run = async () => null;
    const base = { db: jobsDb.db, stages: DAG, logger };
    expect(() => createOrchestrator({ ...base, handlers: handlersFor(DAG.slice(1), run) })).toThrow(
      'no handler registered for stage ingest',
    );
    expect(() =>
      createOrchestrator({ ...base, handlers: [...handlersFor(DAG, run), { stage: 'vision', run }] }),
    ).toThrow('stage vision has more than one handler');
    // A queue-only orchestrator (the CLI's `jobs list/cancel/retry`) manages jobs but runs none.
    const queueOnly = createOrchestrator(base);
    expect(await queueOnly.enqueue('v1', ['ingest'])).toHaveLength(1);
    await expect(queueOnly.runUntilIdle()).rejects.toThrow('no stage handlers');
  });

  it('runs stages in DAG order with upstream outputs as inputs, reporting progress', async () => {
    const order: string[] = [];
    const seenInputs: Record<string, unknown> = {};
    const { orchestrator, events, logged } = await setup(async (ctx) => {
      order.push(ctx.stage);
      seenInputs[ctx.stage] = ctx.inputs;
      ctx.reportProgress(0.5, 'halfway');
      return { from: ctx.stage, video: ctx.videoId, source: ctx.params.source };
    });
    const enqueued = await orchestrator.enqueue('v1', ['segment'], { params: { source: '/a.mp4' } });
    expect(enqueued.map((j) => [j.stage, j.status])).toEqual([
      ['ingest', 'queued'],
      ['transcribe', 'queued'],
      ['vision', 'queued'],
      ['segment', 'queued'],
    ]);
    expect(await orchestrator.enqueue('v1')).toEqual(enqueued); // one job per (video, stage)

    await orchestrator.runUntilIdle();
    expect(order[0]).toBe('ingest');
    expect(order[3]).toBe('segment');
    expect(seenInputs.segment).toEqual({
      transcribe: { from: 'transcribe', video: 'v1', source: '/a.mp4' },
      vision: { from: 'vision', video: 'v1', source: '/a.mp4' },
    });
    const jobs = await orchestrator.list();
    expect(jobs.map((j) => [j.stage, j.status, j.attempts, j.progress, j.error])).toEqual([
      ['ingest', 'done', 1, 1, null],
      ['transcribe', 'done', 1, 1, null],
      ['vision', 'done', 1, 1, null],
      ['segment', 'done', 1, 1, null],
    ]);
    expect((await orchestrator.get(jobs[3]!.id))?.output).toEqual({
      from: 'segment',
      video: 'v1',
      source: '/a.mp4',
    });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress).toHaveLength(4);
    expect(progress[0]).toMatchObject({ stage: 'ingest', videoId: 'v1', fraction: 0.5, detail: 'halfway' });
    expect(events.some((e) => e.type === 'job' && e.job.status === 'done')).toBe(true);
    expect(projectJobs(logged)).toEqual(jobs);
  });

  it('retries transient errors with backoff and fails permanent ones with the user-facing message', async () => {
    const failures: Record<string, number> = {};
    const { orchestrator, logged } = await setup(async (ctx) => {
      failures[ctx.videoId] = (failures[ctx.videoId] ?? 0) + 1;
      if (ctx.videoId === 'flaky' && ctx.stage === 'ingest' && ctx.attempt < 3) throw new Error('EBUSY');
      if (ctx.videoId === 'broken' && ctx.stage === 'ingest') throw new Error('always broken');
      if (ctx.videoId === 'corrupt' && ctx.stage === 'ingest')
        throw new UserFacingError('CORRUPT_MEDIA', 'c.mp4 is damaged');
      return null;
    });
    for (const video of ['flaky', 'broken', 'corrupt']) await orchestrator.enqueue(video);
    await orchestrator.runUntilIdle();
    const jobs = await orchestrator.list();
    const of = (video: string) => byStage(jobs.filter((j) => j.videoId === video));
    expect(of('flaky').segment?.status).toBe('done');
    expect(of('flaky').ingest).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(of('broken').ingest).toMatchObject({ status: 'failed', attempts: 3 });
    expect(of('broken').ingest?.error?.message).toBe('Failed 3 times; the last error: always broken');
    expect(of('corrupt').ingest).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'CORRUPT_MEDIA', message: 'c.mp4 is damaged' },
    });
    // Downstream of a failure waits (queued) for a retry of it; the run still ends.
    expect(of('corrupt').transcribe?.status).toBe('queued');
    expect(projectJobs(logged)).toEqual(jobs);
  });

  it('counts a service killed from outside as an interruption, not an attempt', async () => {
    let kills = 0;
    const { orchestrator, jobsDb, logged } = await setup(async (ctx) => {
      if (ctx.stage === 'ingest' && kills < 4) {
        kills += 1;
        // As the service call fails when the OOM killer or a user's kill -9 takes the service down.
        throw new Error('call failed', { cause: new ServiceKilledError('ingest', 'SIGKILL') });
      }
      return null;
    });
    await orchestrator.enqueue('v1');
    await orchestrator.runUntilIdle();
    const jobs = await orchestrator.list();
    // Four kills would have failed a job allowed 3 attempts; as interruptions they use none.
    expect(byStage(jobs).ingest).toMatchObject({ status: 'done', attempts: 1, error: null });
    const row = await jobsDb.db
      .selectFrom('jobs')
      .selectAll()
      .where('stage', '=', 'ingest')
      .executeTakeFirst();
    expect(row?.interruptions).toBe(4);
    expect(logged.filter((e) => e.type === 'JobReleased').map((e) => e.payload)).toEqual(
      new Array(4).fill(expect.objectContaining({ reason: 'service-killed', attempts: 0 })),
    );
    expect(projectJobs(logged)).toEqual(jobs);
  });

  it('moves the queued work of a video that turns out to be another one (an import of known content)', async () => {
    const ran: string[] = [];
    const { orchestrator, logged, events } = await setup(async (ctx) => {
      ran.push(`${ctx.videoId}:${ctx.stage}`);
      if (ctx.stage === 'ingest' && ctx.videoId.startsWith('again'))
        return { supersededBy: ctx.videoId === 'again-1' ? 'known' : 'fresh' };
      return ctx.stage;
    });
    await orchestrator.enqueue('known');
    await orchestrator.runUntilIdle();
    ran.length = 0;
    // A second import of known's content, and one of content whose video has no jobs here.
    await orchestrator.enqueue('again-1', ['segment'], { params: { source: '/a.mp4' } });
    await orchestrator.enqueue('again-2', ['segment'], { params: { source: '/b.mp4' } });
    await orchestrator.runUntilIdle();
    const jobs = await orchestrator.list();
    const of = (video: string) => jobs.filter((j) => j.videoId === video).map((j) => [j.stage, j.status]);
    // Only the ingest that found out stays with each placeholder id; nothing is left queued.
    expect(of('again-1')).toEqual([['ingest', 'done']]);
    expect(of('again-2')).toEqual([['ingest', 'done']]);
    // known had every stage done already: nothing ran twice, no job was duplicated.
    expect(of('known')).toEqual([
      ['ingest', 'done'],
      ['transcribe', 'done'],
      ['vision', 'done'],
      ['segment', 'done'],
    ]);
    expect(ran.filter((r) => r.startsWith('known'))).toEqual([]);
    // fresh had none: the whole chain was queued for it (with the import's params) and ran.
    expect(of('fresh')).toEqual(of('known'));
    expect(ran.filter((r) => r.startsWith('fresh')).sort()).toEqual(
      ['fresh:ingest', 'fresh:segment', 'fresh:transcribe', 'fresh:vision'].sort(),
    );
    const discarded = logged.filter((e) => e.type === 'JobDiscarded');
    expect(discarded).toHaveLength(6);
    expect(discarded.map((e) => e.payload)).toContainEqual(expect.objectContaining({ by: 'known' }));
    // Live listeners (the UI) hear of each, so they can forget those jobs.
    expect(
      events
        .filter((e) => e.type === 'discarded')
        .map((e) => e.type === 'discarded' && e.by)
        .sort(),
    ).toEqual(['fresh', 'fresh', 'fresh', 'known', 'known', 'known']);
    expect(projectJobs(logged)).toEqual(jobs);
  });

  it('cancels a running job and everything downstream (not a failure), and retry brings them back', async () => {
    let release: (() => void) | null = null as (() => void) | null;
    const aborted: string[] = [];
    const { orchestrator, logged } = await setup(async (ctx) => {
      if (ctx.stage === 'vision' && !release) {
        await new Promise<void>((resolve, reject) => {
          release = resolve;
          ctx.signal.addEventListener('abort', () => {
            aborted.push(ctx.stage);
            reject(ctx.signal.reason as Error);
          });
        });
      }
      return ctx.stage;
    });
    const [ingest] = await orchestrator.enqueue('v1');
    const running = orchestrator.runUntilIdle();
    for (;;) {
      const vision = (await orchestrator.list()).find((j) => j.stage === 'vision');
      if (vision?.status === 'running' && release) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const visionId = (await orchestrator.list()).find((j) => j.stage === 'vision')!.id;
    const cancelled = await orchestrator.cancel(visionId);
    expect(cancelled.map((j) => j.stage)).toEqual(['vision', 'segment']);
    await running;
    expect(aborted).toEqual(['vision']);
    let jobs = byStage(await orchestrator.list());
    expect(jobs.ingest?.status).toBe('done');
    expect(jobs.transcribe?.status).toBe('done');
    expect(jobs.vision).toMatchObject({ status: 'cancelled', error: null });
    expect(jobs.segment?.status).toBe('cancelled');
    expect(await orchestrator.cancel(ingest!.id)).toEqual([]); // done stays done

    const requeued = await orchestrator.retry(visionId);
    expect(requeued.map((j) => [j.stage, j.status])).toEqual([
      ['vision', 'queued'],
      ['segment', 'queued'],
    ]);
    await orchestrator.runUntilIdle();
    jobs = byStage(await orchestrator.list());
    expect(Object.values(jobs).map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(projectJobs(logged)).toEqual(await orchestrator.list());
  });

  it('keeps to the resource limits and runs higher priorities first', async () => {
    const stages: StageSpec[] = [
      { name: 'work', after: [], resource: 'cpu' },
      { name: 'infer', after: ['work'], resource: 'gpu' },
    ];
    const current = { cpu: 0, gpu: 0 };
    const peak = { cpu: 0, gpu: 0 };
    const started: string[] = [];
    const { orchestrator } = await setup(
      async (ctx) => {
        const resource = ctx.stage === 'work' ? 'cpu' : 'gpu';
        started.push(`${ctx.videoId}:${ctx.stage}`);
        current[resource] += 1;
        peak[resource] = Math.max(peak[resource], current[resource]);
        await new Promise((r) => setTimeout(r, 30));
        current[resource] -= 1;
        return null;
      },
      { stages, resources: { cpu: 2, gpu: 1 } },
    );
    await orchestrator.enqueue('low-1', undefined, { priority: 0 });
    await orchestrator.enqueue('low-2', undefined, { priority: 0 });
    await orchestrator.enqueue('high', undefined, { priority: 10 });
    for (let i = 0; i < 4; i += 1) await orchestrator.enqueue(`more-${i}`);
    await orchestrator.runUntilIdle();
    expect(started[0]).toBe('high:work');
    expect(peak.cpu).toBeLessThanOrEqual(2);
    expect(peak.gpu).toBe(1);
    expect((await orchestrator.list()).every((j) => j.status === 'done')).toBe(true);
  });

  it('pauses and resumes all work', async () => {
    const { orchestrator } = await setup(async () => null);
    await orchestrator.enqueue('v1');
    await orchestrator.pauseAll();
    expect(await orchestrator.isPaused()).toBe(true);
    expect(await orchestrator.runUntilIdle()).toEqual({ ran: 0, reclaimed: 0 });
    expect((await orchestrator.list()).every((j) => j.status === 'queued')).toBe(true);
    await orchestrator.resumeAll();
    await orchestrator.runUntilIdle();
    expect((await orchestrator.list()).every((j) => j.status === 'done')).toBe(true);
  });

  it('hands a running job back to the queue when its run is stopped', async () => {
    const { orchestrator, logged } = await setup(
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
        ),
      { stages: [DAG[0]!] },
    );
    await orchestrator.enqueue('v1', ['ingest']);
    const controller = new AbortController();
    orchestrator.onEvent((e) => {
      if (e.type === 'job' && e.job.status === 'running') controller.abort();
    });
    await orchestrator.runUntilIdle(controller.signal);
    const [job] = await orchestrator.list();
    expect(job).toMatchObject({ status: 'queued', attempts: 0, error: null });
    expect(projectJobs(logged)).toEqual(await orchestrator.list());
  });

  it('stops a run when another process cancels it or pauses the queue', async () => {
    const { jobsDb } = await openJobs();
    const ingestOnly = [DAG[0]!];
    const worker = createOrchestrator({
      db: jobsDb.db,
      stages: ingestOnly,
      handlers: handlersFor(
        ingestOnly,
        (ctx) =>
          new Promise((_resolve, reject) =>
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
          ),
      ),
      logger,
      heartbeatMs: 50,
      pollMs: 50,
    });
    const other = createOrchestrator({
      db: jobsDb.db,
      stages: ingestOnly,
      handlers: handlersFor(ingestOnly, async () => null),
      logger,
    });
    const untilRunning = async (id: string) => {
      while ((await other.get(id))?.status !== 'running') await new Promise((r) => setTimeout(r, 20));
    };

    const [a] = await other.enqueue('v1');
    const first = worker.runUntilIdle();
    await untilRunning(a!.id);
    await other.cancel(a!.id);
    await first;
    expect(await other.get(a!.id)).toMatchObject({ status: 'cancelled', error: null });

    const [b] = await other.enqueue('v2');
    const second = worker.runUntilIdle();
    await untilRunning(b!.id);
    await other.pauseAll();
    await second;
    expect(await other.get(b!.id)).toMatchObject({ status: 'queued', attempts: 0, lease: null });
  });

  it('reclaims at once the lease of a killed worker, and an expired lease of another host', async () => {
    const { dir, jobsDb } = await openJobs();
    const run: Run = async (ctx) => ctx.stage;
    const ingestOnly = [DAG[0]!];
    const first = createOrchestrator({
      db: jobsDb.db,
      stages: ingestOnly,
      handlers: handlersFor(ingestOnly, run),
      logger,
    });
    const [job] = await first.enqueue('v1');

    const holder = forkEntry(
      fileURLToPath(new URL('./test-support/lease-holder.entry.ts', import.meta.url)),
      [dir],
      {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      },
    );
    cleanups.push(() => void holder.kill('SIGKILL'));
    await new Promise<void>((resolve) =>
      holder.stdout?.on('data', (c: Buffer) => c.toString().includes('holding') && resolve()),
    );
    const held = await first.get(job!.id);
    expect(held).toMatchObject({ status: 'running', lease: { pid: holder.pid } });
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));

    // The lease has 10 minutes left, but its owner is dead: a new run takes it back at once.
    const summary = await createOrchestrator({
      db: jobsDb.db,
      stages: ingestOnly,
      handlers: handlersFor(ingestOnly, run),
      logger,
    }).runUntilIdle();
    expect(summary).toEqual({ ran: 1, reclaimed: 1 });
    // The interrupted run is an interruption, not a failed attempt.
    expect(await first.get(job!.id)).toMatchObject({ status: 'done', attempts: 1 });

    // Another machine's lease cannot be judged by pid: it is reclaimed only once expired.
    const [other] = await first.enqueue('v2');
    const lease = (expiresAt: number) =>
      jobsDb.db
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts: 1,
          leaseToken: 't',
          leaseOwnerId: 'x',
          leasePid: 1,
          leaseHost: 'gpu-box',
          leaseBootId: 'b',
          leaseExpiresAt: expiresAt,
        })
        .where('id', '=', other!.id)
        .execute();
    const runner = createOrchestrator({
      db: jobsDb.db,
      stages: ingestOnly,
      handlers: handlersFor(ingestOnly, run),
      logger,
    });
    await lease(Date.now() + 600_000);
    expect(await runner.runUntilIdle()).toEqual({ ran: 0, reclaimed: 0 });
    expect((await runner.get(other!.id))?.status).toBe('running');
    await lease(Date.now() - 1);
    expect(await runner.runUntilIdle()).toEqual({ ran: 1, reclaimed: 1 });
    expect((await runner.get(other!.id))?.status).toBe('done');
  });
});

describe('orchestrator.rerun', () => {
  it('runs a finished stage and what follows it again with new params; upstream stays done', async () => {
    const { dir, jobsDb } = await openJobs();
    const runs: string[] = [];
    const stages: StageSpec[] = [
      { name: 'a', after: [], resource: 'cpu' },
      { name: 'b', after: ['a'], resource: 'cpu' },
      { name: 'c', after: ['b'], resource: 'cpu' },
    ];
    const orchestrator = createOrchestrator({
      db: jobsDb.db,
      stages,
      handlers: stages.map((s) => ({
        stage: s.name,
        run: async (ctx) => runs.push(`${ctx.stage}:${String(ctx.params.platform)}`),
      })),
      logger,
    });
    await orchestrator.enqueue('V', ['c'], { params: { platform: 'tiktok' } });
    await orchestrator.runUntilIdle();
    const again = await orchestrator.rerun('V', ['b'], { params: { platform: 'x' } });
    expect(again.map((j) => [j.stage, j.status])).toEqual([
      ['a', 'done'],
      ['b', 'queued'],
    ]);
    await orchestrator.runUntilIdle();
    expect(runs).toEqual(['a:tiktok', 'b:tiktok', 'c:tiktok', 'b:x', 'c:x']);
    expect((await orchestrator.list()).map((j) => j.status)).toEqual(['done', 'done', 'done']);
    expect(dir).toBeTruthy();
  });
});
