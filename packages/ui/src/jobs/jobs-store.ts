import { create } from 'zustand';
import type { ProgressEvent } from '../api/api-types.js';
import { applyProgress, type JobsById } from './job-progress-model.js';

interface JobsState {
  jobs: JobsById;
  receive(event: ProgressEvent): void;
  /** Adds jobs from a snapshot, leaving alone any the live feed has already reported. */
  seed(events: readonly ProgressEvent[]): void;
  dismiss(jobId: string): void;
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: {},
  receive: (event) => set((s) => ({ jobs: applyProgress(s.jobs, event, Date.now()) })),
  seed: (events) =>
    set((s) => ({
      jobs: events.reduce(
        (jobs, event) => (jobs[event.jobId] ? jobs : applyProgress(jobs, event, 0)),
        s.jobs,
      ),
    })),
  dismiss: (jobId) =>
    set((s) => {
      const { [jobId]: _gone, ...rest } = s.jobs;
      return { jobs: rest };
    }),
}));
