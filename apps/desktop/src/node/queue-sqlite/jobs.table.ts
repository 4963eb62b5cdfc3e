import type { ColumnType } from 'kysely';

import type { JobStatus, ResourceClass, SubjectKind } from '@kirinuki/contracts';

/**
 * One job per (subjectKind, subjectId, stage). Times named `*At` are ISO text; `notBefore` and
 * `leaseExpiresAt` are epoch ms.
 */
export interface JobsTable {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  /** The video the work is about (the subject itself for a video job). */
  videoId: string;
  stage: string;
  status: JobStatus;
  resource: ResourceClass;
  priority: number;
  attempts: number;
  maxAttempts: number;
  /** Runs cut short by a dead worker; they do not use up `attempts` (see MAX_INTERRUPTIONS). */
  interruptions: ColumnType<number, number | undefined, number>;
  /** 0..1 */
  progress: number;
  etaMs: number | null;
  /** JSON object given at enqueue. */
  params: string;
  /** JSON output of the stage handler once done. */
  output: string | null;
  /** JSON `{code, message, hint}` of the last failure. */
  error: string | null;
  /** Not run before this (retry backoff, a scheduled post); 0: at once. */
  notBefore: number;
  leaseToken: string | null;
  leaseOwnerId: string | null;
  leasePid: number | null;
  leaseHost: string | null;
  leaseBootId: string | null;
  leaseExpiresAt: number | null;
  /** Sequence of the last event written for this job (events get deterministic ids from it). */
  eventSeq: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Outbox of job events, committed with the job change and delivered to the event log after. */
export interface JobEventsTable {
  id: string;
  type: string;
  aggregateId: string;
  at: string;
  /** JSON */
  payload: string;
  delivered: number;
}

export interface QueueStateTable {
  key: string;
  value: string;
}

export interface SchedulerLeaseTable {
  name: string;
  ownerId: string;
  pid: number;
  host: string;
  bootId: string;
  expiresAt: number;
}
