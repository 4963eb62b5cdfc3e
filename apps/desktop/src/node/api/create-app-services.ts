import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { ulid } from 'ulid';
import type { Logger } from '../logging/create-logger.js';
import { importMedia } from '../library/import-media.js';
import { openLibrary } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import { createFileSecretStore } from '../secrets/secret-store.js';
import type { AppServices } from './api-context.js';
import { createProgressHub } from './progress-hub.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** Opens the library and everything the API needs, for one long-running host. */
export async function createAppServices(
  libraryDir: string,
  logger: Logger,
): Promise<AppServices & { close(): Promise<void> }> {
  const library = await openLibrary(libraryDir);
  const bins = resolveFfmpegBinaries();
  const progress = createProgressHub();
  const services: AppServices & { close(): Promise<void> } = {
    library,
    ffmpeg: bins.ffmpeg.path,
    ffprobe: bins.ffprobe.path,
    logger,
    progress,
    secrets: createFileSecretStore(path.join(libraryDir, 'secrets')),
    version,
    async importInput(input, options) {
      const settings = await readSettings(library.db);
      const jobId = `import-${ulid()}`;
      const publish = (
        status: 'running' | 'done' | 'failed' | 'cancelled',
        stage: string,
        fraction: number | null,
        etaSec: number | null,
        message?: string,
      ) =>
        progress.publish({
          jobId,
          videoId: null,
          stage,
          status,
          fraction,
          etaSec,
          ...(message ? { message } : {}),
        });
      publish('running', 'checking', null, null);
      try {
        const result = await importMedia(library, input, {
          mode: options.mode ?? settings.importMode,
          ffmpeg: bins.ffmpeg.path,
          ffprobe: bins.ffprobe.path,
          maxBytes: settings.maxImportBytes,
          allowPrivateNetwork: options.allowPrivateNetwork ?? settings.allowPrivateNetwork,
          signal: options.signal,
          logger: logger.child({ correlationId: jobId }),
          onProgress: (p) => publish('running', p.stage, p.fraction, p.etaSec),
        });
        progress.publish({
          jobId,
          videoId: result.video.id,
          stage: 'import',
          status: 'done',
          fraction: 1,
          etaSec: 0,
        });
        return result;
      } catch (error) {
        const cancelled = (error as Error).name === 'AbortError';
        publish(cancelled ? 'cancelled' : 'failed', 'import', null, null, (error as Error).message);
        throw error;
      } finally {
        // A browser upload waits in the library's temp folder only until it is imported.
        const resolved = path.resolve(input);
        if (resolved.startsWith(library.tmpDir + path.sep))
          rmSync(path.dirname(resolved), { recursive: true, force: true });
      }
    },
    close: () => library.close(),
  };
  return services;
}
