import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

const modelId = z.object({ id: z.string().min(1).max(100) });

export const modelsRouter = router({
  /**
   * Downloads a model (resume, sha256 check, atomic install); progress and ETA arrive on
   * jobs.progress as job `download-<id>`. Resolves when the model is installed.
   */
  download: publicProcedure
    .input(modelId)
    .mutation(async ({ ctx, input }) => ctx.services.models.download(input.id)),
  /** Stops a running download; nothing of it stays behind. */
  cancelDownload: publicProcedure
    .input(modelId)
    .mutation(({ ctx, input }) => ({ cancelled: ctx.services.models.cancel(input.id) })),
});
