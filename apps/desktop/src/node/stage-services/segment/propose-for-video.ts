import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EVENT,
  type ClipProposal,
  type SegmentOutput,
  type SegmentParams,
  type VisionResult,
} from '@kirinuki/contracts';
import { createRerankClient, rerankWithLlm } from '@kirinuki/pipeline/segment/llm-rerank';
import { loudnessPerSecond } from '@kirinuki/pipeline/segment/loudness';
import { proposeClips } from '@kirinuki/pipeline/segment/propose-clips';
import type { InputTranscript } from '@kirinuki/pipeline/segment/clip-inputs';
import { withWhisperSpacing } from '@kirinuki/pipeline/segment/whisper-spacing';
import type { StageResultStore } from '../../../common/stage-result-store.js';
import type { Logger } from '../../logging/create-logger.js';
import { settingsHash } from '../../stage-results/local-stage-result-store.js';
import { cachedStageResult, type StageResultNotice } from '../cached-stage-result.js';
import { folderTextCache, libraryCacheDir } from '../../library/folder-text-cache.js';
import type { CloudVisionResult } from '../vision/describe-keyframes.js';

/** Bumped when scoring changes what it proposes, so stored proposals are redone. */
export const SEGMENT_VERSION = 1;

/** What the optional LLM re-rank needs: the model and the user's key. */
export interface RerankRequest {
  model: string;
  apiKey: string;
}

export interface ProposalsForVideo {
  proposals: ClipProposal[];
  /** Names this set of proposals (inputs + settings): storing the set in force again is a no-op. */
  key: string;
  rerank?: SegmentOutput['rerank'];
  notices: StageResultNotice[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Proposes clips for a video from its transcript, vision results and loudness (measured once per
 * content and stored beside it). The host stores the proposals; this only makes them.
 */
export async function proposeForVideo(
  libraryDir: string,
  store: StageResultStore,
  input: {
    video: { sha256: string; path: string; durationSec: number };
    transcriptFile: string;
    visionFile?: string | null | undefined;
    /** Keyframes described by cloud vision, when it ran (its stage result file). */
    cloudVisionFile?: string | null | undefined;
    params: SegmentParams;
    fresh?: boolean | undefined;
    /** Ask a language model for a second opinion (null: heuristic ranking only). */
    rerank?: RerankRequest | null | undefined;
  },
  run: {
    signal: AbortSignal;
    logger: Logger;
    ffmpeg: string;
    onProgress(fraction: number, detail: string): void;
  },
): Promise<ProposalsForVideo> {
  const { video } = input;
  const transcript = withWhisperSpacing(readJson<InputTranscript>(input.transcriptFile));
  const vision: VisionResult = input.visionFile ? readJson<VisionResult>(input.visionFile) : {};
  run.onProgress(0, 'loudness');
  const loudness = await cachedStageResult(store, {
    key: { sha256: video.sha256, stage: 'loudness', settings: { version: 1 } },
    scope: 'video',
    fresh: input.fresh,
    eventType: EVENT.LoudnessMeasured,
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
  const proposals = proposeClips({
    transcript,
    cloudFrames: input.cloudVisionFile ? readJson<CloudVisionResult>(input.cloudVisionFile) : null,
    shots: vision.shots ?? null,
    faces: vision.faces ?? null,
    visual: vision.visual ?? null,
    loudness: loudness.result,
    ...input.params,
    signal: run.signal,
    onProgress: (p) => run.onProgress(0.6 + p.fraction * 0.4, p.stage),
  });
  let ranked: ClipProposal[] = proposals;
  let rerank: SegmentOutput['rerank'];
  if (input.rerank) {
    run.onProgress(0.95, 'llm re-rank');
    try {
      ranked = await rerankWithLlm(proposals, {
        client: createRerankClient(input.rerank.apiKey),
        model: input.rerank.model,
        cache: folderTextCache(libraryCacheDir(libraryDir, 'llm-rerank')),
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
  return { proposals: ranked, key, ...(rerank ? { rerank } : {}), notices: [loudness.notice] };
}
