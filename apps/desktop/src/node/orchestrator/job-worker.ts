import { abortError } from '@kirinuki/contracts';
import type { Logger } from '../logging/create-logger.js';
import type { JobSummary } from '@kirinuki/contracts';
import type { Orchestrator } from '../orchestrator/orchestrator.js';

export interface JobWorker {
  /** Look at the queue now (after an enqueue, retry or unpause). */
  kick(): void;
  /** Stops after the running jobs hand back (they stay queued, nothing is lost). */
  stop(): Promise<void>;
}

/**
 * Runs queued jobs in the background of a long-lived host (the app, `kirinuki serve`): at once when
 * kicked, and every `idlePollMs` while `shouldPoll` says so (the scheduler's lease holder looks for
 * work other processes queued; a standby runs only what its own process asks for).
 */
export function startJobWorker(
  orchestrator: Orchestrator,
  logger: Logger,
  options: { idlePollMs?: number; shouldPoll?: () => boolean } = {},
): JobWorker {
  const idlePollMs = options.idlePollMs ?? 2000;
  const shouldPoll = options.shouldPoll ?? (() => true);
  const controller = new AbortController();
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (!controller.signal.aborted) {
      try {
        await orchestrator.runUntilIdle(controller.signal);
      } catch (error) {
        if (!controller.signal.aborted)
          logger.error({ err: error }, 'job worker stopped on an error; restarting');
      }
      await new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout;
        const poll = () => {
          if (shouldPoll()) resolve();
          else timer = setTimeout(poll, idlePollMs);
        };
        timer = setTimeout(poll, idlePollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    kick: () => wake(),
    stop: async () => {
      controller.abort();
      wake();
      await loop;
    },
  };
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Resolves with a job once it is done, failed or cancelled. */
export function waitForJob(
  orchestrator: Orchestrator,
  jobId: string,
  signal?: AbortSignal,
): Promise<JobSummary> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (job: JobSummary) => {
      if (settled) return;
      settled = true;
      stop();
      signal?.removeEventListener('abort', onAbort);
      resolve(job);
    };
    const stop = orchestrator.onEvent((event) => {
      if (event.type === 'job' && event.job.id === jobId && FINAL.has(event.job.status)) finish(event.job);
    });
    const onAbort = () => {
      if (settled) return;
      settled = true;
      stop();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    void orchestrator.get(jobId).then((job) => {
      if (job && FINAL.has(job.status)) finish(job);
    });
  });
}
