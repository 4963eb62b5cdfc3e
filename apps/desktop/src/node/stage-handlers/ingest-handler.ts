import { UserFacingError, type IngestOutput } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import type { Library } from '../library/library.js';
import { knownContent, recordImport } from '../library/record-import.js';
import { readSettings } from '../library/settings-repository.js';
import { findVideoById } from '../library/videos-repository.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { IngestInput, IngestServiceRouter } from '../stage-services/ingest/ingest-router.js';
import type { ImportedMedia } from '../stage-services/ingest/import-media.js';
import { serviceStageHandler } from './service-stage-handler.js';

/** The ingest output of a video already in the library (a job queued for an existing video). */
async function describeLibraryVideo(library: Library, videoId: string): Promise<IngestOutput> {
  const video = await findVideoById(library.db, videoId);
  if (!video)
    throw new UserFacingError(
      'NOT_FOUND',
      `No video with id ${videoId} in the library, and the job has no source to import.`,
    );
  return {
    videoId: video.id,
    sha256: video.sha256,
    path: video.path,
    durationSec: video.durationSec,
    alreadyImported: true,
    warnings: [],
  };
}

const sourceOf = (params: Record<string, unknown>) =>
  typeof params.source === 'string' ? params.source : '';

/**
 * The ingest stage: the service checks the file or URL and places it in the library's folder
 * under the reserved id; the host records the video. Idempotent: a rerun after a crash finds the
 * content already recorded and returns it.
 */
export function ingestHandler(deps: {
  library: Library;
  client: TRPCClient<IngestServiceRouter>;
}): StageHandler {
  const { library } = deps;
  return serviceStageHandler<IngestInput, ImportedMedia>({
    stage: 'ingest',
    shortcut: async (ctx) => (sourceOf(ctx.params) ? undefined : describeLibraryVideo(library, ctx.videoId)),
    input: async (ctx): Promise<IngestInput> => {
      const settings = await readSettings(library.db);
      const mode =
        ctx.params.mode === 'copy' || ctx.params.mode === 'link' ? ctx.params.mode : settings.importMode;
      return {
        libraryDir: library.dir,
        videoId: ctx.videoId,
        source: sourceOf(ctx.params),
        mode,
        allowPrivateNetwork: ctx.params.allowPrivateNetwork === true || settings.allowPrivateNetwork,
        maxBytes: settings.maxImportBytes,
        knownSha256: await knownContent(library),
      };
    },
    call: (input, options) => deps.client.import.subscribe(input, options),
    record: async (imported, ctx): Promise<IngestOutput> => {
      const { video, alreadyImported, warnings } = await recordImport(library, imported);
      for (const warning of warnings) ctx.logger.warn({ videoId: video.id }, warning);
      return {
        videoId: video.id,
        sha256: video.sha256,
        path: video.path,
        durationSec: video.durationSec,
        alreadyImported: alreadyImported && video.id !== ctx.videoId,
        warnings,
        ...(video.id !== ctx.videoId ? { supersededBy: video.id } : {}),
      };
    },
  });
}
