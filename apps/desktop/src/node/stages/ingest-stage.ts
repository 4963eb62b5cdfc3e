import { UserFacingError } from '@kirinuki/pipeline';
import type { TRPCClient } from '@trpc/client';
import type { IngestServiceRouter } from './ingest-service-router.js';
import type { Library } from '../library/library.js';
import { importMedia } from '../library/import-media.js';
import { readSettings } from '../library/settings-repository.js';
import { findVideoById } from '../library/videos-repository.js';
import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { callStageService } from '../services/progress-stream.js';

/** What the ingest stage hands to the stages after it. */
export interface IngestOutput {
  /** The library video (an existing one when the same content was imported before). */
  videoId: string;
  sha256: string;
  path: string;
  durationSec: number;
  alreadyImported: boolean;
  warnings: string[];
  /** Set when the content is a video already in the library under another id (see supersededBy). */
  supersededBy?: string;
}

export interface IngestParams {
  source: string;
  videoId: string;
  mode?: 'copy' | 'link' | undefined;
  allowPrivateNetwork?: boolean | undefined;
  ffmpeg: string;
  ffprobe: string;
}

/**
 * Checks the file or URL and brings it into the library under the reserved id. Idempotent: a rerun
 * after a crash finds the content already imported and returns it.
 */
export async function importIntoLibrary(
  library: Library,
  params: IngestParams,
  run: { signal: AbortSignal; logger: Logger; onProgress: (fraction: number, detail: string) => void },
): Promise<IngestOutput> {
  const settings = await readSettings(library.db);
  const result = await importMedia(library, params.source, {
    mode: params.mode ?? settings.importMode,
    ffmpeg: params.ffmpeg,
    ffprobe: params.ffprobe,
    maxBytes: settings.maxImportBytes,
    allowPrivateNetwork: params.allowPrivateNetwork === true || settings.allowPrivateNetwork,
    videoId: params.videoId,
    signal: run.signal,
    logger: run.logger,
    onProgress: (p) => run.onProgress(p.fraction ?? 0, p.stage),
  });
  for (const warning of result.warnings) run.logger.warn({ videoId: result.video.id }, warning);
  return {
    videoId: result.video.id,
    sha256: result.video.sha256,
    path: result.video.path,
    durationSec: result.video.durationSec,
    alreadyImported: result.alreadyImported && result.video.id !== params.videoId,
    warnings: result.warnings,
    ...(result.video.id !== params.videoId ? { supersededBy: result.video.id } : {}),
  };
}

/** The ingest output of a video already in the library (a job queued for an existing video). */
export async function describeLibraryVideo(library: Library, videoId: string): Promise<IngestOutput> {
  const video = await findVideoById(library.db, videoId);
  if (!video) {
    throw new UserFacingError(
      'NOT_FOUND',
      `No video with id ${videoId} in the library, and the job has no source to import.`,
    );
  }
  return {
    videoId: video.id,
    sha256: video.sha256,
    path: video.path,
    durationSec: video.durationSec,
    alreadyImported: true,
    warnings: [],
  };
}

const sourceOf = (params: Record<string, unknown>): string =>
  typeof params.source === 'string' ? params.source : '';

/** The ingest stage, run in the ingest service process (the supervisor starts it when needed). */
export function createIngestStage(deps: {
  libraryDir: string;
  client: TRPCClient<IngestServiceRouter>;
}): StageHandler {
  return {
    stage: 'ingest',
    run: (ctx) => {
      const mode: 'copy' | 'link' | undefined =
        ctx.params.mode === 'copy' || ctx.params.mode === 'link' ? ctx.params.mode : undefined;
      return callStageService(
        (input, options) => deps.client.import.subscribe(input, options),
        {
          libraryDir: deps.libraryDir,
          videoId: ctx.videoId,
          source: sourceOf(ctx.params),
          ...(mode ? { mode } : {}),
          allowPrivateNetwork: ctx.params.allowPrivateNetwork === true,
        },
        ctx,
      );
    },
  };
}
