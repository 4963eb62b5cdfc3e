import type { Kysely, Selectable } from 'kysely';
import { monotonicFactory } from '../ids/ulid.js';
import type { JobError, JobStatus, JobSubject, ResourceClass } from '@kirinuki/contracts';
import type {
  ClaimRequest,
  JobFilter,
  NewJob,
  PendingJobRow,
  QueuedJob,
} from '../../common/jobs/job-queue.js';
import type { JobsDatabase } from './jobs-database.js';
import type { JobsTable } from './jobs.table.js';
import { immediateTransaction, writeJobEvent } from './job-outbox.js';
import type { LeaseOwner } from './lease-owner.js';

export type JobRow = Selectable<JobsTable>;

const nextJobId = monotonicFactory();
const iso = (ms: number) => new Date(ms).toISOString();

/** A row as the queue's callers see it: no pid, host or token. */
export function toQueuedJob(row: JobRow): QueuedJob {
  return {
    id: row.id,
    subjectKind: row.subjectKind,
    subjectId: row.subjectId,
    videoId: row.videoId,
    stage: row.stage,
    status: row.status,
    attempts: row.attempts,
    progress: row.progress,
    error: row.error ? (JSON.parse(row.error) as JobError) : null,
    resource: row.resource,
    priority: row.priority,
    maxAttempts: row.maxAttempts,
    interruptions: row.interruptions,
    params: JSON.parse(row.params) as Record<string, unknown>,
    output: row.output === null ? null : JSON.parse(row.output),
    etaMs: row.etaMs,
    notBefore: row.notBefore,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    lease: row.status === 'running' && row.leaseToken ? { expiresAt: row.leaseExpiresAt ?? 0 } : null,
  };
}

/** Creates the jobs that do not exist yet (one per subject and stage), inside the caller's transaction. */
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
      .where('subjectKind', '=', job.subject.kind)
      .where('subjectId', '=', job.subject.id)
      .where('stage', '=', job.stage)
      .executeTakeFirst();
    if (existing) {
      rows.push(existing);
      continue;
    }
    const id = nextJobId(now);
    const notBefore = job.notBefore ?? 0;
    await trx
      .insertInto('jobs')
      .values({
        id,
        subjectKind: job.subject.kind,
        subjectId: job.subject.id,
        videoId: job.videoId,
        stage: job.stage,
        status: 'queued',
        resource: job.resource,
        priority: job.priority,
        attempts: 0,
        maxAttempts: job.maxAttempts,
        progress: 0,
        params: JSON.stringify(job.params),
        notBefore,
        eventSeq: 0,
        createdAt: iso(now),
        updatedAt: iso(now),
      })
      .execute();
    await writeJobEvent(
      trx,
      id,
      'JobEnqueued',
      {
        videoId: job.videoId,
        stage: job.stage,
        subjectKind: job.subject.kind,
        subjectId: job.subject.id,
        ...(notBefore ? { notBefore } : {}),
      },
      now,
    );
    rows.push(await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }
  return rows;
}

export async function listJobRows(db: Kysely<JobsDatabase>, filter: JobFilter = {}): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.videoId) query = query.where('videoId', '=', filter.videoId);
  if (filter.subjectKind) query = query.where('subjectKind', '=', filter.subjectKind);
  if (filter.subjectId) query = query.where('subjectId', '=', filter.subjectId);
  return query.orderBy('id').execute();
}

