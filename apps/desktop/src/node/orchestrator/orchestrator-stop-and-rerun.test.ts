import { fileURLToPath } from 'node:url';
import { sqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';
import { afterEach, describe, expect, it } from 'vitest';
import { forkEntry } from '@kirinuki/pipeline';
import { projectJobs } from '@kirinuki/contracts';
import { createOrchestrator } from './orchestrator.js';
import type { StageSpec } from './stage-graph.js';
import {
  cleanups,
  DAG,
  handlersFor,
  logger,
  openJobs,
  runCleanups,
  setup,
  type Run,
} from './test-support/orchestrator-harness.js';

afterEach(runCleanups);

describe('orchestrator: pausing, stopping a run, reclaiming leases', { timeout: 60_000 }, () => {
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
      queue: sqliteJobQueue(jobsDb.db),
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
      queue: sqliteJobQueue(jobsDb.db),
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
      queue: sqliteJobQueue(jobsDb.db),
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
    // The queue says only when the lease ends; who holds it (pid, host) is the SQLite queue's own.
    expect(held).toMatchObject({ status: 'running', lease: { expiresAt: expect.any(Number) } });
    const row = await jobsDb.db
      .selectFrom('jobs')
      .select('leasePid')
      .where('id', '=', job!.id)
      .executeTakeFirst();
    expect(row?.leasePid).toBe(holder.pid);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));

    // The lease has 10 minutes left, but its owner is dead: a new run takes it back at once.
    const summary = await createOrchestrator({
      queue: sqliteJobQueue(jobsDb.db),
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
      queue: sqliteJobQueue(jobsDb.db),
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
      queue: sqliteJobQueue(jobsDb.db),
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
