import { availableParallelism } from 'node:os';
import { stageThreads } from './stage-threads.js';
import type { IngestOutput, VideoRecord, VisionOutput } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import type { Library } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import type { StageContext, StageHandler } from '../orchestrator/stage-handler.js';
import type { SecretStore } from '../../common/secret-store.js';
import type {
  AnalyzeInput,
  AnalyzeResult,
  VisionServiceRouter,
} from '../stage-services/vision/vision-router.js';
import { recordStageResults } from './record-stage-result.js';
import { serviceStageHandler } from './service-stage-handler.js';
import { requireVideo } from './transcribe-handler.js';

/** What vision is told of a video. */
export const visionVideoOf = (video: VideoRecord) => ({
  sha256: video.sha256,
  path: video.path,
  durationSec: video.durationSec,
  width: video.width,
  height: video.height,
  fps: video.fps,
});

/** The vision stage: shots, faces, visual features (and cloud vision when on) in the vision service. */
export function visionHandler(deps: {
  library: Library;
  client: TRPCClient<VisionServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  const { library } = deps;
  const videoOf = (ctx: StageContext) => requireVideo(library, (ctx.inputs.ingest as IngestOutput).videoId);
  return serviceStageHandler<AnalyzeInput, AnalyzeResult>({
    stage: 'vision',
    input: async (ctx) => {
      const settings = await readSettings(library.db);
      return {
        libraryDir: library.dir,
        video: visionVideoOf(await videoOf(ctx)),
        fresh: ctx.params.fresh === true,
        threads: stageThreads(availableParallelism(), settings.threads).vision,
        cloudVision: settings.cloudVision ? { model: settings.cloudVisionModel } : null,
        openaiApiKey: settings.cloudVision ? deps.secrets.get('openaiApiKey') : null,
      };
    },
    call: (input, options) => deps.client.analyze.subscribe(input, options),
    record: async ({ notices, ...output }, ctx): Promise<VisionOutput> => {
      const video = await videoOf(ctx);
      await recordStageResults(library, video, notices);
      return { videoId: video.id, ...output };
    },
  });
}
