import {
  DEFAULT_CAPTION_STYLE,
  isPlatformName,
  UserFacingError,
  type SegmentOutput,
  type SegmentParams,
  type TranscribeOutput,
  type VisionOutput,
} from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import { storeProposals } from '../clips/clip-edits.js';
import type { Library } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import type { StageContext, StageHandler } from '../orchestrator/stage-handler.js';
import type { SecretStore } from '../../common/secret-store.js';
import type { ProposeInput, SegmentServiceRouter } from '../stage-services/segment/segment-router.js';
import type { ProposalsForVideo } from '../stage-services/segment/propose-for-video.js';
import { recordStageResults } from './record-stage-result.js';
import { serviceStageHandler } from './service-stage-handler.js';
import { requireVideo } from './transcribe-handler.js';

/** Reads the segment parameters of a job (from `kirinuki clip` flags or the library's settings). */
export function segmentParamsOf(
  params: Record<string, unknown>,
  defaults: { platform: string; count: number },
): SegmentParams {
  const platform = typeof params.platform === 'string' ? params.platform : defaults.platform;
  if (!isPlatformName(platform))
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${platform}".`, {
      hint: 'Use tiktok, reels, shorts, x or square.',
    });
  const count = typeof params.count === 'number' ? params.count : defaults.count;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return { platform, count, minSec: num(params.minSec), maxSec: num(params.maxSec) };
}

/**
 * The segment stage: the service proposes clips from the transcript, vision results and loudness;
 * the host stores them with one ClipsProposed event per (inputs, settings), so a rerun stores nothing new.
 */
export function segmentHandler(deps: {
  library: Library;
  client: TRPCClient<SegmentServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  const { library } = deps;
  const videoOf = (ctx: StageContext) =>
    requireVideo(library, (ctx.inputs.transcribe as TranscribeOutput).videoId);
  return serviceStageHandler<ProposeInput, ProposalsForVideo>({
    stage: 'segment',
    input: async (ctx) => {
      const settings = await readSettings(library.db);
      const video = await videoOf(ctx);
      const transcribe = ctx.inputs.transcribe as TranscribeOutput;
      const vision = ctx.inputs.vision as VisionOutput | undefined;
      const wantRerank = typeof ctx.params.rerank === 'boolean' ? ctx.params.rerank : settings.llmRerank;
      const apiKey = wantRerank
        ? (deps.secrets.get('openaiApiKey') ?? process.env.OPENAI_API_KEY ?? null)
        : null;
      if (wantRerank && !apiKey)
        throw new UserFacingError('ASR_BACKEND_UNAVAILABLE', 'The LLM re-rank needs an OpenAI API key.', {
          hint: 'Save your key in Settings (or set OPENAI_API_KEY), or turn the re-rank off.',
        });
      return {
        libraryDir: library.dir,
        video: { sha256: video.sha256, path: video.path, durationSec: video.durationSec },
        transcriptFile: transcribe.transcriptFile,
        visionFile: vision?.visionFile ?? null,
        cloudVisionFile: vision?.cloud?.used ? (vision.cloud.file ?? null) : null,
        params: segmentParamsOf(ctx.params, { platform: settings.platform, count: settings.clipCount }),
        fresh: ctx.params.fresh === true,
        rerank: apiKey ? { model: settings.llmModel, apiKey } : null,
      };
    },
    call: (input, options) => deps.client.propose.subscribe(input, options),
    record: async (result, ctx, input): Promise<SegmentOutput> => {
      const video = await videoOf(ctx);
      await recordStageResults(library, video, result.notices);
      const { clips, stored } = await storeProposals(library.db, {
        videoId: video.id,
        stableAtMs: Date.parse(video.createdAt),
        platform: input.params.platform,
        style: DEFAULT_CAPTION_STYLE,
        key: result.key,
        proposals: result.proposals,
      });
      return {
        videoId: video.id,
        platform: input.params.platform,
        clipIds: clips.map((c) => c.id),
        stored,
        ...(result.rerank ? { rerank: result.rerank } : {}),
      };
    },
  });
}
