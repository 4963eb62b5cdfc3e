import type { JobSummary } from './job-events.js';

/** What `onEvent`/`events` deliver: job state changes and progress (fraction, stage, ETA). */
export type OrchestratorEvent =
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
