import type { JobsById } from '../jobs/job-progress-model.js';

/** The stages whose results the board's timeline shows (transcript, shots) or follows from (clips). */
export const TIMELINE_STAGES: ReadonlySet<string> = new Set(['transcribe', 'vision', 'segment']);

/**
 * A key that changes whenever one of `videoId`'s transcribe, vision or segment jobs finishes (a
 * rerun is a new job, so it changes again); the timeline is asked for again when it does.
 */
export function timelineRevision(jobs: JobsById, videoId: string): string {
  const done: string[] = [];
  for (const job of Object.values(jobs)) {
    if (job.videoId !== videoId) continue;
    for (const stage of job.stages)
      if (TIMELINE_STAGES.has(stage.stage) && stage.status === 'done')
        done.push(`${job.jobId}:${stage.stage}`);
  }
  return done.sort().join(' ');
}
