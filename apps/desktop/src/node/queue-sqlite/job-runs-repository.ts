import type { Kysely, Updateable } from 'kysely';
import type { JobsDatabase } from './jobs-database.js';
import type { JobsTable } from './jobs.table.js';
import type { JobError, JobEventPayloads } from '@kirinuki/contracts';
import type { HandOver, InterruptReason } from '../../common/jobs/job-queue.js';
import { immediateTransaction, writeJobEvent } from './job-outbox.js';
import { insertJobsIn, type JobRow } from './jobs-repository.js';
import type { OwnerLiveness } from './lease-owner.js';

// How a leased run ends or is taken back. Every write is conditional on the lease token, so a
// run whose lease was reclaimed or cancelled meanwhile changes nothing.

const iso = (ms: number) => new Date(ms).toISOString();

/** Extends a lease; false when it is no longer ours (cancelled, reclaimed), so the run must stop. */
export async function renewLease(
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  until: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ leaseExpiresAt: until })
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function saveProgress(
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  progress: number,
  etaMs: number | null,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress, etaMs })
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'running')
    .execute();
}

/** Ends a run we hold the lease of; false (and nothing written) when the lease is no longer ours. */
async function endRun(
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  now: number,
  change: Updateable<JobsTable>,
  event: {
    [T in keyof JobEventPayloads]: { type: T; payload: Omit<JobEventPayloads[T], 'seq'> };
  }[keyof JobEventPayloads],
  /** More writes that commit with this one (or not at all). */
  also?: (trx: Kysely<JobsDatabase>) => Promise<void>,
): Promise<boolean> {
  return immediateTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('jobs')
      .set({
        ...change,
        leaseToken: null,
        leaseOwnerId: null,
        leasePid: null,
        leaseHost: null,
        leaseBootId: null,
        leaseExpiresAt: null,
        etaMs: null,
        updatedAt: iso(now),
      })
      .where('id', '=', id)
      .where('leaseToken', '=', token)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await writeJobEvent(trx, id, event.type, event.payload as never, now);
    await also?.(trx);
    return true;
  });
}

export const finishJob = (
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  output: unknown,
  now: number,
  handOver?: HandOver,
) =>
  endRun(
    db,
    id,
    token,
    now,
    {
      status: 'done',
      progress: 1,
      error: null,
      output: JSON.stringify(output ?? null),
      finishedAt: iso(now),
    },
    { type: 'JobSucceeded', payload: {} },
    handOver
      ? async (trx) => {
          for (const { id: jobId } of handOver.discard) {
            const queued = await trx
              .selectFrom('jobs')
              .select('id')
              .where('id', '=', jobId)
              .where('status', '=', 'queued')
              .executeTakeFirst();
            if (!queued) continue;
            await writeJobEvent(trx, jobId, 'JobDiscarded', { reason: 'superseded', by: handOver.by }, now);
            await trx.deleteFrom('jobs').where('id', '=', jobId).execute();
          }
          await insertJobsIn(trx, handOver.enqueue, now);
        }
      : undefined,
  );

export const scheduleRetry = (
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  error: JobError,
  notBefore: number,
  progress: number,
  now: number,
) =>
  endRun(
    db,
    id,
    token,
    now,
    { status: 'queued', error: JSON.stringify(error), notBefore, progress },
    { type: 'JobRetryScheduled', payload: { error, runAfter: notBefore, progress } },
  );

/** Back to the queue until `notBefore` without counting the run (a handler deferred it). */
export const deferRun = (
  db: Kysely<JobsDatabase>,
  row: JobRow,
  token: string,
  reason: JobError,
  notBefore: number,
  progress: number,
  now: number,
) =>
  endRun(
    db,
    row.id,
    token,
    now,
    {
      status: 'queued',
      attempts: Math.max(0, row.attempts - 1),
      error: JSON.stringify(reason),
      notBefore,
      progress,
    },
    { type: 'JobRetryScheduled', payload: { error: reason, runAfter: notBefore, progress } },
  );

export const failRun = (
  db: Kysely<JobsDatabase>,
  id: string,
  token: string,
  error: JobError,
  progress: number,
  now: number,
) =>
  endRun(
    db,
    id,
    token,
    now,
    { status: 'failed', error: JSON.stringify(error), progress, finishedAt: iso(now) },
    { type: 'JobFailed', payload: { error, progress } },
  );

/** Back to the queue without counting the run (pause, shutdown). */
export const releaseRun = (
  db: Kysely<JobsDatabase>,
  row: JobRow,
  token: string,
  reason: 'paused' | 'stopped',
  progress: number,
  now: number,
) =>
  endRun(
    db,
    row.id,
    token,
    now,
    { status: 'queued', attempts: Math.max(0, row.attempts - 1), progress },
    { type: 'JobReleased', payload: { reason, attempts: Math.max(0, row.attempts - 1), progress } },
  );

/**
 * How many times a job may be cut short by its worker dying before it is failed. An interruption
 * (kill -9, power loss, a crash of the host) is not the job's failure, so it does not use up the
 * attempts transient errors get; only a job that keeps taking its worker down ends up failed.
 */
export const MAX_INTERRUPTIONS = 20;

/**
 * Ends a run that was cut short by its worker or its service being killed: back to the queue
 * as an interruption, the attempt handed back, or failed once MAX_INTERRUPTIONS is reached.
 * Null when the lease is no longer ours.
 */
export async function interruptRun(
  db: Kysely<JobsDatabase>,
  row: JobRow,
  token: string,
  reason: InterruptReason,
  progress: number,
  now: number,
): Promise<'queued' | 'failed' | null> {
  const interruptions = row.interruptions + 1;
  if (interruptions >= MAX_INTERRUPTIONS) {
    const failed = await failRun(
      db,
      row.id,
      token,
      {
        code: 'INTERNAL',
        message: `The worker running the ${row.stage} stage stopped ${interruptions} times before finishing it.`,
        hint: 'Retry the job; if it keeps stopping, report it with the log file from <library>/logs.',
      },
      progress,
      now,
    );
    return failed ? 'failed' : null;
  }
  const attempts = Math.max(0, row.attempts - 1);
  const queued = await endRun(
    db,
    row.id,
    token,
    now,
    { status: 'queued', notBefore: 0, attempts, interruptions, progress },
    { type: 'JobReleased', payload: { reason, attempts, progress } },
  );
  return queued ? 'queued' : null;
}

export interface Reclaimed {
  row: JobRow;
  reason: 'owner-dead' | 'lease-expired';
  failed: boolean;
}

/**
 * Takes back leases whose owner is dead (at once) or whose lease expired. The interrupted run is
 * counted as an interruption, not an attempt (see MAX_INTERRUPTIONS).
 */
export async function reclaimLeases(
  db: Kysely<JobsDatabase>,
  liveness: (row: JobRow) => OwnerLiveness,
  now: number,
): Promise<Reclaimed[]> {
  const running = await db.selectFrom('jobs').selectAll().where('status', '=', 'running').execute();
  const stale = running
    .map((row) => {
      const owner = liveness(row);
      if (owner === 'self') return null;
      if (owner === 'dead') return { row, reason: 'owner-dead' as const };
      return (row.leaseExpiresAt ?? 0) < now ? { row, reason: 'lease-expired' as const } : null;
    })
    .filter((s) => s !== null);
  const reclaimed: Reclaimed[] = [];
  for (const { row, reason } of stale) {
    const result = await interruptRun(db, row, row.leaseToken as string, reason, row.progress, now);
    if (result) reclaimed.push({ row, reason, failed: result === 'failed' });
  }
  return reclaimed;
}
