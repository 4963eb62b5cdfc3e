import path from 'node:path';
import { z } from 'zod';
import { ulid } from 'ulid';
import { renderLibraryClip } from '../../render/render-library-clip.js';
import { publicProcedure, router } from '../trpc.js';

export const renderRouter = router({
  /** Renders a clip (any status); progress arrives on jobs.progress under the returned job id. */
  clip: publicProcedure
    .input(
      z.object({
        clipId: z.string(),
        platform: z.string().optional(),
        style: z.string().optional(),
        outDir: z.string().max(4096).optional(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      const { services } = ctx;
      const jobId = `render-${ulid()}`;
      const publish = (
        status: 'running' | 'done' | 'failed',
        fraction: number | null,
        etaSec: number | null,
        message?: string,
      ) =>
        services.progress.publish({
          jobId,
          videoId: null,
          stage: 'render',
          status,
          fraction,
          etaSec,
          ...(message ? { message } : {}),
        });
      try {
        const rendered = await renderLibraryClip(services.library, input.clipId, {
          platform: input.platform,
          style: input.style,
          outDir: input.outDir ?? path.join(services.library.dir, 'exports'),
          signal: signal ?? new AbortController().signal,
          logger: services.logger.child({ correlationId: jobId }),
          ffmpeg: { ffmpeg: services.ffmpeg, ffprobe: services.ffprobe },
          onProgress: (p) => publish('running', p.fraction, p.etaSec, p.stage),
        });
        publish('done', 1, 0);
        return { jobId, ...rendered };
      } catch (error) {
        publish('failed', null, null, (error as Error).message);
        throw error;
      }
    }),
});
