import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import type { VisionOutput } from '@kirinuki/contracts';
import { libraryFolder } from '../../library/library-folder.js';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import type { StageResultNotice } from '../cached-stage-result.js';
import { openaiKeyOf, serviceTrpc as t } from '../service-trpc.js';
import { analyzeVideo } from './analyze-video.js';
import { describeVideoKeyframes } from './describe-keyframes.js';
import { facesOfFile, shotsOfFile } from './shots-and-faces.js';

export const analyzeInput = z.object({
  libraryDir: z.string(),
  video: z.object({
    sha256: z.string(),
    path: z.string(),
    durationSec: z.number(),
    width: z.number(),
    height: z.number(),
    fps: z.number(),
  }),
  fresh: z.boolean().optional(),
  /** ffmpeg decoder threads (0 or absent: ffmpeg's choice); the host shares the cores between stages. */
  threads: z.number().int().min(0).optional(),
  /** Cloud vision, when the user turned it on: the model to ask. */
  cloudVision: z.object({ model: z.string() }).nullable(),
  /** From the host's secret store, for the optional cloud features; services keep no secrets. */
  openaiApiKey: z.string().nullable().optional(),
});

export type AnalyzeInput = z.infer<typeof analyzeInput>;

const filePassInput = z.object({ libraryDir: z.string(), file: z.string(), fresh: z.boolean() });

/** What the analysis returns: the stage's output for the queue, and the results for the host to announce. */
export type AnalyzeResult = Omit<VisionOutput, 'videoId'> & { notices: StageResultNotice[] };

/** The vision service: shots, faces and visual features (and optional cloud vision) of a video. */
export const visionRouter = t.router({
  analyze: t.procedure.input(analyzeInput).subscription(async function* ({ input, ctx }) {
    const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
    const store = localStageResultStore(input.libraryDir);
    const localShare = input.cloudVision ? 0.7 : 1;
    yield* streamWithProgress(async (onProgress): Promise<AnalyzeResult> => {
      const local = await analyzeVideo(store, input.video, {
        ffmpeg,
        signal: ctx.signal,
        logger: ctx.logger,
        fresh: input.fresh ?? false,
        threads: input.threads ?? 0,
        onProgress: (fraction, detail) => onProgress(fraction * localShare, detail),
      });
      const notices = [local.notice];
      let cloud: VisionOutput['cloud'];
      if (input.cloudVision) {
        const { model } = input.cloudVision;
        const apiKey = openaiKeyOf(input);
        if (!apiKey) {
          cloud = {
            model,
            used: false,
            error: 'No OpenAI API key is saved (Settings) or set (OPENAI_API_KEY).',
          };
        } else {
          try {
            const described = await describeVideoKeyframes(
              libraryFolder(input.libraryDir),
              store,
              input.video,
              local.result,
              {
                apiKey,
                model,
                ffmpeg,
                signal: ctx.signal,
                logger: ctx.logger,
                fresh: input.fresh ?? false,
                onProgress: (fraction, detail) =>
                  onProgress(localShare + fraction * (1 - localShare), detail),
              },
            );
            notices.push(described.notice);
            cloud = { model, used: true, file: described.locator, frames: described.result.length };
          } catch (error) {
            if (ctx.signal.aborted) throw error;
            // Cloud vision adds to the local analysis; without it the pipeline goes on.
            ctx.logger.warn({ err: error }, 'cloud vision failed; going on without it');
            cloud = { model, used: false, error: (error as Error).message };
          }
        }
      }
      return {
        visionFile: local.locator,
        cuts: local.result.shots?.cuts.length ?? 0,
        faceTracks: local.result.faces?.tracks.length ?? 0,
        cached: local.cached,
        notices,
        ...(cloud ? { cloud } : {}),
      };
    });
  }),
  /** The shots of any video file (`kirinuki shots`), with keyframe images when asked. */
  shots: t.procedure
    .input(filePassInput.extend({ imagesDir: z.string().nullable() }))
    .subscription(async function* ({ input, ctx }) {
      yield* streamWithProgress((onProgress) =>
        shotsOfFile(input.file, input.imagesDir, {
          cacheDir: libraryFolder(input.libraryDir).visionCacheDir,
          fresh: input.fresh,
          signal: ctx.signal,
          logger: ctx.logger,
          onProgress,
        }),
      );
    }),
  /** The face tracks of any video file (`kirinuki faces`). */
  faces: t.procedure.input(filePassInput).subscription(async function* ({ input, ctx }) {
    yield* streamWithProgress((onProgress) =>
      facesOfFile(input.file, {
        cacheDir: libraryFolder(input.libraryDir).visionCacheDir,
        fresh: input.fresh,
        signal: ctx.signal,
        logger: ctx.logger,
        onProgress,
      }),
    );
  }),
});

export type VisionServiceRouter = typeof visionRouter;
