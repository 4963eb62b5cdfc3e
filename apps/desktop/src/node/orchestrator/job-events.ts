import type { JobStatus } from '../storage/jobs.table.js';
import type { JobError } from './retry-policy.js';

/** What `jobs list` shows for a job; the live table and `projectJobs` both produce it. */
export interface JobSummary {
  id: string;
  videoId: string;
  stage: string;
  status: JobStatus;
  attempts: number;
  progress: number;
  error: JobError | null;
}

/** Payloads of the job events; every one carries the job's event sequence number. */
export interface JobEventPayloads {
  JobEnqueued: { seq: number; videoId: string; stage: string };
  JobStarted: { seq: number; attempts: number };
  JobSucceeded: { seq: number };
  /** Back to the queue without a failure: lease expired, owner dead, paused or stopped. */
  JobReleased: {
    seq: number;
    reason: 'lease-expired' | 'owner-dead' | 'service-killed' | 'paused' | 'stopped';
    attempts: number;
    progress: number;
  };
  JobRetryScheduled: { seq: number; error: JobError; runAfter: number; progress: number };
  JobFailed: { seq: number; error: JobError; progress: number };
  JobCancelled: { seq: number; progress: number };
  /** A user retry of a failed or cancelled job: a fresh start. */
  JobRetried: { seq: number };
  /**
   * A queued job dropped because its video turned out to be another one (`by`): an import of
   * content already in the library. The same stages were queued for that video instead.
   */
  JobDiscarded: { seq: number; reason: 'superseded'; by: string };
}

export type JobEventType = keyof JobEventPayloads;

/** The event log's shape (the library's `events` table): id is a ULID, `at` ISO 8601. */
export interface LoggedEvent<T extends string = string, P = unknown> {
  id: string;
  type: T;
  aggregateId: string;
  at: string;
  payload: P;
}

export type JobEvent = { [T in JobEventType]: LoggedEvent<T, JobEventPayloads[T]> }[JobEventType];

export const JOB_EVENT_TYPES: readonly JobEventType[] = [
  'JobEnqueued',
  'JobStarted',
  'JobSucceeded',
  'JobReleased',
  'JobRetryScheduled',
  'JobFailed',
  'JobCancelled',
  'JobRetried',
  'JobDiscarded',
];

export function isJobEvent(event: LoggedEvent): event is JobEvent {
  return (JOB_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** One job event applied to the job as it was (undefined before its JobEnqueued). */
export function applyJobEvent(job: JobSummary | undefined, event: JobEvent): JobSummary | undefined {
  if (event.type === 'JobEnqueued') {
    return {
      id: event.aggregateId,
      videoId: event.payload.videoId,
      stage: event.payload.stage,
      status: 'queued',
      attempts: 0,
      progress: 0,
      error: null,
    };
  }
  if (!job) return undefined;
  switch (event.type) {
    case 'JobStarted':
      return { ...job, status: 'running', attempts: event.payload.attempts, progress: 0 };
    case 'JobSucceeded':
      return { ...job, status: 'done', progress: 1, error: null };
    case 'JobReleased':
      return { ...job, status: 'queued', attempts: event.payload.attempts, progress: event.payload.progress };
    case 'JobRetryScheduled':
      return { ...job, status: 'queued', error: event.payload.error, progress: event.payload.progress };
    case 'JobFailed':
      return { ...job, status: 'failed', error: event.payload.error, progress: event.payload.progress };
    case 'JobCancelled':
      return { ...job, status: 'cancelled', progress: event.payload.progress };
    case 'JobRetried':
      return { ...job, status: 'queued', attempts: 0, progress: 0, error: null };
    case 'JobDiscarded':
      return undefined;
  }
}

/**
 * The jobs read model rebuilt from the event log. Events may arrive in any order and more than
 * once (delivery is at least once): they are applied per job in sequence order, once per seq.
 * Other event types are ignored. Sorted like `listJobs`: by job id.
 */
export function projectJobs(events: Iterable<LoggedEvent>): JobSummary[] {
  const byJob = new Map<string, Map<number, JobEvent>>();
  for (const event of events) {
    if (!isJobEvent(event)) continue;
    const seqs = byJob.get(event.aggregateId) ?? new Map<number, JobEvent>();
    seqs.set(event.payload.seq, event);
    byJob.set(event.aggregateId, seqs);
  }
  const jobs: JobSummary[] = [];
  for (const seqs of byJob.values()) {
    let job: JobSummary | undefined;
    for (const seq of [...seqs.keys()].sort((a, b) => a - b))
      job = applyJobEvent(job, seqs.get(seq) as JobEvent);
    if (job) jobs.push(job);
  }
  return jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
