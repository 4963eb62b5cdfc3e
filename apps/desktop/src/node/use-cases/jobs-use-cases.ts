import { UserFacingError } from '@kirinuki/contracts';
import type { HostParts } from '../host/host-parts.js';
import { modelOfDownloadJob } from '../models/model-downloads.js';

/** The queue as the jobs screen and `kirinuki jobs` use it; model downloads share its progress feed. */
export function createJobsUseCases(parts: HostParts) {
  const { orchestrator } = parts.pipeline;
  const { models, runner } = parts;
  const requireJob = async (id: string) => {
    const job = await orchestrator.get(id);
    if (!job)
      throw new UserFacingError('NOT_FOUND', `No job with id ${id}.`, {
        hint: 'Run `kirinuki jobs list` to see the jobs.',
      });
    return job;
  };
  return {
    list: async (filter: { videoId?: string | undefined } = {}) => ({
      jobs: await orchestrator.list(filter.videoId ? { videoId: filter.videoId } : undefined),
      paused: await orchestrator.isPaused(),
    }),
    get: requireJob,
    /** Cancels a job and everything after it (a model download by its `download-<id>` job id). */
    cancel: async (id: string) => {
      const model = modelOfDownloadJob(id);
      if (model !== null) return { jobs: [], cancelled: models.cancel(model) };
      const job = await requireJob(id);
      const jobs = await orchestrator.cancel(id);
      if (!jobs.length)
        throw new UserFacingError(
          'INVALID_ARGUMENT',
          `Job ${id} is ${job.status}; only queued or running jobs can be cancelled.`,
        );
      return { jobs, cancelled: true };
    },
    /** Queues a failed or cancelled job again, with the cancelled jobs after it. */
    retry: async (id: string) => {
      const model = modelOfDownloadJob(id);
      if (model !== null) {
        // Runs on from where it came from before; how it ends is on the feed.
        models.retry(model).catch(() => undefined);
        return { jobs: [] };
      }
      const job = await requireJob(id);
      const jobs = await orchestrator.retry(id);
      if (!jobs.length)
        throw new UserFacingError(
          'INVALID_ARGUMENT',
          `Job ${id} is ${job.status}; only failed or cancelled jobs can be retried.`,
        );
      runner.kick();
      return { jobs };
    },
    pauseAll: async () => {
      await orchestrator.pauseAll();
      return { paused: true };
    },
    resumeAll: async () => {
      await orchestrator.resumeAll();
      runner.kick();
      return { paused: false };
    },
    /** Takes back the jobs of processes that died and runs every runnable job to the end. */
    runUntilIdle: async (signal?: AbortSignal) => {
      await orchestrator.resumeAll();
      const summary = await orchestrator.runUntilIdle(signal);
      return { ...summary, jobs: await orchestrator.list() };
    },
    /** Progress of every job (fraction, stage, ETA) and every status change, as it happens. */
    progress: (signal?: AbortSignal) => parts.progress.events(signal),
    /** The queue's own events (its jobs' state changes and progress), for a host that shows them. */
    queueEvents: (signal: AbortSignal) => orchestrator.events(signal),
  };
}

export type JobsUseCases = ReturnType<typeof createJobsUseCases>;
