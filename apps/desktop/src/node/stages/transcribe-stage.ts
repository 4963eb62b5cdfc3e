import type { TRPCClient } from '@trpc/client';
import { transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import type { TranscribeProgress, Transcript } from '@kirinuki/pipeline/asr/transcript';
import type { Library } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { callStageService } from '../services/progress-stream.js';
import { runCachedStage } from './run-cached-stage.js';
import type { IngestOutput } from './ingest-stage.js';
import type { TranscribeServiceRouter } from './transcribe-service-router.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** Bumped when the transcription code changes what it produces, so stored results are redone. */
export const TRANSCRIBE_VERSION = 2; // 2: greedy decoding

export interface TranscribeSettings {
  backend: 'local' | 'openai';
  model: string;
  language: string;
}

export interface TranscribeTarget {
  /** The library video, or null for a file outside the library (cached, no event). */
  videoId: string | null;
  sha256: string;
  path: string;
  /** A moment that stays the same on a rerun (the video's import), for the event id. */
  stableAtMs: number;
}

export interface TranscribeRun {
  signal: AbortSignal;
  logger: Logger;
  fresh?: boolean | undefined;
  threads?: number | undefined;
  forceCpu?: boolean | undefined;
  openaiApiKey?: string | null | undefined;
  onProgress(progress: TranscribeProgress): void;
  onEngine?: ((info: { provider: string; reason: string }) => void) | undefined;
}

/** The transcription settings of a library: what the stored result is keyed by. */
export async function transcribeSettingsOf(
  library: Library,
  overrides: Partial<TranscribeSettings> = {},
): Promise<TranscribeSettings> {
  const settings = await readSettings(library.db);
  const backend = overrides.backend ?? settings.asrBackend;
  return {
    backend,
    model: overrides.model ?? (backend === 'openai' ? 'whisper-1' : settings.asrModel),
    language: overrides.language ?? settings.asrLanguage,
  };
}

/**
 * Transcribes once per (content, settings): a stored transcript is reused, a new one is stored
 * beside the video and announced with one TranscriptReady event.
 */
export async function transcribeForLibrary(
  library: Library,
  target: TranscribeTarget,
  settings: TranscribeSettings,
  run: TranscribeRun,
) {
  return runCachedStage<Transcript>({
    library,
    key: {
      sha256: target.sha256,
      stage: 'transcribe',
      settings: { ...settings, version: TRANSCRIBE_VERSION },
    },
    videoId: target.videoId,
    fresh: run.fresh,
    eventType: 'TranscriptReady',
    stableAtMs: target.stableAtMs,
    eventPayload: (t) => ({
      model: t.model,
      backend: t.backend,
      segments: t.segments.length,
      words: t.segments.reduce((n, s) => n + s.words.length, 0),
    }),
    compute: () =>
      transcribeFile(target.path, {
        signal: run.signal,
        logger: run.logger,
        language: settings.language,
        backend: settings.backend,
        ...(settings.backend === 'local' ? { model: settings.model } : {}),
        threads: run.threads || undefined,
        forceCpu: run.forceCpu,
        ...(settings.backend === 'openai'
          ? {
              openai: {
                model: settings.model as never,
                ...(run.openaiApiKey ? { apiKey: run.openaiApiKey } : {}),
              },
            }
          : {}),
        onEngine: run.onEngine,
        onProgress: run.onProgress,
      }),
  });
}

export interface TranscribeOutput {
  /** The library video (the ingest stage's: an earlier import of the same content keeps its id). */
  videoId: string;
  /** Where the transcript JSON is (bulk data stays out of the job queue and IPC). */
  transcriptFile: string;
  settings: TranscribeSettings;
  segments: number;
  words: number;
  cached: boolean;
}

/** The transcribe stage: runs in the transcribe service process. */
export function createTranscribeStage(deps: {
  libraryDir: string;
  client: TRPCClient<TranscribeServiceRouter>;
  secrets: SecretStore;
}): StageHandler {
  return {
    stage: 'transcribe',
    run: (ctx) => {
      const ingest = ctx.inputs.ingest as IngestOutput;
      return callStageService(
        (input, options) => deps.client.transcribe.subscribe(input, options),
        {
          libraryDir: deps.libraryDir,
          videoId: ingest.videoId,
          fresh: ctx.params.fresh === true,
          openaiApiKey: deps.secrets.get('openaiApiKey'),
        },
        ctx,
      );
    },
  };
}
