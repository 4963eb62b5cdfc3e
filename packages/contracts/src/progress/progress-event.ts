import type { JobSummary } from '../jobs/job.js';

/** A progress report of long work, as the UI and the CLI show it. */
export interface ProgressEvent {
  /** Job id (or the id of work outside the queue: a render now, a model download). */
  jobId: string;
  videoId: string | null;
  stage: string;
  /** `discarded`: the job is gone (its video turned out to be another one); forget it. */
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'discarded';
  fraction: number | null;
  etaSec: number | null;
  message?: string;
  /** With a failure: the error's code and what to do (the message is in `message`). */
  code?: string;
  hint?: string;
}

/** What the job queue tells its listeners: job state changes and progress (fraction, stage, ETA). */
export type QueueEvent =
  | { type: 'job'; job: JobSummary }
  /** A queued job dropped: its video turned out to be `by` (the work was queued there). */
  | { type: 'discarded'; jobId: string; videoId: string; stage: string; by: string }
  | {
      type: 'progress';
      jobId: string;
      videoId: string;
      stage: string;
      fraction: number;
      /** null until there is enough progress to extrapolate. */
      etaMs: number | null;
      detail: string | undefined;
    };

/** A job's state as a progress report (a snapshot of the queue, or a state change). */
export function progressOfJob(job: JobSummary): ProgressEvent {
  return {
    jobId: job.id,
    videoId: job.videoId,
    stage: job.stage,
    status: job.status,
    fraction: job.progress,
    etaSec: null,
    ...(job.error ? { message: job.error.message, code: job.error.code, hint: job.error.hint } : {}),
  };
}

/** The queue's events as the UI's progress events. */
export function progressOfQueueEvent(event: QueueEvent): ProgressEvent {
  if (event.type === 'progress') {
    return {
      jobId: event.jobId,
      videoId: event.videoId,
      stage: event.stage,
      status: 'running',
      fraction: event.fraction,
      etaSec: event.etaMs === null ? null : event.etaMs / 1000,
      ...(event.detail ? { message: event.detail } : {}),
    };
  }
  if (event.type === 'discarded') {
    return {
      jobId: event.jobId,
      videoId: event.videoId,
      stage: event.stage,
      status: 'discarded',
      fraction: null,
      etaSec: null,
    };
  }
  return progressOfJob(event.job);
}
