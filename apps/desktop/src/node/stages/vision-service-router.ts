import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries, UserFacingError } from '@kirinuki/pipeline';
import { findVideoById } from '../library/videos-repository.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { libraryAt } from './ingest-service-router.js';
import { videoStageInput } from './video-stage-input.js';
import { readSettings } from '../library/settings-repository.js';
import { describeVideoKeyframes } from './cloud-vision-stage.js';
import { analyzeVideo, type VisionOutput } from './vision-stage.js';

const t = initTRPC.context<ServiceContext>().create();

/** The vision service: shots, faces and visual features of a library video. */
export const visionRouter = t.router({
  analyze: t.procedure.input(videoStageInput).subscription(async function* ({ input, ctx }) {
    const library = await libraryAt(input.libraryDir);
    const video = await findVideoById(library.db, input.videoId);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
    const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
    const settings = await readSettings(library.db);
    const localShare = settings.cloudVision ? 0.7 : 1;
    yield* streamWithProgress(async (onProgress): Promise<VisionOutput> => {
      const { result, file, cached } = await analyzeVideo(library, video, {
        ffmpeg,
        signal: ctx.signal,
        logger: ctx.logger,
        fresh: input.fresh ?? false,
        onProgress: (fraction, detail) => onProgress(fraction * localShare, detail),
      });
      let cloud: VisionOutput['cloud'];
      if (settings.cloudVision) {
        const model = settings.cloudVisionModel;
        const apiKey = input.openaiApiKey ?? process.env.OPENAI_API_KEY ?? null;
        if (!apiKey) {
          cloud = {
            model,
            used: false,
            error: 'No OpenAI API key is saved (Settings) or set (OPENAI_API_KEY).',
          };
        } else {
          try {
            const described = await describeVideoKeyframes(library, video, result, {
              apiKey,
              model,
              ffmpeg,
              signal: ctx.signal,
              logger: ctx.logger,
              fresh: input.fresh ?? false,
              onProgress: (fraction, detail) => onProgress(localShare + fraction * (1 - localShare), detail),
            });
            cloud = { model, used: true, file: described.file, frames: described.result.length };
          } catch (error) {
            if (ctx.signal.aborted) throw error;
            // Cloud vision adds to the local analysis; without it the pipeline goes on.
            ctx.logger.warn({ err: error }, 'cloud vision failed; going on without it');
            cloud = { model, used: false, error: (error as Error).message };
          }
        }
      }
      return {
        videoId: video.id,
        visionFile: file,
        cuts: result.shots?.cuts.length ?? 0,
        faceTracks: result.faces?.tracks.length ?? 0,
        cached,
        ...(cloud ? { cloud } : {}),
      };
    });
  }),
});

export type VisionServiceRouter = typeof visionRouter;
