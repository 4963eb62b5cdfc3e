import type { ProgressEvent } from '../api/api-types.js';

export interface StageProgress {
  stage: string;
  status: ProgressEvent['status'];
  fraction: number | null;
  etaSec: number | null;
}

/** One job as the UI shows it: its stages in the order they were reported, the latest last. */
export interface JobView {
  jobId: string;
  videoId: string | null;
  status: ProgressEvent['status'];
  stages: StageProgress[];
  message: string | null;
  /** The failure's code and hint, when the host sent them. */
  code: string | null;
  hint: string | null;
  updatedAt: number;
}

export type JobsById = Readonly<Record<string, JobView>>;

const FINISHED = new Set<ProgressEvent['status']>(['done', 'failed', 'cancelled']);

export const isFinished = (status: ProgressEvent['status']) => FINISHED.has(status);

/** Folds one progress report into the jobs seen so far (pure; the store calls it). */
export function applyProgress(jobs: JobsById, event: ProgressEvent, now: number): JobsById {
  if (event.status === 'discarded') {
    // The job is gone: its video turned out to be one already in the library.
    const { [event.jobId]: _gone, ...rest } = jobs;
    return rest;
  }
  const previous = jobs[event.jobId];
  const stages = previous ? [...previous.stages] : [];
  const index = stages.findIndex((s) => s.stage === event.stage);
  const stage: StageProgress = {
    stage: event.stage,
    status: event.status,
    fraction: event.status === 'done' ? 1 : event.fraction,
    etaSec: isFinished(event.status) ? null : event.etaSec,
  };
  // A new stage means the earlier running ones have finished.
  if (index === -1) {
    for (const [i, s] of stages.entries())
      if (s.status === 'running' || s.status === 'queued')
        stages[i] = { ...s, status: 'done', fraction: 1, etaSec: null };
    stages.push(stage);
  } else stages[index] = stage;
  return {
    ...jobs,
    [event.jobId]: {
      jobId: event.jobId,
      videoId: event.videoId ?? previous?.videoId ?? null,
      status: event.status,
      stages,
      message: event.message ?? (isFinished(event.status) ? (previous?.message ?? null) : null),
      code: event.code ?? (isFinished(event.status) ? (previous?.code ?? null) : null),
      hint: event.hint ?? (isFinished(event.status) ? (previous?.hint ?? null) : null),
      updatedAt: now,
    },
  };
}

/**
 * Jobs newest first; running ones before finished ones. Queued jobs of a video with a failed job
 * are left out: they wait on it, and its Retry brings them back.
 */
export function orderJobs(jobs: JobsById): JobView[] {
  const failedVideos = new Set(
    Object.values(jobs)
      .filter((j) => j.status === 'failed' && j.videoId)
      .map((j) => j.videoId),
  );
  return Object.values(jobs)
    .filter((j) => !(j.status === 'queued' && j.videoId && failedVideos.has(j.videoId)))
    .sort((a, b) => Number(isFinished(a.status)) - Number(isFinished(b.status)) || b.updatedAt - a.updatedAt);
}
