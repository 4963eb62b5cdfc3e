import {
  jobSummaryOf,
  type JobEvent,
  type JobSubject,
  type JobSummary,
  type QueueEvent,
  type ResourceClass,
} from '@kirinuki/contracts';
import type { JobFilter, JobQueue, QueuedJob } from '../../common/jobs/job-queue.js';
import type { Logger } from '../logging/create-logger.js';
import { createEventDelivery } from './event-delivery.js';
import { createEventHub } from './event-hub.js';
import { hasPendingWork } from './pending-work.js';
import { defaultResourceLimits, type ResourceLimits } from './resource-limits.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { startStageRun, type ActiveRun, type StageRunDeps, type StopReason } from './run-stage-job.js';
import { buildStageGraph, type StageSpec } from './stage-graph.js';
import type { StageHandler } from './stage-handler.js';

export interface OrchestratorOptions {
  queue: JobQueue;
  stages: readonly StageSpec[];
  /**
   * Exactly one per stage; checked here, before anything runs. Leave out in a process that only
   * manages the queue (list, cancel, retry, pause): `runUntilIdle` then refuses to run.
   */
  handlers?: readonly StageHandler[];
  logger: Logger;
  resources?: Partial<ResourceLimits>;
  /** Receives every job event (at least once, same id on redelivery): the event-log seam. */
  appendEvent?: (event: JobEvent) => Promise<void> | void;
  leaseMs?: number;
  heartbeatMs?: number;
  /** How often an idle-but-waiting worker looks at the queue again. */
  pollMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface EnqueueOptions {
  priority?: number;
  params?: Record<string, unknown>;
  /** Epoch ms before which the jobs do not run (a scheduled post); absent: at once. */
  notBefore?: number;
  /** The stages `notBefore` holds back (default: all): a scheduled post renders now, publishes then. */
  notBeforeStages?: readonly string[];
}

/** What jobs are created for: a video id (the import pipeline), or any subject and its video. */
export type EnqueueTarget = string | { subject: JobSubject; videoId: string };

export type JobDetail = QueuedJob;

export interface RunSummary {
  /** Jobs this run finished, failed or handed back. */
  ran: number;
  /** Leases taken back from dead owners or expired. */
  reclaimed: number;
}

export interface Orchestrator {
  /** Creates the jobs of a subject (the stages asked for and what they need); existing jobs stay. */
  enqueue(target: EnqueueTarget, stages?: readonly string[], options?: EnqueueOptions): Promise<JobSummary[]>;
  /** Reclaims dead owners' leases, runs every runnable job to the end, returns when idle or aborted. */
  runUntilIdle(signal?: AbortSignal): Promise<RunSummary>;
  list(filter?: JobFilter): Promise<JobSummary[]>;
  get(id: string): Promise<JobDetail | undefined>;
  /** Cancels a job and everything downstream of it; returns what was cancelled. */
  cancel(id: string): Promise<JobSummary[]>;
  /** Requeues a failed or cancelled job and its cancelled downstream jobs. */
  retry(id: string): Promise<JobSummary[]>;
  /**
   * Runs `stages` of a subject (and everything after them) again with `params`, creating jobs that
   * do not exist yet: for new settings or `--fresh`. Upstream jobs that are done stay done.
   */
  rerun(target: EnqueueTarget, stages: readonly string[], options?: EnqueueOptions): Promise<JobSummary[]>;
  /** Moves a queued job to a new "not before" time (a rescheduled post). */
  reschedule(id: string, notBefore: number): Promise<JobSummary | undefined>;
  /** The earliest "not before" after `now` among queued jobs: when a scheduler should wake next. */
  nextDueAfter(now: number): Promise<number | null>;
  /** The stages of the queued jobs due by `dueBy` (see JobQueue.stagesDueBy). */
  stagesDueBy(dueBy: number): Promise<string[]>;
  /** The scheduler's lease on the queue (see JobQueue.acquireSchedulerLease). */
  acquireSchedulerLease(now: number, leaseMs: number): Promise<boolean>;
  releaseSchedulerLease(): Promise<void>;
  /** See JobQueue.localSchedulerLeaseHolder (a standby watches that pid). */
  localLeaseHolderPid(): Promise<number | null>;
  /**
   * Whether the jobs matching `filter` are as far as they get without the user: none running,
   * none queued that could still run soon (or the queue is paused).
   */
  isSettled(filter: JobFilter): Promise<boolean>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  isPaused(): Promise<boolean>;
  onEvent(listener: (event: QueueEvent) => void): () => void;
  events(signal: AbortSignal): AsyncIterable<QueueEvent>;
  /** Delivers outbox events to `appendEvent` (also done after every change). */
  flushEvents(): Promise<void>;
}

const summaryOf = jobSummaryOf;

const targetOf = (target: EnqueueTarget) =>
  typeof target === 'string' ? { subject: { kind: 'video' as const, id: target }, videoId: target } : target;

export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const graph = buildStageGraph(options.stages, options.handlers ?? null);
  const { queue, logger } = options;
  const limits: ResourceLimits = { ...defaultResourceLimits(), ...options.resources };
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const hub = createEventHub<QueueEvent>();
  const active = new Map<string, ActiveRun>();
  // A wake-up that arrives while the loop is busy is kept, so the next wait returns at once.
  let woken = false;
  let resolveWait: (() => void) | null = null;
  const wake = () => {
    woken = true;
    resolveWait?.();
  };
  const flushEvents = createEventDelivery(queue, options.appendEvent);
  const afterChange = async (ids: readonly string[]) => {
    await flushEvents().catch((error: unknown) =>
      logger.error({ err: error }, 'could not append job events'),
    );
    for (const id of ids) {
      const job = await queue.get(id);
      if (job) hub.emit({ type: 'job', job: summaryOf(job) });
    }
  };

