import { abortError, type JobSubject, type JobSummary } from '@kirinuki/contracts';
import type { Logger } from '../logging/create-logger.js';
import { startJobWorker, waitForJob } from '../orchestrator/job-worker.js';
import type { Orchestrator } from '../orchestrator/orchestrator.js';

/**
 * How a host gets queued work done. A long-running host (the app, `serve`) has a background worker
 * that takes jobs as they come; the CLI runs the queue itself, in the foreground, until it is idle.
 * Either way, when `settle` or `waitForJob` returns, the work is as far as it gets without the user.
 */
export interface JobRunner {
  /** Look at the queue now (after an enqueue, retry or unpause). */
  kick(): void;
  /** Until no job of the subject runs or can still run on its own (done, failed, cancelled or blocked). */
  settle(subject: JobSubject, signal?: AbortSignal): Promise<void>;
  /** Until the job is done, failed or cancelled (or, in the foreground, the queue is idle). */
  waitForJob(jobId: string, signal?: AbortSignal): Promise<JobSummary | undefined>;
  stop(): Promise<void>;
}

/** The CLI's: each wait runs every runnable job of the queue to the end in this process. */
export function foregroundJobRunner(orchestrator: Orchestrator): JobRunner {
  return {
    kick: () => undefined,
    settle: async (_subject, signal) => {
      await orchestrator.runUntilIdle(signal);
    },
    waitForJob: async (jobId, signal) => {
      await orchestrator.runUntilIdle(signal);
      return orchestrator.get(jobId);
    },
    stop: async () => undefined,
  };
}

const SETTLE_RECHECK_MS = 2_000;

/**
 * The app's and `serve`'s: a worker in the background; waits follow the queue's events. With a
 * scheduler, the worker looks for work queued elsewhere only while this process holds its lease.
 */
export function backgroundJobRunner(
  orchestrator: Orchestrator,
  logger: Logger,
  options: { shouldPoll?: () => boolean } = {},
): JobRunner {
  const worker = startJobWorker(orchestrator, logger, options);
  const isSettled = (subject: JobSubject) =>
    orchestrator.isSettled({ subjectKind: subject.kind, subjectId: subject.id });
  return {
    kick: () => worker.kick(),
    settle: (subject, signal) =>
      new Promise<void>((resolve, reject) => {
        let done = false;
        const finish = (error?: unknown) => {
          if (done) return;
          done = true;
          stop();
          clearInterval(timer);
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        };
        const check = () =>
          void isSettled(subject).then(
            (settled) => settled && finish(),
            (error: unknown) => finish(error),
          );
        const stop = orchestrator.onEvent((event) => {
          if (event.type === 'job' && event.job.subjectId === subject.id) check();
          else if (event.type === 'discarded') check();
        });
        // A pause or a change made by another process sends no event here.
        const timer = setInterval(check, SETTLE_RECHECK_MS);
        const onAbort = () => finish(abortError());
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.kick();
        check();
      }),
    waitForJob: (jobId, signal) => {
      worker.kick();
      return waitForJob(orchestrator, jobId, signal);
    },
    stop: () => worker.stop(),
  };
}
