import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const transcriptsRouter = router({
  /** The video's transcript with word timings, or null when it has not been transcribed yet. */
  get: publicProcedure
    .input(z.object({ videoId: z.string() }))
    .query(async ({ ctx, input }) => ({ transcript: await ctx.host.library.transcript(input.videoId) })),
});
