import type { ChildProcess } from 'node:child_process';
import { sqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';
import { isPidAlive } from '../service-process/pid-alive.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { forkEntry } from '@kirinuki/pipeline';
import { createLogger } from '../logging/create-logger.js';
import { JOBS_DATABASE, type JobsDatabase } from '../queue-sqlite/jobs-database.js';
import { inspectDatabase, openDatabase } from '@kirinuki/db';
import { projectJobs } from '@kirinuki/contracts';
import { createOrchestrator } from './orchestrator.js';
import { stageOutputKey } from './stage-keys.js';
import { CHAOS_STAGES } from './test-support/chaos-stages.js';
import { readEventLog, TEST_EVENT_LOG, type TestEventLogDatabase } from './test-support/test-event-log.js';

const WORKER = fileURLToPath(new URL('./test-support/chaos-worker.entry.ts', import.meta.url));
const VIDEOS = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const KILLS = 20;
const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-chaos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isAlive = (pid: number) => isPidAlive(pid);

interface Worker {
  child: ChildProcess;
  messages: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Resolves when the worker printed a message matching `test`. */
  waitFor(test: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | null>;
}

function startWorker(): Worker {
  const child = forkEntry(WORKER, [dir, '250'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const messages: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines)
      if (line.startsWith('{')) messages.push(JSON.parse(line) as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    messages,
    exited,
    waitFor: (test) =>
      new Promise((resolve) => {
        const check = () => {
          const found = messages.find(test);
          if (found) {
            waiters.delete(check);
            resolve(found);
          }
        };
        waiters.add(check);
        void exited.then(() => {
          waiters.delete(check);
          resolve(messages.find(test) ?? null);
        });
        check();
      }),
  };
}

const randomMs = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash recovery', () => {
  it(`survives ${KILLS} SIGKILLs of the worker host and its service: every job done once, no duplicate events`, async () => {
    const logger = createLogger({
      logDir: null,
      consoleLevel: 'silent',
      pretty: false,
      correlationId: 'chaos',
    });
    const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
    const enqueuer = createOrchestrator({
      queue: sqliteJobQueue(jobsDb.db),
      stages: CHAOS_STAGES,
      handlers: CHAOS_STAGES.map((s) => ({ stage: s.name, run: async () => null })),
      logger,
    });
    for (const video of VIDEOS) await enqueuer.enqueue(video);

    const servicePids = new Set<number>();
    const kills = { host: 0, service: 0 };
    for (let i = 0; i < KILLS; i += 1) {
      const worker = startWorker();
      const ready = await worker.waitFor((m) => m.ready === true);
      if (!ready) throw new Error('the worker exited before it was ready');
      const killService = i % 2 === 1;
      if (killService) {
        const seen = await Promise.race([
          worker.waitFor((m) => typeof m.servicePid === 'number'),
          sleep(5_000),
        ]);
        const pid = seen ? ((seen as Record<string, unknown>).servicePid as number) : null;
        await sleep(randomMs(0, 400));
        if (pid && isAlive(pid)) {
          process.kill(pid, 'SIGKILL');
          kills.service += 1;
        }
        await sleep(randomMs(100, 400));
      } else {
        // From start-up (no service yet) to the middle of a stage or of a commit.
        await sleep(randomMs(0, 1_500));
      }
      for (const m of worker.messages) if (typeof m.servicePid === 'number') servicePids.add(m.servicePid);
      if (worker.child.exitCode === null) {
        worker.child.kill('SIGKILL');
        kills.host += 1;
      }
      await worker.exited;
    }

    const before = await enqueuer.list();
    const doneBefore = before.filter((j) => j.status === 'done').length;
    const interrupted = before.filter((j) => j.attempts > (j.status === 'done' ? 1 : 0)).length;
    console.info(
      `chaos: ${kills.host} host and ${kills.service} service kills; ${doneBefore}/${before.length} jobs done before the final run, ${interrupted} interrupted at least once`,
    );
    const final = startWorker();
    expect(await final.exited).toBe(0);
    for (const m of final.messages) if (typeof m.servicePid === 'number') servicePids.add(m.servicePid);
    expect(final.messages.at(-1)).toMatchObject({ idle: true });
    expect(kills.host).toBeGreaterThan(0);

    const jobs = await enqueuer.list();
    expect(jobs).toHaveLength(VIDEOS.length * CHAOS_STAGES.length);
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);

    // Every marker holds the key of its inputs: downstream stages saw their upstream outputs.
    for (const video of VIDEOS) {
      const key = (stage: string): string => {
        const spec = CHAOS_STAGES.find((s) => s.name === stage)!;
        const inputHash = spec.after.map(key).join('+') || video;
        return stageOutputKey(stage, inputHash, { workMs: 250 });
      };
      for (const stage of CHAOS_STAGES) {
        expect(readFileSync(path.join(dir, `${video}.${stage.name}.marker`), 'utf8')).toBe(key(stage.name));
      }
    }

    const eventsDb = await openDatabase<TestEventLogDatabase>(TEST_EVENT_LOG, dir);
    const events = await readEventLog(eventsDb.db);
    const count = (type: string) => {
      const perJob = new Map<string, number>();
      for (const e of events)
        if (e.type === type) perJob.set(e.aggregateId, (perJob.get(e.aggregateId) ?? 0) + 1);
      return jobs.map((j) => perJob.get(j.id) ?? 0);
    };
    expect(count('JobSucceeded')).toEqual(jobs.map(() => 1));
    expect(count('StageCompleted')).toEqual(jobs.map(() => 1));
    expect(count('JobEnqueued')).toEqual(jobs.map(() => 1));
    // The job read model rebuilt from the event log is the live table.
    expect(projectJobs(events)).toEqual(jobs);

    expect((await inspectDatabase(jobsDb)).integrity).toBe('ok');
    expect((await inspectDatabase(eventsDb)).integrity).toBe('ok');
    const outbox = await sql<{ n: number }>`select count(*) as n from job_events where delivered = 0`.execute(
      jobsDb.db,
    );
    expect(outbox.rows[0]?.n).toBe(0);
    // No service outlived its host.
    expect([...servicePids].filter(isAlive)).toEqual([]);
    await eventsDb.close();
    await jobsDb.close();
  }, 120_000);
});
