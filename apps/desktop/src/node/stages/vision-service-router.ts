import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries, UserFacingError } from '@kirinuki/pipeline';
import { z } from 'zod';
import { findVideoById } from '../library/videos-repository.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { libraryAt } from './ingest-service-router.js';
import { analyzeVideo, type VisionOutput } from './vision-stage.js';

const t = initTRPC.context<ServiceContext>().create();

/** The vision service: shots, faces and visual features of a library video. */
export const visionRouter = t.router({
  analyze: t.procedure
    .input(z.object({ libraryDir: z.string(), videoId: z.string(), fresh: z.boolean().optional() }))
    .subscription(async function* ({ input, ctx }) {
      const library = await libraryAt(input.libraryDir);
      const video = await findVideoById(library.db, input.videoId);
      if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
      const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
      yield* streamWithProgress(async (onProgress): Promise<VisionOutput> => {
        const { result, file, cached } = await analyzeVideo(library, video, {
          ffmpeg,
          signal: ctx.signal,
          logger: ctx.logger,
          fresh: input.fresh ?? false,
          onProgress,
        });
        return {
          videoId: video.id,
          visionFile: file,
          cuts: result.shots?.cuts.length ?? 0,
          faceTracks: result.faces?.tracks.length ?? 0,
          cached,
        };
      });
    }),
});

export type VisionServiceRouter = typeof visionRouter;
