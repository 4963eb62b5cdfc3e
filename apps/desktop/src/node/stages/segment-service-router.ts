import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { readSettings } from '../library/settings-repository.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { libraryAt } from './ingest-service-router.js';
import { segmentParamsOf, segmentVideo } from './segment-stage.js';

const t = initTRPC.context<ServiceContext>().create();

/** The segment service: finds, scores and stores clip proposals for a video. */
export const segmentRouter = t.router({
  propose: t.procedure
    .input(
      z.object({
        libraryDir: z.string(),
        videoId: z.string(),
        transcriptFile: z.string(),
        visionFile: z.string().nullable().optional(),
        params: z.record(z.string(), z.unknown()),
        fresh: z.boolean().optional(),
      }),
    )
    .subscription(async function* ({ input, ctx }) {
      const library = await libraryAt(input.libraryDir);
      const settings = await readSettings(library.db);
      const params = segmentParamsOf(input.params, {
        platform: settings.platform,
        count: settings.clipCount,
      });
      const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
      yield* streamWithProgress((onProgress) =>
        segmentVideo(
          library,
          {
            videoId: input.videoId,
            transcriptFile: input.transcriptFile,
            visionFile: input.visionFile ?? null,
            params,
            fresh: input.fresh ?? false,
          },
          { signal: ctx.signal, logger: ctx.logger, ffmpeg, onProgress },
        ),
      );
    }),
});

export type SegmentServiceRouter = typeof segmentRouter;
