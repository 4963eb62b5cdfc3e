import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { serviceTrpc as t } from '../service-trpc.js';
import { proposeForVideo } from './propose-for-video.js';

export const proposeInput = z.object({
  libraryDir: z.string(),
  video: z.object({ sha256: z.string(), path: z.string(), durationSec: z.number() }),
  transcriptFile: z.string(),
  visionFile: z.string().nullable().optional(),
  cloudVisionFile: z.string().nullable().optional(),
  params: z.object({
    platform: z.string(),
    count: z.number().int(),
    minSec: z.number().optional(),
    maxSec: z.number().optional(),
  }),
  fresh: z.boolean().optional(),
  /** The optional LLM re-rank: the model and the user's key (from the host's secret store). */
  rerank: z.object({ model: z.string(), apiKey: z.string() }).nullable(),
});

export type ProposeInput = z.infer<typeof proposeInput>;

/** The segment service: finds and scores clip proposals for a video (the host stores them). */
export const segmentRouter = t.router({
  propose: t.procedure.input(proposeInput).subscription(async function* ({ input, ctx }) {
    const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
    yield* streamWithProgress((onProgress) =>
      proposeForVideo(input.libraryDir, localStageResultStore(input.libraryDir), input, {
        signal: ctx.signal,
        logger: ctx.logger,
        ffmpeg,
        onProgress,
      }),
    );
  }),
});

export type SegmentServiceRouter = typeof segmentRouter;
