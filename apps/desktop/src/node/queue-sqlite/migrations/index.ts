import type { Migration } from 'kysely';
import * as createJobs from './2026-11-28T1300-create-jobs.js';
import * as addJobInterruptions from './2026-11-28T1400-add-job-interruptions.js';
import * as jobsBySubject from './2026-12-06T2200-jobs-by-subject.js';
import * as schedulerLease from './2026-12-07T0900-scheduler-lease.js';

/** The static migration list of the jobs database, in apply order. */
export const jobsMigrations: Record<string, Migration> = {
  '2026-11-28T1300-create-jobs': createJobs,
  '2026-11-28T1400-add-job-interruptions': addJobInterruptions,
  '2026-12-06T2200-jobs-by-subject': jobsBySubject,
  '2026-12-07T0900-scheduler-lease': schedulerLease,
};
