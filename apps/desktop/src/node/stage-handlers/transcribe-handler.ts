import { availableParallelism } from 'node:os';
import { stageThreads } from './stage-threads.js';
import {
  UserFacingError,
  type IngestOutput,
  type Settings,
  type TranscribeOutput,
  type TranscribeSettings,
  type VideoRecord,
} from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import type { Library } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import { findVideoById } from '../library/videos-repository.js';
import type { StageContext, StageHandler } from '../orchestrator/stage-handler.js';
import type { SecretStore } from '../../common/secret-store.js';
import type {
  TranscribeInput,
  TranscribeResult,
  TranscribeServiceRouter,
} from '../stage-services/transcribe/transcribe-router.js';
import { recordStageResults } from './record-stage-result.js';
import { serviceStageHandler } from './service-stage-handler.js';

/** The transcription settings of a library (what a stored result is keyed by), with any overrides. */
export function transcribeSettingsOf(
  settings: Settings,
  overrides: Partial<TranscribeSettings> = {},
): TranscribeSettings {
  const backend = overrides.backend ?? settings.asrBackend;
  return {
    backend,
    model: overrides.model ?? (backend === 'openai' ? 'whisper-1' : settings.asrModel),
    language: overrides.language ?? settings.asrLanguage,
  };
}

/** What the transcribe service is sent for a library video, with the library's settings. */
export function transcribeInputFor(
  library: Library,
  video: VideoRecord,
  settings: Settings,
  options: { fresh?: boolean; openaiApiKey: string | null },
): TranscribeInput {
  return {
    libraryDir: library.dir,
    target: { sha256: video.sha256, path: video.path, scope: 'video' },
    settings: transcribeSettingsOf(settings),
    // It runs beside vision's decode: its share of the cores, unless the user set a number.
    threads: stageThreads(availableParallelism(), settings.threads).transcribe,
    forceCpu: settings.forceCpu,
    fresh: options.fresh ?? false,
    openaiApiKey: options.openaiApiKey,
  };
}

export async function requireVideo(library: Library, videoId: string): Promise<VideoRecord> {
  const video = await findVideoById(library.db, videoId);
  if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${videoId} in the library.`);
  return video;
}

/** The transcribe stage: the service transcribes (or finds the stored transcript); the host announces it. */
export function transcribeHandler(deps: {
  library: Library;
  client: TRPCClient<TranscribeServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  const { library } = deps;
  const videoOf = (ctx: StageContext) => requireVideo(library, (ctx.inputs.ingest as IngestOutput).videoId);
  return serviceStageHandler<TranscribeInput, TranscribeResult>({
    stage: 'transcribe',
    input: async (ctx) => {
      return transcribeInputFor(library, await videoOf(ctx), await readSettings(library.db), {
        fresh: ctx.params.fresh === true,
        openaiApiKey: deps.secrets.get('openaiApiKey'),
      });
    },
    call: (input, options) => deps.client.transcribe.subscribe(input, options),
    record: async (result, ctx, input): Promise<TranscribeOutput> => {
      const video = await videoOf(ctx);
      await recordStageResults(library, video, [result.notice]);
      return {
        videoId: video.id,
        transcriptFile: result.transcriptFile,
        settings: input.settings,
        segments: result.segments,
        words: result.words,
        cached: result.cached,
      };
    },
  });
}
