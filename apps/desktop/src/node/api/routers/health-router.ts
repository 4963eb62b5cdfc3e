import { publicProcedure, router } from '../trpc.js';

export const healthRouter = router({
  get: publicProcedure.query(({ ctx }) => ({
    status: 'ok' as const,
    version: ctx.services.version,
    node: process.versions.node,
    library: ctx.services.library.dir,
  })),
});
