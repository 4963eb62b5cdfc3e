import type { Kysely } from 'kysely';
import type { Logger } from '../logging/create-logger.js';
import type { JobsDatabase } from '../storage/jobs-database.js';
import type { ResourceClass } from '../storage/jobs.table.js';
import { createEventDelivery } from './event-delivery.js';
import { createEventHub } from './event-hub.js';
import type { JobEvent, JobSummary } from './job-events.js';
import { readPaused, writePaused } from './job-outbox.js';
import { reclaimLeases } from './job-runs-repository.js';
import * as jobs from './jobs-repository.js';
import { isPidAlive } from '../services/pid-alive.js';
import { currentLeaseOwner, ownerLiveness, type LeaseOwner } from './lease-owner.js';
import type { OrchestratorEvent } from './orchestrator-events.js';
import { hasPendingWork } from './pending-work.js';
import { defaultResourceLimits, type ResourceLimits } from './resource-limits.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { startStageRun, type ActiveRun, type StageRunDeps, type StopReason } from './run-stage-job.js';
import { buildStageGraph, type StageSpec } from './stage-graph.js';
import type { StageHandler } from './stage-handler.js';

export type { OrchestratorEvent };

export interface OrchestratorOptions {
  db: Kysely<JobsDatabase>;
  stages: readonly StageSpec[];
  /**
   * Exactly one per stage; checked here, before anything runs. Leave out in a process that only
   * manages the queue (list, cancel, retry, pause): `runUntilIdle` then refuses to run.
   */
  handlers?: readonly StageHandler[];
  logger: Logger;
  owner?: LeaseOwner;
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
}

export interface JobDetail extends JobSummary {
  params: Record<string, unknown>;
  output: unknown;
  etaMs: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lease: { ownerId: string; pid: number; host: string; expiresAt: number } | null;
}

export interface RunSummary {
  /** Jobs this run finished, failed or handed back. */
  ran: number;
  /** Leases taken back from dead owners or expired. */
  reclaimed: number;
}

export interface Orchestrator {
  readonly owner: LeaseOwner;
  /** Creates the jobs of a video (the stages asked for and what they need); existing jobs stay. */
  enqueue(videoId: string, stages?: readonly string[], options?: EnqueueOptions): Promise<JobSummary[]>;
  /** Reclaims dead owners' leases, runs every runnable job to the end, returns when idle or aborted. */
  runUntilIdle(signal?: AbortSignal): Promise<RunSummary>;
  list(filter?: { videoId?: string }): Promise<JobSummary[]>;
  get(id: string): Promise<JobDetail | undefined>;
  /** Cancels a job and everything downstream of it; returns what was cancelled. */
  cancel(id: string): Promise<JobSummary[]>;
  /** Requeues a failed or cancelled job and its cancelled downstream jobs. */
  retry(id: string): Promise<JobSummary[]>;
  /**
   * Runs `stages` of a video (and everything after them) again with `params`, creating jobs that do
   * not exist yet: for new settings or `--fresh`. Upstream jobs that are done stay done.
   */
  rerun(videoId: string, stages: readonly string[], options?: EnqueueOptions): Promise<JobSummary[]>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  isPaused(): Promise<boolean>;
  onEvent(listener: (event: OrchestratorEvent) => void): () => void;
  events(signal: AbortSignal): AsyncIterable<OrchestratorEvent>;
  /** Delivers outbox events to `appendEvent` (also done after every change). */
  flushEvents(): Promise<void>;
}

