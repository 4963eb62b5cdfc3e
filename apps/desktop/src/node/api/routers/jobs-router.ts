import { z } from 'zod';
import { modelOfDownloadJob } from '../../models/model-downloads.js';
import { UserFacingError } from '@kirinuki/pipeline';
import { publicProcedure, router } from '../trpc.js';

export const jobsRouter = router({
  list: publicProcedure
    .input(z.object({ videoId: z.string().optional() }).optional())
    .query(async ({ ctx, input }) => ({
      jobs: await ctx.services.jobs.list(input?.videoId ? { videoId: input.videoId } : undefined),
      paused: await ctx.services.jobs.isPaused(),
    })),
  get: publicProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const job = await ctx.services.jobs.get(input.id);
    if (!job) throw new UserFacingError('NOT_FOUND', `No job with id ${input.id}.`);
    return { job };
  }),
  cancel: publicProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    // A model download is on the progress feed but not in the queue.
    const model = modelOfDownloadJob(input.id);
    if (model !== null) return { jobs: [], cancelled: ctx.services.models.cancel(model) };
    return { jobs: await ctx.services.jobs.cancel(input.id) };
  }),
  retry: publicProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    const model = modelOfDownloadJob(input.id);
    if (model !== null) {
      // Runs on, from where it came from before; how it ends (installed, failed, cancelled) is on the feed.
      ctx.services.models.retry(model).catch(() => undefined);
      return { jobs: [] };
    }
    const jobs = await ctx.services.jobs.retry(input.id);
    ctx.services.kickJobs();
    return { jobs };
  }),
  pauseAll: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.jobs.pauseAll();
    return { paused: true };
  }),
  resumeAll: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.jobs.resumeAll();
    ctx.services.kickJobs();
    return { paused: false };
  }),
  /** Progress of every job (fraction, stage, ETA) and every status change, as it happens. */
  progress: publicProcedure.subscription(async function* ({ ctx, signal }) {
    yield* ctx.services.progress.events(signal);
  }),
});
