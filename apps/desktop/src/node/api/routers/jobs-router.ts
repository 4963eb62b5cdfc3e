import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const jobsRouter = router({
  list: publicProcedure
    .input(z.object({ videoId: z.string().optional() }).optional())
    .query(({ ctx, input }) => ctx.host.jobs.list(input ?? {})),
  get: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(async ({ ctx, input }) => ({ job: await ctx.host.jobs.get(input.id) })),
  cancel: publicProcedure
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => ctx.host.jobs.cancel(input.id)),
  retry: publicProcedure
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => ctx.host.jobs.retry(input.id)),
  pauseAll: publicProcedure.mutation(({ ctx }) => ctx.host.jobs.pauseAll()),
  resumeAll: publicProcedure.mutation(({ ctx }) => ctx.host.jobs.resumeAll()),
  /** Progress of every job (fraction, stage, ETA) and every status change, as it happens. */
  progress: publicProcedure.subscription(async function* ({ ctx, signal }) {
    yield* ctx.host.jobs.progress(signal);
  }),
});