  const reclaim = async (): Promise<number> => {
    const reclaimed = await queue.reclaim(Date.now());
    for (const { job, reason, failed } of reclaimed) {
      logger.warn(
        { correlationId: job.id, stage: job.stage, videoId: job.videoId, reason, failed },
        failed ? 'job failed: its worker kept stopping' : 'lease reclaimed',
      );
    }
    if (reclaimed.length) await afterChange(reclaimed.map((r) => r.job.id));
    return reclaimed.length;
  };

  const runDeps: StageRunDeps = {
    queue,
    graph,
    logger,
    leaseMs,
    heartbeatMs,
    retryPolicy,
    emit: (event) => hub.emit(event),
    settled: async (id) => {
      active.delete(id);
      await afterChange([id]).catch(() => undefined);
      wake();
    },
  };

  const stopAll = (reason: StopReason) => {
    for (const run of active.values()) {
      run.reason ??= reason;
      run.controller.abort(new Error(reason));
    }
  };

  const waitForWake = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      resolveWait = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (resolveWait = null));

  /** One look at the queue: claims what fits; false when there is nothing left to wait for. */
  const step = async (summary: RunSummary): Promise<boolean> => {
    if (await queue.isPaused()) {
      stopAll('paused');
      return active.size > 0;
    }
    const busy: Record<ResourceClass, number> = { gpu: 0, cpu: 0, net: 0 };
    for (const run of active.values()) busy[run.lease.job.resource] += 1;
    const now = Date.now();
    const claimed = await queue.claim({
      now,
      leaseMs,
      free: { gpu: limits.gpu - busy.gpu, cpu: limits.cpu - busy.cpu, net: limits.net - busy.net },
      upstreamOf: (stage) => graph.spec(stage).after,
      handles: (stage) => graph.order.includes(stage),
    });
    if (claimed.length) await afterChange(claimed.map((l) => l.job.id));
    for (const lease of claimed) {
      summary.ran += 1;
      active.set(lease.job.id, startStageRun(lease, runDeps));
    }
    if (active.size || claimed.length) return true;
    // Waiting is worth it for a retry's backoff, not for work scheduled far ahead.
    const dueBy = now + retryPolicy.maxDelayMs;
    return hasPendingWork(await queue.pendingRows(dueBy, now), graph, dueBy, now);
  };

  let runningLoop = false;
  const runUntilIdle = async (signal?: AbortSignal): Promise<RunSummary> => {
    if (!options.handlers) throw new Error('this orchestrator has no stage handlers; it cannot run jobs');
    if (runningLoop) throw new Error('runUntilIdle is already running for this orchestrator');
    runningLoop = true;
    const summary: RunSummary = { ran: 0, reclaimed: 0 };
    const onAbort = () => {
      stopAll('stopped');
      wake();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await flushEvents().catch((error: unknown) =>
        logger.error({ err: error }, 'could not append job events'),
      );
      summary.reclaimed += await reclaim();
      while (!signal?.aborted) {
        if (!(await step(summary))) break;
        if (!woken) await waitForWake();
        woken = false;
        summary.reclaimed += await reclaim();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) stopAll('stopped');
      await Promise.all([...active.values()].map((run) => run.done));
      await flushEvents().catch(() => undefined);
      runningLoop = false;
    }
    return summary;
  };

  const downstreamJobs = async (job: QueuedJob) => {
    const below = new Set(graph.downstreamOf(job.stage));
    return (await queue.list({ subjectKind: job.subjectKind, subjectId: job.subjectId })).filter((j) =>
      below.has(j.stage),
    );
  };

  const api: Orchestrator = {
    enqueue: async (target, stages = graph.order, enqueueOptions = {}) => {
      const { subject, videoId } = targetOf(target);
      const jobs = await queue.insert(
        graph.withUpstream(stages).map((stage) => {
          const spec = graph.spec(stage);
          return {
            subject,
            videoId,
            stage,
            resource: spec.resource,
            priority: enqueueOptions.priority ?? 0,
            maxAttempts: spec.maxAttempts ?? 3,
            params: enqueueOptions.params ?? {},
            ...(enqueueOptions.notBefore &&
            (!enqueueOptions.notBeforeStages || enqueueOptions.notBeforeStages.includes(stage))
              ? { notBefore: enqueueOptions.notBefore }
              : {}),
          };
        }),
        Date.now(),
      );
      await afterChange(jobs.map((j) => j.id));
      wake();
      return jobs.map(summaryOf);
    },
    runUntilIdle,
    list: async (filter) => (await queue.list(filter)).map(summaryOf),
    get: (id) => queue.get(id),
    cancel: async (id) => {
      const job = await queue.get(id);
      if (!job) return [];
      const cancelled = await queue.cancel(
        [job.id, ...(await downstreamJobs(job)).map((j) => j.id)],
        Date.now(),
      );
      for (const c of cancelled) {
        const run = active.get(c.id);
        if (run) {
          run.reason = 'cancel';
          run.controller.abort(new Error('cancelled'));
        }
      }
      await afterChange(cancelled.map((j) => j.id));
      return cancelled.map((j) => ({ ...summaryOf(j), status: 'cancelled' as const }));
    },
    retry: async (id) => {
      const job = await queue.get(id);
      if (!job) return [];
      const cancelledBelow = (await downstreamJobs(job)).filter((j) => j.status === 'cancelled');
      const requeued = await queue.retry([job.id, ...cancelledBelow.map((j) => j.id)], Date.now());
      await afterChange(requeued.map((j) => j.id));
      wake();
      return Promise.all(requeued.map(async (j) => summaryOf((await queue.get(j.id)) ?? j)));
    },
    rerun: async (target, stages, rerunOptions = {}) => {
      const { subject } = targetOf(target);
      const created = await api.enqueue(target, stages, rerunOptions);
      const again = new Set([...stages, ...stages.flatMap((stage) => graph.downstreamOf(stage))]);
      const existing = (await queue.list({ subjectKind: subject.kind, subjectId: subject.id })).filter((j) =>
        again.has(j.stage),
      );
      const requeued = await queue.rerun(
        existing.map((j) => j.id),
        rerunOptions.params ?? {},
        Date.now(),
      );
      await afterChange(requeued.map((j) => j.id));
      wake();
      const changed = new Set(requeued.map((j) => j.id));
      return created.map((job) =>
        changed.has(job.id) ? { ...job, status: 'queued' as const, progress: 0, error: null } : job,
      );
    },
    nextDueAfter: (now) => queue.nextDueAfter(now),
    stagesDueBy: (dueBy) => queue.stagesDueBy(dueBy),
    acquireSchedulerLease: (now, leaseMs) => queue.acquireSchedulerLease(now, leaseMs),
    releaseSchedulerLease: () => queue.releaseSchedulerLease(),
    localLeaseHolderPid: () => queue.localSchedulerLeaseHolder(),
    reschedule: async (id, notBefore) => {
      const job = await queue.reschedule(id, notBefore, Date.now());
      if (!job) return undefined;
      await afterChange([id]);
      wake();
      return summaryOf(job);
    },
    isSettled: async (filter) => {
      const jobs = await queue.list(filter);
      if (jobs.some((j) => j.status === 'running')) return false;
      if (await queue.isPaused()) return true;
      const now = Date.now();
      return !hasPendingWork(jobs, graph, now + retryPolicy.maxDelayMs, now);
    },
    pauseAll: async () => {
      await queue.setPaused(true);
      stopAll('paused');
    },
    resumeAll: async () => {
      await queue.setPaused(false);
      wake();
    },
    isPaused: () => queue.isPaused(),
    onEvent: (listener) => hub.on(listener),
    events: (signal) => hub.iterate(signal),
    flushEvents,
  };
  return api;
}
