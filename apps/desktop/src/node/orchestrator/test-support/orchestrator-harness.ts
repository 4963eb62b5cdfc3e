// The orchestrator tests' harness: a jobs database in a temporary folder, handlers and a logger.
import { mkdtempSync, rmSync } from 'node:fs';
import { sqliteJobQueue } from '../../queue-sqlite/sqlite-job-queue.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../logging/create-logger.js';
import { JOBS_DATABASE, type JobsDatabase } from '../../queue-sqlite/jobs-database.js';
import { openDatabase, type OpenedDatabase } from '@kirinuki/db';
import type { JobEvent } from '@kirinuki/contracts';
import { createOrchestrator, type OrchestratorOptions } from '../orchestrator.js';
import { type QueueEvent } from '@kirinuki/contracts';
import type { StageSpec } from '../stage-graph.js';
import type { StageContext, StageHandler } from '../stage-handler.js';

export const DAG: StageSpec[] = [
  { name: 'ingest', after: [], resource: 'cpu' },
  { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
  { name: 'vision', after: ['ingest'], resource: 'cpu' },
  { name: 'segment', after: ['transcribe', 'vision'], resource: 'cpu' },
];
export const logger = createLogger({
  logDir: null,
  consoleLevel: 'silent',
  pretty: false,
  correlationId: 'orchestrator-test',
});

/** What to undo after each test, last first: `afterEach(runCleanups)`. */
export const cleanups: Array<() => Promise<void> | void> = [];
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export async function openJobs(): Promise<{ dir: string; jobsDb: OpenedDatabase<JobsDatabase> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-jobs-'));
  const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => jobsDb.close());
  return { dir, jobsDb };
}

export type Run = (ctx: StageContext) => Promise<unknown>;
export const handlersFor = (specs: readonly StageSpec[], run: Run): StageHandler[] =>
  specs.map((s) => ({ stage: s.name, run }));

export async function setup(run: Run, overrides: Partial<OrchestratorOptions> = {}) {
  const { dir, jobsDb } = await openJobs();
  const logged: JobEvent[] = [];
  const events: QueueEvent[] = [];
  const orchestrator = createOrchestrator({
    queue: sqliteJobQueue(jobsDb.db),
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

export const byStage = <T extends { stage: string }>(jobs: T[]) =>
  Object.fromEntries(jobs.map((j) => [j.stage, j]));
