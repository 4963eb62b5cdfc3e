import path from 'node:path';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

const modelId = z.object({ id: z.string().min(1).max(100) });

export const modelsRouter = router({
  /**
   * Downloads a model (resume, sha256 check, atomic install); progress and ETA arrive on
   * jobs.progress as job `download-<id>`. Resolves when the model is installed.
   */
  download: publicProcedure
    .input(
      modelId.extend({
        /** A folder on the host holding the model's files (copied from elsewhere) instead of the network. */
        from: z
          .string()
          .max(4096)
          .refine((p) => path.isAbsolute(p), 'give the folder as a full path')
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ctx.host.models.download(input.id, { from: input.from })),
  /** Stops a running download; nothing of it stays behind. */
  cancelDownload: publicProcedure
    .input(modelId)
    .mutation(({ ctx, input }) => ({ cancelled: ctx.host.models.cancel(input.id) })),
});
