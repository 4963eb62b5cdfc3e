import type { Kysely, Selectable } from 'kysely';
import { monotonicFactory } from 'ulid';
import type { JobsDatabase } from '../storage/jobs-database.js';
import type { JobStatus, JobsTable, ResourceClass } from '../storage/jobs.table.js';
import type { JobSummary } from './job-events.js';
import { immediateTransaction, writeJobEvent } from './job-outbox.js';
import type { LeaseOwner } from './lease-owner.js';
import type { JobError } from './retry-policy.js';

export type JobRow = Selectable<JobsTable>;

const nextJobId = monotonicFactory();
const iso = (ms: number) => new Date(ms).toISOString();

/** A job as `jobs list` shows it, from the queue's row or the library's read model. */
export function toJobSummary(
  row: Pick<JobRow, 'id' | 'videoId' | 'stage' | 'status' | 'attempts' | 'progress' | 'error'>,
): JobSummary {
  return {
    id: row.id,
    videoId: row.videoId,
    stage: row.stage,
    status: row.status,
    attempts: row.attempts,
    progress: row.progress,
    error: row.error ? (JSON.parse(row.error) as JobError) : null,
  };
}

export interface NewJob {
  videoId: string;
  stage: string;
  resource: ResourceClass;
  priority: number;
  maxAttempts: number;
  params: Record<string, unknown>;
}

/** Creates the jobs that do not exist yet (one per video and stage); returns every job asked for. */
export function insertJobs(
  db: Kysely<JobsDatabase>,
  jobs: readonly NewJob[],
  now: number,
): Promise<JobRow[]> {
  return immediateTransaction(db, (trx) => insertJobsIn(trx, jobs, now));
}

/** insertJobs inside a transaction the caller holds. */
export async function insertJobsIn(
  trx: Kysely<JobsDatabase>,
  jobs: readonly NewJob[],
  now: number,
): Promise<JobRow[]> {
  const rows: JobRow[] = [];
  for (const job of jobs) {
    const existing = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('videoId', '=', job.videoId)
      .where('stage', '=', job.stage)
      .executeTakeFirst();
    if (existing) {
      rows.push(existing);
      continue;
    }
    const id = nextJobId(now);
    await trx
      .insertInto('jobs')
      .values({
        id,
        videoId: job.videoId,
        stage: job.stage,
        status: 'queued',
        resource: job.resource,
        priority: job.priority,
        attempts: 0,
        maxAttempts: job.maxAttempts,
        progress: 0,
        params: JSON.stringify(job.params),
        runAfter: 0,
        eventSeq: 0,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .execute();
    await writeJobEvent(trx, id, 'JobEnqueued', { videoId: job.videoId, stage: job.stage }, now);
    rows.push(await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }
  return rows;
}

export async function listJobs(
  db: Kysely<JobsDatabase>,
  filter: { videoId?: string } = {},
): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.videoId) query = query.where('videoId', '=', filter.videoId);
  return query.orderBy('id').execute();
}

export async function getJob(db: Kysely<JobsDatabase>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ClaimRequest {
  owner: LeaseOwner;
  now: number;
  leaseMs: number;
  /** Free slots per resource class in this worker. */
  free: Record<ResourceClass, number>;
  /** Upstream stages of a stage. */
  upstreamOf: (stage: string) => readonly string[];
  /** Stages this worker has a handler for. */
  handles: (stage: string) => boolean;
}

/**
 * Leases the runnable jobs that fit the free resources, highest priority first, then oldest:
 * queued, due, every upstream stage of the same video done. Atomic across processes.
 */
export async function claimJobs(db: Kysely<JobsDatabase>, request: ClaimRequest): Promise<JobRow[]> {
  const free = { ...request.free };
  if (free.cpu + free.gpu + free.net <= 0) return [];
  return immediateTransaction(db, async (trx) => {
    const candidates = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'queued')
      .where('runAfter', '<=', request.now)
      .orderBy('priority', 'desc')
      .orderBy('id')
      .execute();
    if (!candidates.length) return [];
    const videoIds = [...new Set(candidates.map((c) => c.videoId))];
    const siblings = await trx
      .selectFrom('jobs')
      .select(['videoId', 'stage', 'status'])
      .where('videoId', 'in', videoIds)
      .execute();
    const done = new Set(
      siblings.filter((s) => s.status === 'done').map((s) => `${s.videoId}\u0000${s.stage}`),
    );
    const claimed: JobRow[] = [];
    for (const job of candidates) {
      if (free[job.resource] <= 0 || !request.handles(job.stage)) continue;
      if (!request.upstreamOf(job.stage).every((u) => done.has(`${job.videoId}\u0000${u}`))) continue;
      free[job.resource] -= 1;
      const token = nextJobId(request.now);
      await trx
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts: job.attempts + 1,
          progress: 0,
          etaMs: null,
          leaseToken: token,
          leaseOwnerId: request.owner.id,
          leasePid: request.owner.pid,
          leaseHost: request.owner.host,
          leaseBootId: request.owner.bootId,
          leaseExpiresAt: request.now + request.leaseMs,
          startedAt: iso(request.now),
          updatedAt: iso(request.now),
        })
        .where('id', '=', job.id)
        .execute();
      await writeJobEvent(trx, job.id, 'JobStarted', { attempts: job.attempts + 1 }, request.now);
      claimed.push(
        await trx.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow(),
      );
    }
    return claimed;
  });
}

