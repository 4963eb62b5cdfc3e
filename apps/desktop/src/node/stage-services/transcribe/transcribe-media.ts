import { EVENT, type Transcript, type TranscribeSettings } from '@kirinuki/contracts';
import { transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import type { TranscribeProgress } from '@kirinuki/pipeline/asr/transcript';
import type { StageResultStore } from '../../../common/stage-result-store.js';
import type { Logger } from '../../logging/create-logger.js';
import { cachedStageResult, type CachedStageResult } from '../cached-stage-result.js';

/** Bumped when the transcription code changes what it produces, so stored results are redone. */
export const TRANSCRIBE_VERSION = 2; // 2: greedy decoding

export interface TranscribeTarget {
  sha256: string;
  path: string;
  /** A library video's transcript is kept beside it; a file's in the cache. */
  scope: 'video' | 'file';
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

/** Transcribes once per (content, settings): a stored transcript is reused, a new one stored. */
export function transcribeMedia(
  store: StageResultStore,
  target: TranscribeTarget,
  settings: TranscribeSettings,
  run: TranscribeRun,
): Promise<CachedStageResult<Transcript>> {
  return cachedStageResult<Transcript>(store, {
    key: {
      sha256: target.sha256,
      stage: 'transcribe',
      settings: { ...settings, version: TRANSCRIBE_VERSION },
    },
    scope: target.scope,
    fresh: run.fresh,
    eventType: EVENT.TranscriptReady,
    details: (t) => ({
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
