import type { Kysely } from 'kysely';
import { isAbortError } from '@kirinuki/pipeline';
import type { Logger } from '../logging/create-logger.js';
import type { JobsDatabase } from '../storage/jobs-database.js';
import * as runs from './job-runs-repository.js';
import { getJob, listJobs, stageOutputs, type JobRow } from './jobs-repository.js';
import type { OrchestratorEvent } from './orchestrator-events.js';
import { clampFraction, estimateEtaMs } from './progress-eta.js';
import { decideAfterFailure, type RetryPolicy } from './retry-policy.js';
import type { StageGraph } from './stage-graph.js';
import { supersededBy, type StageContext } from './stage-handler.js';
import { deterministicUlid } from './stage-keys.js';
import { findServiceKilled } from '../services/service-killed-error.js';

export type StopReason = 'cancel' | 'paused' | 'stopped' | 'lease-lost';

/** One stage run in this process: its lease, abort controller and last reported progress. */
export interface ActiveRun {
  row: JobRow;
  controller: AbortController;
  /** Why the run was stopped, if it was; decides what happens to the job. */
  reason: StopReason | null;
  progress: number;
  done: Promise<void>;
}

export interface StageRunDeps {
  db: Kysely<JobsDatabase>;
  graph: StageGraph;
  logger: Logger;
  leaseMs: number;
  heartbeatMs: number;
  retryPolicy: RetryPolicy;
  emit(event: OrchestratorEvent): void;
  /** Called once the run's outcome is written. */
  settled(jobId: string): Promise<void>;
}

/**
 * Runs a leased job's handler: heartbeats the lease (a lost lease or a cancel seen there aborts
 * the run), reports progress with an ETA, then writes the outcome: done, retry later, failed,
 * or handed back to the queue when paused or stopped. Cancellation is not a failure.
 */
export function startStageRun(row: JobRow, deps: StageRunDeps): ActiveRun {
  const { db, graph, logger, leaseMs, heartbeatMs, retryPolicy } = deps;
  const controller = new AbortController();
  const token = row.leaseToken as string;
  const run: ActiveRun = { row, controller, reason: null, progress: 0, done: Promise.resolve() };
  const jobLogger = logger.child({ correlationId: row.id, stage: row.stage, videoId: row.videoId });
  const startedAt = Date.now();
  let lastSaved = 0;
  const heartbeat = setInterval(() => {
    void runs.renewLease(db, row.id, token, Date.now() + leaseMs).then(
      async (held) => {
        if (held || controller.signal.aborted) return;
        const now = await getJob(db, row.id);
        run.reason = now?.status === 'cancelled' ? 'cancel' : 'lease-lost';
        controller.abort(new Error(run.reason === 'cancel' ? 'cancelled' : 'lease lost'));
      },
      (error: unknown) => jobLogger.warn({ err: error }, 'heartbeat failed'),
    );
  }, heartbeatMs);
  const ctx: StageContext = {
    jobId: row.id,
    videoId: row.videoId,
    stage: row.stage,
    attempt: row.attempts,
    params: JSON.parse(row.params) as Record<string, unknown>,
    inputs: {},
    signal: controller.signal,
    logger: jobLogger,
    eventId: (type, key = '') => deterministicUlid(Date.parse(row.createdAt), row.id, type, key),
    reportProgress: (fraction, detail) => {
      if (controller.signal.aborted) return;
      run.progress = clampFraction(fraction);
      const now = Date.now();
      const etaMs = estimateEtaMs(startedAt, now, run.progress);
      deps.emit({
        type: 'progress',
        jobId: row.id,
        videoId: row.videoId,
        stage: row.stage,
        fraction: run.progress,
        etaMs,
        detail,
      });
      if (now - lastSaved >= 1_000) {
        lastSaved = now;
        void runs.saveProgress(db, row.id, token, run.progress, etaMs).catch(() => undefined);
      }
    },
  };
  run.done = (async () => {
    let outcome = 'done';
    try {
      ctx.inputs = Object.fromEntries(
        Object.entries(await stageOutputs(db, row.videoId)).filter(([stage]) =>
          graph.spec(row.stage).after.includes(stage),
        ),
      );
      jobLogger.info({ attempt: row.attempts }, 'stage started');
      const output = await graph.handler(row.stage).run(ctx);
      const handOver = await handOverFor(db, graph, row, output);
      if (!(await runs.finishJob(db, row.id, token, output, Date.now(), handOver)))
        outcome = 'lease lost before finishing';
      else
        for (const job of handOver?.discard ?? [])
          deps.emit({
            type: 'discarded',
            jobId: job.id,
            videoId: row.videoId,
            stage: job.stage,
            by: handOver!.by,
          });
    } catch (error) {
      const now = Date.now();
      if (run.reason === 'cancel' || run.reason === 'lease-lost') {
        outcome = run.reason === 'cancel' ? 'cancelled' : 'lease lost';
      } else if (run.reason && (isAbortError(error) || controller.signal.aborted)) {
        outcome = `handed back (${run.reason})`;
        await runs.releaseRun(db, row, token, run.reason, run.progress, now);
      } else if (findServiceKilled(error)) {
        // Killed from outside (OOM killer, kill -9): an interruption, like a killed host.
        const result = await runs.interruptRun(db, row, token, 'service-killed', run.progress, now);
        outcome = result === 'failed' ? 'failed (interrupted too often)' : 'interrupted (service killed)';
        jobLogger.warn({ err: error, attempt: row.attempts }, `stage ${outcome}`);
      } else {
        const decision = decideAfterFailure(error, row.attempts, row.maxAttempts, retryPolicy);
        if (decision.action === 'retry') {
          outcome = `retry in ${decision.delayMs} ms`;
          await runs.scheduleRetry(
            db,
            row.id,
            token,
            decision.error,
            now + decision.delayMs,
            run.progress,
            now,
          );
        } else {
          outcome = 'failed';
          await runs.failRun(db, row.id, token, decision.error, run.progress, now);
        }
        jobLogger.warn({ err: error, attempt: row.attempts }, `stage failed: ${outcome}`);
      }
    } finally {
      clearInterval(heartbeat);
      jobLogger.info({ outcome, ms: Date.now() - startedAt }, 'stage ended');
      await deps.settled(row.id);
    }
  })();
  return run;
}

/** The queued work of `row`'s video, handed to the video the output says it really is. */
async function handOverFor(
  db: Kysely<JobsDatabase>,
  graph: StageGraph,
  row: JobRow,
  output: unknown,
): Promise<runs.HandOver | undefined> {
  const by = supersededBy(output, row.videoId);
  if (!by) return undefined;
  const queued = (await listJobs(db, { videoId: row.videoId })).filter(
    (j) => j.status === 'queued' && j.id !== row.id,
  );
  if (!queued.length) return undefined;
  const params = new Map(queued.map((j) => [j.stage, JSON.parse(j.params) as Record<string, unknown>]));
  const stages = graph.withUpstream(queued.map((j) => j.stage));
  return {
    by,
    discard: queued.map((j) => ({ id: j.id, stage: j.stage })),
    enqueue: stages.map((stage) => {
      const spec = graph.spec(stage);
      return {
        videoId: by,
        stage,
        resource: spec.resource,
        priority: queued.find((j) => j.stage === stage)?.priority ?? row.priority,
        maxAttempts: spec.maxAttempts ?? 3,
        params: params.get(stage) ?? (JSON.parse(row.params) as Record<string, unknown>),
      };
    }),
  };
}
