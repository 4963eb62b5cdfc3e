import { publicProcedure, router } from '../trpc.js';

export const jobsRouter = router({
  /** Progress of long work (imports now; every stage once the job queue runs them), as it happens. */
  progress: publicProcedure.subscription(async function* ({ ctx, signal }) {
    yield* ctx.services.progress.events(signal);
  }),
});
