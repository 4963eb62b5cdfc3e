import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

const renderSettings = {
  platform: z.string().optional(),
  style: z.string().optional(),
  outDir: z.string().max(4096).optional(),
};

export const renderRouter = router({
  /**
   * Renders one clip (any status) now, in the render service; progress arrives on jobs.progress
   * under the returned job id.
   */
  clip: publicProcedure
    .input(z.object({ clipId: z.string(), ...renderSettings }))
    .mutation(({ ctx, input, signal }) => ctx.host.render.clipNow(input, signal ? { signal } : {})),
  /**
   * Queues the render stage of a video: every approved clip, in the background (progress and the
   * result on the job). Asking again renders again what changed since.
   */
  approved: publicProcedure
    .input(z.object({ videoId: z.string(), ...renderSettings }))
    .mutation(({ ctx, input }) => {
      const { videoId, ...settings } = input;
      return ctx.host.render.approved(videoId, settings);
    }),
});
