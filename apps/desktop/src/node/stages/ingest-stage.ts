import { UserFacingError } from '@kirinuki/pipeline';
import type { Library } from '../library/library.js';
import { importMedia } from '../library/import-media.js';
import { readSettings } from '../library/settings-repository.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';

/** What the ingest stage hands to the stages after it. */
export interface IngestOutput {
  /** The library video (an existing one when the same content was imported before). */
  videoId: string;
  sha256: string;
  path: string;
  durationSec: number;
  alreadyImported: boolean;
  warnings: string[];
}

/**
 * The first stage: checks the file or URL in `params.source` and brings it into the library under the
 * id the job reserved. Idempotent: a rerun after a crash finds the content already imported.
 */
export function createIngestStage(deps: { library: Library; ffmpeg: string; ffprobe: string }): StageHandler {
  return {
    stage: 'ingest',
    async run(ctx): Promise<IngestOutput> {
      const source = ctx.params.source;
      if (typeof source !== 'string' || !source)
        throw new UserFacingError('INVALID_ARGUMENT', 'The import job has no source.');
      const settings = await readSettings(deps.library.db);
      const result = await importMedia(deps.library, source, {
        mode: ctx.params.mode === 'link' ? 'link' : ctx.params.mode === 'copy' ? 'copy' : settings.importMode,
        ffmpeg: deps.ffmpeg,
        ffprobe: deps.ffprobe,
        maxBytes: settings.maxImportBytes,
        allowPrivateNetwork: ctx.params.allowPrivateNetwork === true || settings.allowPrivateNetwork,
        videoId: ctx.videoId,
        signal: ctx.signal,
        logger: ctx.logger,
        onProgress: (p) => ctx.reportProgress(p.fraction ?? 0, p.stage),
      });
      for (const warning of result.warnings) ctx.logger.warn({ videoId: result.video.id }, warning);
      return {
        videoId: result.video.id,
        sha256: result.video.sha256,
        path: result.video.path,
        durationSec: result.video.durationSec,
        alreadyImported: result.alreadyImported && result.video.id !== ctx.videoId,
        warnings: result.warnings,
      };
    },
  };
}
