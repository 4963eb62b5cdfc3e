import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const libraryRouter = router({
  list: publicProcedure.query(async ({ ctx }) => ({ videos: await ctx.host.library.list() })),
  get: publicProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(async ({ ctx, input }) => ({ video: await ctx.host.library.get(input.id) })),
  /** The video's timeline for the player: the transcript's words and the shots (empty until made). */
  timeline: publicProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(({ ctx, input }) => ctx.host.library.timeline(input.id)),
  /**
   * Imports a file or URL: the whole import pipeline is queued; this answers once the ingest is
   * done, and the rest reports progress as it runs.
   */
  import: publicProcedure
    .input(
      z.object({
        input: z.string().min(1).max(8192),
        mode: z.enum(['copy', 'link']).optional(),
        allowPrivateNetwork: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      const [outcome] = await ctx.host.library.importVideos([input], {
        pipeline: 'import',
        ...(signal ? { signal } : {}),
      });
      if (!outcome?.ok) throw outcome?.error;
      return { video: outcome.video, alreadyImported: outcome.alreadyImported, warnings: outcome.warnings };
    }),
  remove: publicProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => ({ removed: await ctx.host.library.remove(input.id) })),
});