export function createOrchestrator(options: OrchestratorOptions): Orchestrator {
  const graph = buildStageGraph(options.stages, options.handlers ?? null);
  const { db, logger } = options;
  const owner = options.owner ?? currentLeaseOwner();
  const limits: ResourceLimits = { ...defaultResourceLimits(), ...options.resources };
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const hub = createEventHub<OrchestratorEvent>();
  const active = new Map<string, ActiveRun>();
  // A wake-up that arrives while the loop is busy is kept, so the next wait returns at once.
  let woken = false;
  let resolveWait: (() => void) | null = null;
  const wake = () => {
    woken = true;
    resolveWait?.();
  };
  const flushEvents = createEventDelivery(db, options.appendEvent);
  const afterChange = async (ids: readonly string[]) => {
    await flushEvents().catch((error: unknown) =>
      logger.error({ err: error }, 'could not append job events'),
    );
    for (const id of ids) {
      const row = await jobs.getJob(db, id);
      if (row) hub.emit({ type: 'job', job: jobs.toJobSummary(row) });
    }
  };

  const liveness = (row: jobs.JobRow) =>
    ownerLiveness(
      {
        id: row.leaseOwnerId,
        pid: row.leasePid ?? -1,
        host: row.leaseHost ?? '',
        bootId: row.leaseBootId ?? 'unknown',
      },
      owner,
      isPidAlive,
    );

  const reclaim = async (): Promise<number> => {
    const reclaimed = await reclaimLeases(db, liveness, Date.now());
    for (const { row, reason, failed } of reclaimed) {
      logger.warn(
        {
          correlationId: row.id,
          stage: row.stage,
          videoId: row.videoId,
          reason,
          failed,
          deadPid: row.leasePid,
        },
        failed ? 'job failed: its worker kept stopping' : 'lease reclaimed',
      );
    }
    if (reclaimed.length) await afterChange(reclaimed.map((r) => r.row.id));
    return reclaimed.length;
  };

  const runDeps: StageRunDeps = {
    db,
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
        if (await readPaused(db)) {
          stopAll('paused');
          if (!active.size) break;
        } else {
          const busy: Record<ResourceClass, number> = { gpu: 0, cpu: 0, net: 0 };
          for (const run of active.values()) busy[run.row.resource] += 1;
          const claimed = await jobs.claimJobs(db, {
            owner,
            now: Date.now(),
            leaseMs,
            free: { gpu: limits.gpu - busy.gpu, cpu: limits.cpu - busy.cpu, net: limits.net - busy.net },
            upstreamOf: (stage) => graph.spec(stage).after,
            handles: (stage) => graph.order.includes(stage),
          });
          if (claimed.length) await afterChange(claimed.map((r) => r.id));
          for (const row of claimed) {
            summary.ran += 1;
            active.set(row.id, startStageRun(row, runDeps));
          }
          if (!active.size && !claimed.length) {
            if (!hasPendingWork(await jobs.listJobs(db), graph)) break;
          }
        }
        if (!woken) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            resolveWait = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          resolveWait = null;
        }
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

  const toDetail = (row: jobs.JobRow): JobDetail => ({
    ...jobs.toJobSummary(row),
    params: JSON.parse(row.params) as Record<string, unknown>,
    output: row.output === null ? null : JSON.parse(row.output),
    etaMs: row.etaMs,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    lease:
      row.status === 'running' && row.leaseOwnerId
        ? {
            ownerId: row.leaseOwnerId,
            pid: row.leasePid ?? -1,
            host: row.leaseHost ?? '',
            expiresAt: row.leaseExpiresAt ?? 0,
          }
        : null,
  });

  const api: Orchestrator = {
    owner,
    enqueue: async (videoId, stages = graph.order, enqueueOptions = {}) => {
      const wanted = graph.withUpstream(stages);
      const rows = await jobs.insertJobs(
        db,
        wanted.map((stage) => {
          const spec = graph.spec(stage);
          return {
            videoId,
            stage,
            resource: spec.resource,
            priority: enqueueOptions.priority ?? 0,
            maxAttempts: spec.maxAttempts ?? 3,
            params: enqueueOptions.params ?? {},
          };
        }),
        Date.now(),
      );
      await afterChange(rows.map((r) => r.id));
      wake();
      return rows.map(jobs.toJobSummary);
    },
    runUntilIdle,
    list: async (filter) => (await jobs.listJobs(db, filter)).map(jobs.toJobSummary),
    get: async (id) => {
      const row = await jobs.getJob(db, id);
      return row ? toDetail(row) : undefined;
    },
    cancel: async (id) => {
      const row = await jobs.getJob(db, id);
      if (!row) return [];
      const downstream = new Set(graph.downstreamOf(row.stage));
      const siblings = (await jobs.listJobs(db, { videoId: row.videoId })).filter((r) =>
        downstream.has(r.stage),
      );
      const cancelled = await jobs.cancelJobs(db, [row.id, ...siblings.map((r) => r.id)], Date.now());
      for (const job of cancelled) {
        const run = active.get(job.id);
        if (run) {
          run.reason = 'cancel';
          run.controller.abort(new Error('cancelled'));
        }
      }
      await afterChange(cancelled.map((r) => r.id));
      return cancelled.map((r) => ({ ...jobs.toJobSummary(r), status: 'cancelled' as const }));
    },
    retry: async (id) => {
      const row = await jobs.getJob(db, id);
      if (!row) return [];
      const downstream = new Set(graph.downstreamOf(row.stage));
      const cancelledBelow = (await jobs.listJobs(db, { videoId: row.videoId })).filter(
        (r) => downstream.has(r.stage) && r.status === 'cancelled',
      );
      const requeued = await jobs.retryJobs(db, [row.id, ...cancelledBelow.map((r) => r.id)], Date.now());
      await afterChange(requeued.map((r) => r.id));
      wake();
      return Promise.all(requeued.map(async (r) => jobs.toJobSummary((await jobs.getJob(db, r.id)) ?? r)));
    },
    rerun: async (videoId, stages, rerunOptions = {}) => {
      const created = await api.enqueue(videoId, stages, rerunOptions);
      const again = new Set([...stages, ...stages.flatMap((stage) => graph.downstreamOf(stage))]);
      const existing = (await jobs.listJobs(db, { videoId })).filter((r) => again.has(r.stage));
      const requeued = await jobs.rerunJobs(
        db,
        existing.map((r) => r.id),
        rerunOptions.params ?? {},
        Date.now(),
      );
      await afterChange(requeued.map((r) => r.id));
      wake();
      const changed = new Set([...requeued.map((r) => r.id)]);
      return created.map((job) =>
        changed.has(job.id) ? { ...job, status: 'queued' as const, progress: 0, error: null } : job,
      );
    },
    pauseAll: async () => {
      await writePaused(db, true);
      stopAll('paused');
    },
    resumeAll: async () => {
      await writePaused(db, false);
      wake();
    },
    isPaused: () => readPaused(db),
    onEvent: (listener) => hub.on(listener),
    events: (signal) => hub.iterate(signal),
    flushEvents,
  };
  return api;
}
