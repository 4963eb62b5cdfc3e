import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries, UserFacingError } from '@kirinuki/pipeline';
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
        cloudVisionFile: z.string().nullable().optional(),
        params: z.record(z.string(), z.unknown()),
        fresh: z.boolean().optional(),
        /** From the host's secret store, for the optional LLM re-rank. */
        openaiApiKey: z.string().nullable().optional(),
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
      const wantRerank = typeof input.params.rerank === 'boolean' ? input.params.rerank : settings.llmRerank;
      const apiKey = input.openaiApiKey ?? process.env.OPENAI_API_KEY ?? null;
      if (wantRerank && !apiKey)
        throw new UserFacingError('ASR_BACKEND_UNAVAILABLE', 'The LLM re-rank needs an OpenAI API key.', {
          hint: 'Save your key in Settings (or set OPENAI_API_KEY), or turn the re-rank off.',
        });
      const rerank = wantRerank && apiKey ? { model: settings.llmModel, apiKey } : null;
      yield* streamWithProgress((onProgress) =>
        segmentVideo(
          library,
          {
            videoId: input.videoId,
            transcriptFile: input.transcriptFile,
            visionFile: input.visionFile ?? null,
            cloudVisionFile: input.cloudVisionFile ?? null,
            params,
            fresh: input.fresh ?? false,
            rerank,
          },
          { signal: ctx.signal, logger: ctx.logger, ffmpeg, onProgress },
        ),
      );
    }),
});

export type SegmentServiceRouter = typeof segmentRouter;
