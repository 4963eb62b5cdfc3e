import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TRPCClient } from '@trpc/client';
import { UserFacingError } from '@kirinuki/pipeline';
import { proposeClips } from '@kirinuki/pipeline/segment/propose-clips';
import { withWhisperSpacing } from '@kirinuki/pipeline/segment/whisper-spacing';
import { loudnessPerSecond } from '@kirinuki/pipeline/segment/loudness';
import { createRerankClient, rerankWithLlm, type RerankCache } from '@kirinuki/pipeline/segment/llm-rerank';
import type {
  InputFaces,
  InputShots,
  InputTranscript,
  InputVisualSecond,
} from '@kirinuki/pipeline/segment/clip-inputs';
import { isPlatformName } from '@kirinuki/pipeline/platforms/platform-presets';
import { storeProposals } from '../clips/clip-commands.js';
import type { Library } from '../library/library.js';
import { findVideoById } from '../library/videos-repository.js';
import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { callStageService } from '../services/progress-stream.js';
import { runCachedStage } from './run-cached-stage.js';
import { settingsHash } from './stage-result-store.js';
import type { CloudVisionResult } from './cloud-vision-stage.js';
import type { TranscribeOutput } from './transcribe-stage.js';
import type { VisionOutput } from './vision-stage.js';
import type { SegmentServiceRouter } from './segment-service-router.js';

/** Bumped when scoring changes what it proposes, so stored proposals are redone. */
export const SEGMENT_VERSION = 1;
export const DEFAULT_CAPTION_STYLE = 'highlight';

export interface SegmentParams {
  platform: string;
  count: number;
  minSec?: number | undefined;
  maxSec?: number | undefined;
}

/** What the vision stage leaves for scoring (its result file holds these). */
export interface VisionResult {
  shots?: InputShots | null;
  faces?: InputFaces | null;
  visual?: InputVisualSecond[] | null;
}

export interface SegmentOutput {
  videoId: string;
  platform: string;
  clipIds: string[];
  /** False when the same proposals were already stored (a rerun). */
  stored: boolean;
  /** The LLM re-rank: the model asked, or why it was not used (the heuristic ranking stands). */
  rerank?: { model: string; used: boolean; error?: string };
}

/** What the optional LLM re-rank needs: the model and the user's key. */
export interface RerankRequest {
  model: string;
  apiKey: string;
}

/** Re-rank answers kept in `<library>/cache/llm-rerank/`, so asking again costs nothing. */
export function fileRerankCache(library: Library): RerankCache {
  const dir = path.join(library.dir, 'cache', 'llm-rerank');
  return {
    get: async (key) => {
      try {
        return await readFile(path.join(dir, `${key}.json`), 'utf8');
      } catch {
        return undefined;
      }
    },
    set: async (key, value) => {
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `${key}.${process.pid}.tmp`);
      await writeFile(temp, value);
      await rename(temp, path.join(dir, `${key}.json`));
    },
  };
}

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
 * Proposes clips for a video from its transcript, vision results and loudness, and stores them
 * with one ClipsProposed event per (inputs, settings): a rerun stores nothing new.
 */
