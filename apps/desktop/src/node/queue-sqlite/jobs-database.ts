import type { DatabaseDefinition } from '@kirinuki/db';
import { jobsMigrations } from './migrations/index.js';
import type { JobEventsTable, JobsTable, QueueStateTable, SchedulerLeaseTable } from './jobs.table.js';

export interface JobsDatabase {
  jobs: JobsTable;
  job_events: JobEventsTable;
  queue_state: QueueStateTable;
  scheduler_lease: SchedulerLeaseTable;
}

export const JOBS_DATABASE: DatabaseDefinition = {
  name: 'jobs',
  file: 'jobs.db',
  migrations: jobsMigrations,
};
