import { z } from 'zod';

/** What a stage service is called with for one library video. */
export const videoStageInput = z.object({
  libraryDir: z.string(),
  videoId: z.string(),
  /** Recompute instead of reusing a stored result. */
  fresh: z.boolean().optional(),
  /** From the host's secret store, for the optional cloud features; services keep no secrets. */
  openaiApiKey: z.string().nullable().optional(),
});
