import { isAbortError, type QueueEvent } from '@kirinuki/contracts';
import type { HandOver, JobLease, JobQueue, QueuedJob } from '../../common/jobs/job-queue.js';
import type { Logger } from '../logging/create-logger.js';
import { findServiceKilled } from '../service-process/service-killed-error.js';
import { clampFraction, estimateEtaMs } from './progress-eta.js';
import { decideAfterFailure, type RetryPolicy } from './retry-policy.js';
import type { StageGraph } from './stage-graph.js';
import { DeferRun, supersededBy, type StageContext } from './stage-handler.js';
import { deterministicUlid } from './stage-keys.js';

export type StopReason = 'cancel' | 'paused' | 'stopped' | 'lease-lost';

/** One stage run in this process: its lease, abort controller and last reported progress. */
export interface ActiveRun {
  lease: JobLease;
  controller: AbortController;
  /** Why the run was stopped, if it was; decides what happens to the job. */
  reason: StopReason | null;
  progress: number;
  done: Promise<void>;
}

export interface StageRunDeps {
  queue: JobQueue;
  graph: StageGraph;
  logger: Logger;
  leaseMs: number;
  heartbeatMs: number;
  retryPolicy: RetryPolicy;
  emit(event: QueueEvent): void;
  /** Called once the run's outcome is written. */
  settled(jobId: string): Promise<void>;
}

/**
 * Runs a leased job's handler: heartbeats the lease (a lost lease or a cancel seen there aborts
 * the run), reports progress with an ETA, then writes the outcome: done, retry later, failed,
 * or handed back to the queue when paused or stopped. Cancellation is not a failure.
 */
export function startStageRun(lease: JobLease, deps: StageRunDeps): ActiveRun {
  const { queue, graph, logger, leaseMs, heartbeatMs } = deps;
  const { job } = lease;
  const controller = new AbortController();
  const run: ActiveRun = { lease, controller, reason: null, progress: 0, done: Promise.resolve() };
  const jobLogger = logger.child({ correlationId: job.id, stage: job.stage, videoId: job.videoId });
  const startedAt = Date.now();
  let lastSaved = 0;
  const heartbeat = setInterval(() => {
    void queue.renew(lease, Date.now() + leaseMs).then(
      async (held) => {
        if (held || controller.signal.aborted) return;
        const now = await queue.get(job.id);
        run.reason = now?.status === 'cancelled' ? 'cancel' : 'lease-lost';
        controller.abort(new Error(run.reason === 'cancel' ? 'cancelled' : 'lease lost'));
      },
      (error: unknown) => jobLogger.warn({ err: error }, 'heartbeat failed'),
    );
  }, heartbeatMs);
  const ctx: StageContext = {
    jobId: job.id,
    subject: { kind: job.subjectKind, id: job.subjectId },
    videoId: job.videoId,
    stage: job.stage,
    attempt: job.attempts,
    params: job.params,
    inputs: {},
    signal: controller.signal,
    logger: jobLogger,
    eventId: (type, key = '') => deterministicUlid(Date.parse(job.createdAt), job.id, type, key),
    reportProgress: (fraction, detail) => {
      if (controller.signal.aborted) return;
      run.progress = clampFraction(fraction);
      const now = Date.now();
      const etaMs = estimateEtaMs(startedAt, now, run.progress);
      deps.emit({
        type: 'progress',
        jobId: job.id,
        videoId: job.videoId,
        stage: job.stage,
        fraction: run.progress,
        etaMs,
        detail,
      });
      if (now - lastSaved >= 1_000) {
        lastSaved = now;
        void queue.saveProgress(lease, run.progress, etaMs).catch(() => undefined);
      }
    },
  };
  run.done = (async () => {
    let outcome = 'done';
    try {
      const upstream = graph.spec(job.stage).after;
      ctx.inputs = Object.fromEntries(
        Object.entries(await queue.outputsOf(ctx.subject)).filter(([stage]) => upstream.includes(stage)),
      );
      jobLogger.info({ attempt: job.attempts }, 'stage started');
      const output = await graph.handler(job.stage).run(ctx);
      const handOver = await handOverFor(queue, graph, job, output);
      if (!(await queue.finish(lease, output, Date.now(), handOver))) outcome = 'lease lost before finishing';
      else
        for (const discarded of handOver?.discard ?? [])
          deps.emit({
            type: 'discarded',
            jobId: discarded.id,
            videoId: job.videoId,
            stage: discarded.stage,
            by: handOver!.by,
          });
    } catch (error) {
      outcome = await settleFailure(run, error, deps, jobLogger);
    } finally {
      clearInterval(heartbeat);
      jobLogger.info({ outcome, ms: Date.now() - startedAt }, 'stage ended');
      await deps.settled(job.id);
    }
  })();
  return run;
}

