import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  applyJobEvent,
  isJobEvent,
  projectJobs,
  videoStatus,
  type EventEnvelope,
  type JobError,
  type JobEvent,
  type JobSummary,
  type VideoStatus,
} from '@kirinuki/contracts';
import { appendEvents } from '../events/events-repository.js';
import type { LibraryDatabase } from '../library-db/library-database.js';
import type { JobViewsTable } from '../library-db/job-views.table.js';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;

// The library's jobs read model (`job_views`): what the queue did, as the event log tells it.
// The jobs database stays the queue's working state (leases, outputs); this projection is what
// the library can always rebuild, and what the videos' status is read from.

const toRow = (job: JobSummary, seq: number): JobViewsTable => ({
  id: job.id,
  subjectKind: job.subjectKind,
  subjectId: job.subjectId,
  videoId: job.videoId,
  stage: job.stage,
  status: job.status,
  attempts: job.attempts,
  progress: job.progress,
  error: job.error ? JSON.stringify(job.error) : null,
  seq,
});

const toJobSummary = ({ seq: _seq, error, ...row }: Selectable<JobViewsTable>): JobSummary => ({
  ...row,
  error: error ? (JSON.parse(error) as JobError) : null,
});

/**
 * Appends a job event to the log and, when it is new there, applies it to `job_views` in the
 * same transaction. A repeated delivery (same id) or an event older than what the row holds
 * changes nothing.
 */
export async function appendJobEvent(db: Kysely<LibraryDatabase>, event: JobEvent): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await appendEvents(trx, [event]))) return;
    const row = await trx
      .selectFrom('job_views')
      .selectAll()
      .where('id', '=', event.aggregateId)
      .executeTakeFirst();
    if (row && row.seq >= event.payload.seq) return;
    const next = applyJobEvent(row ? toJobSummary(row) : undefined, event);
    if (!next) {
      await trx.deleteFrom('job_views').where('id', '=', event.aggregateId).execute();
      return;
    }
    await trx
      .insertInto('job_views')
      .values(toRow(next, event.payload.seq))
      .onConflict((oc) => oc.column('id').doUpdateSet(toRow(next, event.payload.seq)))
      .execute();
  });
}

export async function listJobViews(db: Db, filter: { videoId?: string } = {}): Promise<JobSummary[]> {
  let query = db.selectFrom('job_views').selectAll().orderBy('id');
  if (filter.videoId) query = query.where('videoId', '=', filter.videoId);
  return (await query.execute()).map(toJobSummary);
}

/** Every video's status, from its jobs in the read model. */
export async function videoStatuses(db: Db): Promise<Map<string, VideoStatus>> {
  const byVideo = new Map<string, JobSummary[]>();
  for (const job of await listJobViews(db))
    byVideo.set(job.videoId, [...(byVideo.get(job.videoId) ?? []), job]);
  return new Map([...byVideo].map(([id, jobs]) => [id, videoStatus(jobs)]));
}

export async function videoStatusOf(db: Db, videoId: string): Promise<VideoStatus> {
  return videoStatus(await listJobViews(db, { videoId }));
}

/** Replaces `job_views` with the projection of the given events; returns how many jobs it holds. */
export async function rebuildJobViews(trx: Transaction<LibraryDatabase>, events: readonly EventEnvelope[]) {
  const lastSeq = new Map<string, number>();
  for (const event of events)
    if (isJobEvent(event))
      lastSeq.set(event.aggregateId, Math.max(lastSeq.get(event.aggregateId) ?? 0, event.payload.seq));
  const jobs = projectJobs(events);
  await trx.deleteFrom('job_views').execute();
  for (const job of jobs)
    await trx
      .insertInto('job_views')
      .values(toRow(job, lastSeq.get(job.id) ?? 0))
      .execute();
  return jobs.length;
}
