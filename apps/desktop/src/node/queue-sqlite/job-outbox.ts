import { sql, type Kysely } from 'kysely';
import { monotonicFactory } from '../ids/ulid.js';
import type { JobsDatabase } from './jobs-database.js';
import type { JobEvent, JobEventPayloads, JobEventType } from '@kirinuki/contracts';

const nextUlid = monotonicFactory();

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction on one reserved connection: the write lock is
 * taken up front, so two processes claiming jobs never both read the same queue state.
 */
export async function immediateTransaction<T>(
  db: Kysely<JobsDatabase>,
  fn: (trx: Kysely<JobsDatabase>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Records a job event in the outbox, in the caller's transaction, with the job's next sequence
 * number. Its id is fixed here, so redelivery after a crash repeats the same id.
 */
export async function writeJobEvent<T extends JobEventType>(
  trx: Kysely<JobsDatabase>,
  jobId: string,
  type: T,
  payload: Omit<JobEventPayloads[T], 'seq'>,
  now: number,
): Promise<void> {
  const row = await trx
    .updateTable('jobs')
    .set((eb) => ({ eventSeq: eb('eventSeq', '+', 1) }))
    .where('id', '=', jobId)
    .returning('eventSeq')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('job_events')
    .values({
      id: nextUlid(now),
      type,
      aggregateId: jobId,
      at: new Date(now).toISOString(),
      payload: JSON.stringify({ ...payload, seq: row.eventSeq }),
      delivered: 0,
    })
    .execute();
}

export async function undeliveredJobEvents(db: Kysely<JobsDatabase>, limit = 500): Promise<JobEvent[]> {
  const rows = await db
    .selectFrom('job_events')
    .selectAll()
    .where('delivered', '=', 0)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(
    (r) =>
      ({
        id: r.id,
        type: r.type,
        aggregateId: r.aggregateId,
        at: r.at,
        payload: JSON.parse(r.payload),
      }) as JobEvent,
  );
}

export async function markJobEventsDelivered(
  db: Kysely<JobsDatabase>,
  ids: readonly string[],
): Promise<void> {
  if (ids.length) await db.updateTable('job_events').set({ delivered: 1 }).where('id', 'in', ids).execute();
}

/** Every job event ever written, delivered or not (for rebuilding projections and tests). */
export async function allJobEvents(db: Kysely<JobsDatabase>): Promise<JobEvent[]> {
  const rows = await db.selectFrom('job_events').selectAll().orderBy('id').execute();
  return rows.map(
    (r) =>
      ({
        id: r.id,
        type: r.type,
        aggregateId: r.aggregateId,
        at: r.at,
        payload: JSON.parse(r.payload),
      }) as JobEvent,
  );
}

export async function readPaused(db: Kysely<JobsDatabase>): Promise<boolean> {
  const row = await db
    .selectFrom('queue_state')
    .select('value')
    .where('key', '=', 'paused')
    .executeTakeFirst();
  return row?.value === 'true';
}

export async function writePaused(db: Kysely<JobsDatabase>, paused: boolean): Promise<void> {
  await db
    .insertInto('queue_state')
    .values({ key: 'paused', value: String(paused) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(paused) }))
    .execute();
}
