import { afterEach, describe, expect, it } from 'vitest';
import { sqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';
import { UserFacingError } from '@kirinuki/contracts';
import { projectJobs } from '@kirinuki/contracts';
import { createOrchestrator } from './orchestrator.js';
import type { StageSpec } from './stage-graph.js';
import { ServiceKilledError } from '../service-process/service-killed-error.js';
import {
  byStage,
  DAG,
  handlersFor,
  logger,
  openJobs,
  runCleanups,
  setup,
  type Run,
} from './test-support/orchestrator-harness.js';

afterEach(runCleanups);

describe('orchestrator', { timeout: 60_000 }, () => {
  it('checks at start that every stage has exactly one handler', async () => {
    const { jobsDb } = await openJobs();
    const run: Run = async () => null;
    const base = { queue: sqliteJobQueue(jobsDb.db), stages: DAG, logger };
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
});