/** Outputs of done jobs of a video, by stage. */
export async function stageOutputs(
  db: Kysely<JobsDatabase>,
  videoId: string,
): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['stage', 'output'])
    .where('videoId', '=', videoId)
    .where('status', '=', 'done')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.stage, r.output === null ? null : JSON.parse(r.output)]));
}

/** Cancels queued and running jobs among `ids`; returns those it cancelled. */
export async function cancelJobs(
  db: Kysely<JobsDatabase>,
  ids: readonly string[],
  now: number,
): Promise<JobRow[]> {
  if (!ids.length) return [];
  return immediateTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('id', 'in', ids)
      .where('status', 'in', ['queued', 'running'])
      .execute();
    for (const row of rows) {
      await trx
        .updateTable('jobs')
        .set({
          status: 'cancelled',
          leaseToken: null,
          leaseOwnerId: null,
          leasePid: null,
          leaseHost: null,
          leaseBootId: null,
          leaseExpiresAt: null,
          etaMs: null,
          finishedAt: iso(now),
          updatedAt: iso(now),
        })
        .where('id', '=', row.id)
        .execute();
      await writeJobEvent(trx, row.id, 'JobCancelled', { progress: row.progress }, now);
    }
    return rows;
  });
}

/**
 * Puts the jobs among `ids` whose status is in `from` back in the queue as new (a JobRetried
 * event each), optionally with new params (which drops the old output). Returns those it requeued.
 */
async function requeueJobs(
  db: Kysely<JobsDatabase>,
  ids: readonly string[],
  from: readonly JobStatus[],
  params: Record<string, unknown> | null,
  now: number,
): Promise<JobRow[]> {
  if (!ids.length) return [];
  return immediateTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('id', 'in', ids)
      .where('status', 'in', from)
      .execute();
    for (const row of rows) {
      await trx
        .updateTable('jobs')
        .set({
          status: 'queued',
          attempts: 0,
          interruptions: 0,
          progress: 0,
          error: null,
          runAfter: 0,
          finishedAt: null,
          updatedAt: iso(now),
          ...(params ? { params: JSON.stringify(params), output: null } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      await writeJobEvent(trx, row.id, 'JobRetried', {}, now);
    }
    return rows;
  });
}

/** Puts failed or cancelled jobs among `ids` back in the queue as new; returns those it requeued. */
export function retryJobs(db: Kysely<JobsDatabase>, ids: readonly string[], now: number): Promise<JobRow[]> {
  return requeueJobs(db, ids, ['failed', 'cancelled'], null, now);
}

/**
 * Runs finished jobs among `ids` again (new settings, `--fresh`): back to the queue with fresh
 * params; a running or queued job is left as it is. Returns those it requeued.
 */
export function rerunJobs(
  db: Kysely<JobsDatabase>,
  ids: readonly string[],
  params: Record<string, unknown>,
  now: number,
): Promise<JobRow[]> {
  return requeueJobs(db, ids, ['done', 'failed', 'cancelled'], params, now);
}
