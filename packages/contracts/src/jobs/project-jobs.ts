import type { EventEnvelope } from '../events/event-envelope.js';
import { isJobEvent, type JobEvent, type JobSummary } from './job.js';

/** One job event applied to the job as it was (undefined before its JobEnqueued). */
export function applyJobEvent(job: JobSummary | undefined, event: JobEvent): JobSummary | undefined {
  if (event.type === 'JobEnqueued') {
    const { videoId, stage, subjectKind, subjectId } = event.payload;
    return {
      id: event.aggregateId,
      subjectKind: subjectKind ?? 'video',
      subjectId: subjectId ?? videoId,
      videoId,
      stage,
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
    case 'JobRescheduled':
      return job;
    case 'JobDiscarded':
      return undefined;
  }
}

/**
 * The jobs read model rebuilt from the event log. Events may arrive in any order and more than
 * once (delivery is at least once): they are applied per job in sequence order, once per seq.
 * Other event types are ignored. Sorted by job id, as the queue lists them.
 */
export function projectJobs(events: Iterable<EventEnvelope>): JobSummary[] {
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