export function getJobRow(db: Kysely<JobsDatabase>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many due jobs one look at the queue reads at a time. */
const CLAIM_PAGE = 200;

const subjectKey = (kind: string, id: string, stage: string) => `${kind}\u0000${id}\u0000${stage}`;

/** Leases the runnable jobs that fit the free resources; atomic across processes (BEGIN IMMEDIATE). */
export async function claimJobRows(
  db: Kysely<JobsDatabase>,
  request: ClaimRequest,
  owner: LeaseOwner,
): Promise<JobRow[]> {
  const free = { ...request.free };
  if (free.cpu + free.gpu + free.net <= 0) return [];
  return immediateTransaction(db, async (trx) => {
    const claimed: JobRow[] = [];
    // Page through what is due, best first, until the free slots are filled: a long queue (10,000
    // posts' renders) is not read whole on every look.
    // Each resource class with a free slot on its own, so a class that is full is not read at all.
    for (const resource of ['gpu', 'cpu', 'net'] as const)
      for (let offset = 0; free[resource] > 0; offset += CLAIM_PAGE) {
        const candidates = await trx
          .selectFrom('jobs')
          .selectAll()
          .where('status', '=', 'queued')
          .where('notBefore', '<=', request.now)
          .where('resource', '=', resource)
          .orderBy('priority', 'desc')
          .orderBy('id')
          .limit(CLAIM_PAGE)
          .offset(offset)
          .execute();
        if (!candidates.length) break;
        const subjectIds = [...new Set(candidates.map((c) => c.subjectId))];
        const kinds = [...new Set(candidates.map((c) => c.subjectKind))];
        const siblings = await trx
          .selectFrom('jobs')
          .select(['subjectKind', 'subjectId', 'stage', 'status'])
          // The kind too, so the (subjectKind, subjectId, stage) index serves it, not a scan.
          .where('subjectKind', 'in', kinds)
          .where('subjectId', 'in', subjectIds)
          .execute();
        const done = new Set(
          siblings
            .filter((s) => s.status === 'done')
            .map((s) => subjectKey(s.subjectKind, s.subjectId, s.stage)),
        );
        for (const job of candidates) {
          if (free[job.resource as ResourceClass] <= 0 || !request.handles(job.stage)) continue;
          const ready = request
            .upstreamOf(job.stage)
            .every((u) => done.has(subjectKey(job.subjectKind, job.subjectId, u)));
          if (!ready) continue;
          free[job.resource as ResourceClass] -= 1;
          const token = nextJobId(request.now);
          await trx
            .updateTable('jobs')
            .set({
              status: 'running',
              attempts: job.attempts + 1,
              progress: 0,
              etaMs: null,
              leaseToken: token,
              leaseOwnerId: owner.id,
              leasePid: owner.pid,
              leaseHost: owner.host,
              leaseBootId: owner.bootId,
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
        if (candidates.length < CLAIM_PAGE) break;
      }
    return claimed;
  });
}

/** See JobQueue.pendingRows: the queued jobs a worker would wait for, and their subjects' jobs. */
export async function pendingJobRows(
  db: Kysely<JobsDatabase>,
  dueBy: number,
  now: number,
): Promise<PendingJobRow[]> {
  const columns = [
    'subjectKind',
    'subjectId',
    'videoId',
    'stage',
    'status',
    'notBefore',
    'attempts',
  ] as const;
  const waiting = await db
    .selectFrom('jobs')
    .select(columns)
    .where('status', '=', 'queued')
    .where('notBefore', '<=', dueBy)
    .where((eb) => eb.or([eb('notBefore', '<=', now), eb('attempts', '>', 0)]))
    .execute();
  const subjectIds = [...new Set(waiting.map((r) => r.subjectId))];
  const kinds = [...new Set(waiting.map((r) => r.subjectKind))];
  const rows: PendingJobRow[] = [];
  for (let i = 0; i < subjectIds.length; i += 5000)
    rows.push(
      ...(await db
        .selectFrom('jobs')
        .select(columns)
        // The kind too, so the (subjectKind, subjectId, stage) index serves it, not a scan.
        .where('subjectKind', 'in', kinds)
        .where('subjectId', 'in', subjectIds.slice(i, i + 5000))
        .execute()),
    );
  return rows;
}

/** Outputs of the done jobs of a subject, by stage. */
export async function outputsOfSubject(
  db: Kysely<JobsDatabase>,
  subject: JobSubject,
): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['stage', 'status', 'output'])
    .where('subjectKind', '=', subject.kind)
    .where('subjectId', '=', subject.id)
    .execute();
  // `done` is filtered here, not in SQL: with it there SQLite took the status index and read every
  // done job of the library (1.5 ms a post with 10,000 in it) instead of the subject's few.
  return Object.fromEntries(
    rows
      .filter((r) => r.status === 'done')
      .map((r) => [r.stage, r.output === null ? null : JSON.parse(r.output)]),
  );
}

const NO_LEASE = {
  leaseToken: null,
  leaseOwnerId: null,
  leasePid: null,
  leaseHost: null,
  leaseBootId: null,
  leaseExpiresAt: null,
} as const;

/** Cancels queued and running jobs among `ids`; returns those it cancelled. */
export async function cancelJobRows(
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
        .set({ status: 'cancelled', ...NO_LEASE, etaMs: null, finishedAt: iso(now), updatedAt: iso(now) })
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
export async function requeueJobRows(
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
          notBefore: 0,
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

/** Moves a queued job's not-before time; undefined when the job is not queued. */
export async function rescheduleJobRow(
  db: Kysely<JobsDatabase>,
  id: string,
  notBefore: number,
  now: number,
): Promise<JobRow | undefined> {
  return immediateTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('jobs')
      .set({ notBefore, updatedAt: iso(now) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    await writeJobEvent(trx, id, 'JobRescheduled', { notBefore }, now);
    return trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  });
}