export async function segmentVideo(
  library: Library,
  input: {
    videoId: string;
    transcriptFile: string;
    visionFile?: string | null | undefined;
    /** Keyframes described by cloud vision, when it ran (its stage result file). */
    cloudVisionFile?: string | null | undefined;
    params: SegmentParams;
    fresh?: boolean;
    /** Ask a language model for a second opinion (null: heuristic ranking only). */
    rerank?: RerankRequest | null;
  },
  run: {
    signal: AbortSignal;
    logger: Logger;
    ffmpeg: string;
    onProgress(fraction: number, detail: string): void;
  },
): Promise<SegmentOutput> {
  const video = await findVideoById(library.db, input.videoId);
  if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
  const transcript = withWhisperSpacing(
    JSON.parse(readFileSync(input.transcriptFile, 'utf8')) as InputTranscript,
  );
  const vision: VisionResult = input.visionFile
    ? (JSON.parse(readFileSync(input.visionFile, 'utf8')) as VisionResult)
    : {};
  const stableAtMs = Date.parse(video.createdAt);
  run.onProgress(0, 'loudness');
  const { result: loudness } = await runCachedStage({
    library,
    key: { sha256: video.sha256, stage: 'loudness', settings: { version: 1 } },
    videoId: video.id,
    fresh: input.fresh,
    eventType: 'LoudnessMeasured',
    stableAtMs,
    compute: () =>
      loudnessPerSecond({
        bin: run.ffmpeg,
        input: video.path,
        durationSec: video.durationSec,
        signal: run.signal,
        logger: run.logger,
        onProgress: (p) => run.onProgress((p.fraction ?? 0) * 0.6, 'loudness'),
      }),
  });
  const cloudFrames = input.cloudVisionFile
    ? (JSON.parse(readFileSync(input.cloudVisionFile, 'utf8')) as CloudVisionResult)
    : null;
  const proposals = proposeClips({
    transcript,
    cloudFrames,
    shots: vision.shots ?? null,
    faces: vision.faces ?? null,
    visual: vision.visual ?? null,
    loudness,
    ...input.params,
    signal: run.signal,
    onProgress: (p) => run.onProgress(0.6 + p.fraction * 0.4, p.stage),
  });
  let ranked = proposals;
  let rerank: SegmentOutput['rerank'];
  if (input.rerank) {
    run.onProgress(0.95, 'llm re-rank');
    try {
      ranked = await rerankWithLlm(proposals, {
        client: createRerankClient(input.rerank.apiKey),
        model: input.rerank.model,
        cache: fileRerankCache(library),
        signal: run.signal,
      });
      rerank = { model: input.rerank.model, used: true };
    } catch (error) {
      if (run.signal.aborted) throw error;
      // The proposals stand on their own; the re-rank is a second opinion.
      run.logger.warn({ err: error }, 'LLM re-rank failed; keeping the heuristic ranking');
      rerank = { model: input.rerank.model, used: false, error: (error as Error).message };
    }
  }
  const key = settingsHash({
    rerank: rerank?.used ? rerank.model : null,
    params: input.params,
    transcript: path.basename(input.transcriptFile),
    vision: input.visionFile ? path.basename(input.visionFile) : null,
    // Only when cloud vision ran, so proposals made without it keep their key.
    ...(input.cloudVisionFile ? { cloudVision: path.basename(input.cloudVisionFile) } : {}),
    version: SEGMENT_VERSION,
    fresh: input.fresh ? Date.now() : null,
  });
  const { clips, stored } = await storeProposals(library.db, {
    videoId: video.id,
    stableAtMs,
    platform: input.params.platform,
    style: DEFAULT_CAPTION_STYLE,
    key,
    proposals: ranked,
  });
  return {
    videoId: video.id,
    platform: input.params.platform,
    clipIds: clips.map((c) => c.id),
    stored,
    ...(rerank ? { rerank } : {}),
  };
}

/** The segment stage: runs in the segment service process. */
export function createSegmentStage(deps: {
  libraryDir: string;
  client: TRPCClient<SegmentServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  return {
    stage: 'segment',
    run: (ctx) => {
      const transcribe = ctx.inputs.transcribe as TranscribeOutput;
      const vision = ctx.inputs.vision as VisionOutput | undefined;
      return callStageService(
        (input, options) => deps.client.propose.subscribe(input, options),
        {
          libraryDir: deps.libraryDir,
          videoId: transcribe.videoId,
          transcriptFile: transcribe.transcriptFile,
          visionFile: vision?.visionFile ?? null,
          cloudVisionFile: vision?.cloud?.used ? (vision.cloud.file ?? null) : null,
          params: ctx.params,
          fresh: ctx.params.fresh === true,
          // For the optional LLM re-rank; the service keeps no secrets of its own.
          openaiApiKey: deps.secrets.get('openaiApiKey'),
        },
        ctx,
      );
    },
  };
}
