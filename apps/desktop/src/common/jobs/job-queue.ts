import type {
  JobError,
  JobEvent,
  JobStatus,
  JobSubject,
  JobSummary,
  ResourceClass,
  SubjectKind,
} from '@kirinuki/contracts';

/**
 * A job as the queue holds it. One job per (subject, stage). How a run holds its lease (which
 * process, which machine) is the implementation's business: callers see only when it expires.
 */
export interface QueuedJob extends JobSummary {
  resource: ResourceClass;
  priority: number;
  maxAttempts: number;
  /** Runs cut short by a dead worker; they do not use up `attempts`. */
  interruptions: number;
  params: Record<string, unknown>;
  output: unknown;
  etaMs: number | null;
  /** Epoch ms before which the job does not run (a retry's backoff, a scheduled post); 0: at once. */
  notBefore: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Set while a run holds the job. */
  lease: { expiresAt: number } | null;
}

export interface NewJob {
  subject: JobSubject;
  /** The video the work is about (the subject itself for a video). */
  videoId: string;
  stage: string;
  resource: ResourceClass;
  priority: number;
  maxAttempts: number;
  params: Record<string, unknown>;
  /** Epoch ms; absent or 0: runnable at once. */
  notBefore?: number;
}

/** A run's hold on a job: what claim hands out and every write that extends or ends the run needs. */
export interface JobLease {
  readonly job: QueuedJob;
  readonly token: string;
}

export interface ClaimRequest {
  now: number;
  leaseMs: number;
  /** Free slots per resource class in this worker. */
  free: Record<ResourceClass, number>;
  /** Upstream stages of a stage (for the same subject). */
  upstreamOf(stage: string): readonly string[];
  /** Stages this worker has a handler for. */
  handles(stage: string): boolean;
}

/** The rest of a subject's queued work, handed to the subject its output says it really is. */
export interface HandOver {
  by: string;
  /** The queued jobs of the finished job's subject to drop. */
  discard: ReadonlyArray<{ id: string; stage: string }>;
  /** What to queue for `by` instead (skipped where it has the job already). */
  enqueue: readonly NewJob[];
}

export type InterruptReason = 'owner-dead' | 'lease-expired' | 'service-killed';

export interface JobFilter {
  videoId?: string | undefined;
  subjectKind?: SubjectKind | undefined;
  subjectId?: string | undefined;
}

/**
 * The durable job queue behind the orchestrator: SQLite on one machine today (node/queue-sqlite);
 * another backend (BullMQ on Redis) fits the same seam. Every write that ends or extends a run is
 * conditional on its lease, so a run whose job was cancelled or taken back meanwhile changes nothing.
 * Each change and its job event (the outbox) commit together.
 */
/** A job as `hasPendingWork` reads it. */
export interface PendingJobRow {
  subjectKind: string;
  subjectId: string;
  videoId: string;
  stage: string;
  status: JobStatus;
  notBefore: number;
  attempts: number;
}

export interface JobQueue {
  /** Creates the jobs that do not exist yet (one per subject and stage); returns every job asked for. */
  insert(jobs: readonly NewJob[], now: number): Promise<QueuedJob[]>;
  list(filter?: JobFilter): Promise<QueuedJob[]>;
  get(id: string): Promise<QueuedJob | undefined>;
  /**
   * Leases the runnable jobs that fit the free resources, highest priority first, then oldest:
   * queued, due (`notBefore` passed), every upstream stage of the same subject done.
   */
  claim(request: ClaimRequest): Promise<JobLease[]>;
  /** Outputs of the done jobs of a subject, by stage. */
  outputsOf(subject: JobSubject): Promise<Record<string, unknown>>;
  /** The earliest `notBefore` after `now` among queued jobs (when a sleeping worker should look again). */
  nextDueAfter(now: number): Promise<number | null>;
  /** The stages of the queued jobs due by `dueBy` (what a scheduler warms up just before). */
  stagesDueBy(dueBy: number): Promise<string[]>;
  /**
   * What decides whether a worker should keep waiting (`hasPendingWork`), without reading every
   * job: the queued jobs due by `dueBy` that are due now or ran before (a retry's backoff), and the
   * other jobs of their subjects. Jobs waiting for a time that never ran are left out.
   */
  pendingRows(dueBy: number, now: number): Promise<PendingJobRow[]>;

  /** Cancels queued and running jobs among `ids`; returns those it cancelled. */
  cancel(ids: readonly string[], now: number): Promise<QueuedJob[]>;
  /** Puts failed or cancelled jobs among `ids` back in the queue as new. */
  retry(ids: readonly string[], now: number): Promise<QueuedJob[]>;
  /** Runs finished jobs among `ids` again with new params (the old output is dropped). */
  rerun(ids: readonly string[], params: Record<string, unknown>, now: number): Promise<QueuedJob[]>;
  /** Moves a queued job's `notBefore` (a rescheduled post); undefined when it is not queued. */
  reschedule(id: string, notBefore: number, now: number): Promise<QueuedJob | undefined>;

  /** Extends a lease; false when it is no longer held (cancelled, taken back): the run must stop. */
  renew(lease: JobLease, until: number): Promise<boolean>;
  saveProgress(lease: JobLease, progress: number, etaMs: number | null): Promise<void>;
  finish(lease: JobLease, output: unknown, now: number, handOver?: HandOver): Promise<boolean>;
  retryLater(
    lease: JobLease,
    error: JobError,
    notBefore: number,
    progress: number,
    now: number,
  ): Promise<boolean>;
  /** Back to the queue until `notBefore` without counting the run: the handler may not run yet. */
  defer(
    lease: JobLease,
    reason: JobError,
    notBefore: number,
    progress: number,
    now: number,
  ): Promise<boolean>;
  fail(lease: JobLease, error: JobError, progress: number, now: number): Promise<boolean>;
  /** Back to the queue without counting the run (pause, shutdown). */
  release(lease: JobLease, reason: 'paused' | 'stopped', progress: number, now: number): Promise<boolean>;
  /** A run cut short by its worker or service dying: an interruption, not a failed attempt. */
  interrupt(
    lease: JobLease,
    reason: InterruptReason,
    progress: number,
    now: number,
  ): Promise<'queued' | 'failed' | null>;
  /**
   * Takes back runs whose holder is gone — at once when it ran on this machine and its process is
   * gone, else once its lease expired. Runs held by this queue's own process are left alone.
   */
  reclaim(
    now: number,
  ): Promise<Array<{ job: QueuedJob; reason: 'owner-dead' | 'lease-expired'; failed: boolean }>>;

  /**
   * The scheduler's lease on this queue (one process at a time wakes for due work): taken when
   * free, expired, already this process's, or held by a process on this machine that is gone.
   */
  acquireSchedulerLease(now: number, leaseMs: number): Promise<boolean>;
  releaseSchedulerLease(): Promise<void>;
  /** The pid of another process on this machine that holds the scheduler lease, else null. */
  localSchedulerLeaseHolder(): Promise<number | null>;

  isPaused(): Promise<boolean>;
  setPaused(paused: boolean): Promise<void>;

  /** Job events not yet delivered to the event log, oldest first. */
  undeliveredEvents(limit?: number): Promise<JobEvent[]>;
  markDelivered(ids: readonly string[]): Promise<void>;
  /** Every job event ever written, delivered or not (rebuilding projections, tests). */
  allEvents(): Promise<JobEvent[]>;

  close(): Promise<void>;
}
