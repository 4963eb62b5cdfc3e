import type { Kysely } from 'kysely';
import { openDatabase } from '@kirinuki/db';
import type { JobLease, JobQueue } from '../../common/jobs/job-queue.js';
import { isPidAlive } from '../service-process/pid-alive.js';
import { JOBS_DATABASE, type JobsDatabase } from './jobs-database.js';
import {
  allJobEvents,
  markJobEventsDelivered,
  readPaused,
  undeliveredJobEvents,
  writePaused,
  immediateTransaction,
} from './job-outbox.js';
import * as runs from './job-runs-repository.js';
import {
  cancelJobRows,
  claimJobRows,
  pendingJobRows,
  getJobRow,
  insertJobsIn,
  listJobRows,
  outputsOfSubject,
  requeueJobRows,
  rescheduleJobRow,
  toQueuedJob,
  type JobRow,
} from './jobs-repository.js';
import { currentLeaseOwner, ownerLiveness, type LeaseOwner } from './lease-owner.js';
import {
  acquireSchedulerLease,
  localSchedulerLeaseHolder,
  releaseSchedulerLease,
} from './scheduler-lease.js';

/** A lease as this implementation hands it out: the token, and the row as it was when claimed. */
interface SqliteLease extends JobLease {
  readonly row: JobRow;
}

const rowOf = (lease: JobLease): JobRow => (lease as SqliteLease).row;

/**
 * The job queue in a SQLite file (`jobs.db`): leases carry the holder's process, machine and boot,
 * so a run whose process is gone on this machine is taken back at once, and one on another machine
 * once its lease expires. `owner` identifies this process's runs (tests pass their own).
 */
export function sqliteJobQueue(
  db: Kysely<JobsDatabase>,
  options: { owner?: LeaseOwner; close?: () => Promise<void> } = {},
): JobQueue {
  const owner = options.owner ?? currentLeaseOwner();
  const liveness = (row: JobRow) =>
    ownerLiveness(
      {
        id: row.leaseOwnerId,
        pid: row.leasePid ?? -1,
        host: row.leaseHost ?? '',
        bootId: row.leaseBootId ?? 'unknown',
      },
      owner,
      isPidAlive,
    );
  const lease = (row: JobRow): SqliteLease => ({
    job: toQueuedJob(row),
    token: row.leaseToken as string,
    row,
  });
  return {
    insert: async (jobs, now) =>
      (await immediateTransaction(db, (trx) => insertJobsIn(trx, jobs, now))).map(toQueuedJob),
    list: async (filter) => (await listJobRows(db, filter)).map(toQueuedJob),
    get: async (id) => {
      const row = await getJobRow(db, id);
      return row ? toQueuedJob(row) : undefined;
    },
    claim: async (request) => (await claimJobRows(db, request, owner)).map(lease),
    outputsOf: (subject) => outputsOfSubject(db, subject),
    acquireSchedulerLease: (now, leaseMs) => acquireSchedulerLease(db, owner, now, leaseMs),
    releaseSchedulerLease: () => releaseSchedulerLease(db, owner),
    localSchedulerLeaseHolder: () => localSchedulerLeaseHolder(db, owner),
    nextDueAfter: async (now) => {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('notBefore').as('next'))
        .where('status', '=', 'queued')
        .where('notBefore', '>', now)
        .executeTakeFirst();
      return row?.next ?? null;
    },
    stagesDueBy: async (dueBy) =>
      (
        await db
          .selectFrom('jobs')
          .select('stage')
          .distinct()
          .where('status', '=', 'queued')
          .where('notBefore', '<=', dueBy)
          .execute()
      ).map((r) => r.stage),
    pendingRows: (dueBy, now) => pendingJobRows(db, dueBy, now),
    cancel: async (ids, now) => (await cancelJobRows(db, ids, now)).map(toQueuedJob),
    retry: async (ids, now) =>
      (await requeueJobRows(db, ids, ['failed', 'cancelled'], null, now)).map(toQueuedJob),
    rerun: async (ids, params, now) =>
      (await requeueJobRows(db, ids, ['done', 'failed', 'cancelled'], params, now)).map(toQueuedJob),
    reschedule: async (id, notBefore, now) => {
      const row = await rescheduleJobRow(db, id, notBefore, now);
      return row ? toQueuedJob(row) : undefined;
    },
    renew: (l, until) => runs.renewLease(db, l.job.id, l.token, until),
    saveProgress: (l, progress, etaMs) => runs.saveProgress(db, l.job.id, l.token, progress, etaMs),
    finish: (l, output, now, handOver) => runs.finishJob(db, l.job.id, l.token, output, now, handOver),
    retryLater: (l, error, notBefore, progress, now) =>
      runs.scheduleRetry(db, l.job.id, l.token, error, notBefore, progress, now),
    defer: (l, reason, notBefore, progress, now) =>
      runs.deferRun(db, rowOf(l), l.token, reason, notBefore, progress, now),
    fail: (l, error, progress, now) => runs.failRun(db, l.job.id, l.token, error, progress, now),
    release: (l, reason, progress, now) => runs.releaseRun(db, rowOf(l), l.token, reason, progress, now),
    interrupt: (l, reason, progress, now) => runs.interruptRun(db, rowOf(l), l.token, reason, progress, now),
    reclaim: async (now) =>
      (await runs.reclaimLeases(db, liveness, now)).map(({ row, reason, failed }) => ({
        job: toQueuedJob(row),
        reason,
        failed,
      })),
    isPaused: () => readPaused(db),
    setPaused: (paused) => writePaused(db, paused),
    undeliveredEvents: (limit) => undeliveredJobEvents(db, limit),
    markDelivered: (ids) => markJobEventsDelivered(db, ids),
    allEvents: () => allJobEvents(db),
    close: async () => {
      await options.close?.();
    },
  };
}

/** Opens (and migrates) `<dir>/jobs.db` as a job queue; closing the queue closes the file. */
export async function openSqliteJobQueue(
  dir: string,
  options: { owner?: LeaseOwner } = {},
): Promise<JobQueue> {
  const opened = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
  return sqliteJobQueue(opened.db, { ...options, close: () => opened.close() });
}