/** What a run that threw becomes: cancelled, handed back, interrupted, retried later or failed. */
async function settleFailure(
  run: ActiveRun,
  error: unknown,
  deps: StageRunDeps,
  jobLogger: Logger,
): Promise<string> {
  const { queue, retryPolicy } = deps;
  const { lease } = run;
  const now = Date.now();
  if (run.reason === 'cancel' || run.reason === 'lease-lost')
    return run.reason === 'cancel' ? 'cancelled' : 'lease lost';
  if (run.reason && (isAbortError(error) || run.controller.signal.aborted)) {
    await queue.release(lease, run.reason, run.progress, now);
    return `handed back (${run.reason})`;
  }
  let outcome: string;
  if (error instanceof DeferRun) {
    await queue.defer(lease, error.reason, error.until, run.progress, now);
    outcome = `deferred until ${new Date(error.until).toISOString()} (${error.reason.code})`;
    jobLogger.info({ reason: error.reason }, `stage ${outcome}`);
    return outcome;
  } else if (findServiceKilled(error)) {
    // Killed from outside (OOM killer, kill -9): an interruption, like a killed host.
    const result = await queue.interrupt(lease, 'service-killed', run.progress, now);
    outcome = result === 'failed' ? 'failed (interrupted too often)' : 'interrupted (service killed)';
  } else {
    const decision = decideAfterFailure(error, lease.job.attempts, lease.job.maxAttempts, retryPolicy);
    if (decision.action === 'retry') {
      outcome = `retry in ${decision.delayMs} ms`;
      await queue.retryLater(lease, decision.error, now + decision.delayMs, run.progress, now);
    } else {
      outcome = 'failed';
      await queue.fail(lease, decision.error, run.progress, now);
    }
  }
  jobLogger.warn({ err: error, attempt: lease.job.attempts }, `stage ${outcome}`);
  return outcome;
}

/** The queued work of `job`'s subject, handed to the video the output says it really is. */
async function handOverFor(
  queue: JobQueue,
  graph: StageGraph,
  job: QueuedJob,
  output: unknown,
): Promise<HandOver | undefined> {
  const by = supersededBy(output, job.subjectId);
  if (!by || job.subjectKind !== 'video') return undefined;
  const queued = (await queue.list({ subjectKind: 'video', subjectId: job.subjectId })).filter(
    (j) => j.status === 'queued' && j.id !== job.id,
  );
  if (!queued.length) return undefined;
  const params = new Map(queued.map((j) => [j.stage, j.params]));
  const stages = graph.withUpstream(queued.map((j) => j.stage));
  return {
    by,
    discard: queued.map((j) => ({ id: j.id, stage: j.stage })),
    enqueue: stages.map((stage) => {
      const spec = graph.spec(stage);
      return {
        subject: { kind: 'video', id: by },
        videoId: by,
        stage,
        resource: spec.resource,
        priority: queued.find((j) => j.stage === stage)?.priority ?? job.priority,
        maxAttempts: spec.maxAttempts ?? 3,
        params: params.get(stage) ?? job.params,
      };
    }),
  };
}
