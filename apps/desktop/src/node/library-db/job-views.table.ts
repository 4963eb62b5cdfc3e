import type { JobStatus, SubjectKind } from '@kirinuki/contracts';

/** The library's jobs read model: one row per job, projected from the job events in the log. */
export interface JobViewsTable {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  videoId: string;
  stage: string;
  status: JobStatus;
  attempts: number;
  progress: number;
  /** JSON of the JobError, or null. */
  error: string | null;
  /** The job event sequence number last applied. */
  seq: number;
}
