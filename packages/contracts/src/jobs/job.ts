import type { EventEnvelope } from '../events/event-envelope.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type ResourceClass = 'gpu' | 'cpu' | 'net';

/** What a job works on: a video (the import pipeline), a clip, or a post (publishing). */
export type SubjectKind = 'video' | 'clip' | 'post';
export const SUBJECT_KINDS = ['video', 'clip', 'post'] as const satisfies readonly SubjectKind[];

export interface JobSubject {
  kind: SubjectKind;
  id: string;
}

export interface JobError {
  code: string;
  message: string;
  hint: string;
}

/**
 * A job as `jobs list` shows it, from the queue or the library's read model. One job per
 * (subject, stage); `videoId` is the video the work is about (the subject itself for a video; the
 * clip's video for a clip or a post), so every job shows under its video.
 */
export interface JobSummary {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  videoId: string;
  stage: string;
  status: JobStatus;
  attempts: number;
  progress: number;
  error: JobError | null;
}

/** Payloads of the job events; every one carries the job's event sequence number. */
export interface JobEventPayloads {
  /** Events written before jobs had subjects carry only `videoId` (the subject was the video). */
  JobEnqueued: {
    seq: number;
    videoId: string;
    stage: string;
    subjectKind?: SubjectKind;
    subjectId?: string;
    /** Epoch ms before which the job does not run (a scheduled post); absent: at once. */
    notBefore?: number;
  };
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
  /** A job's "not before" time moved (a post rescheduled). */
  JobRescheduled: { seq: number; notBefore: number };
}

export type JobEventType = keyof JobEventPayloads;

export type JobEvent = { [T in JobEventType]: EventEnvelope<T, JobEventPayloads[T]> }[JobEventType];

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
  'JobRescheduled',
];

export function isJobEvent(event: EventEnvelope): event is JobEvent {
  return (JOB_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The summary fields of a job record that carries more (the queue's own record). */
export function jobSummaryOf(job: JobSummary): JobSummary {
  const { id, subjectKind, subjectId, videoId, stage, status, attempts, progress, error } = job;
  return { id, subjectKind, subjectId, videoId, stage, status, attempts, progress, error };
}
