import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { defaultModelsDir, resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { createModelDownloads } from '../models/model-downloads.js';
import { ulid } from 'ulid';
import type { Logger } from '../logging/create-logger.js';
import { UserFacingError } from '@kirinuki/pipeline';
import { openLibrary } from '../library/library.js';
import { findVideoById } from '../library/videos-repository.js';
import { jobErrorToUserFacing, openJobQueue } from '../jobs/job-queue.js';
import { startJobWorker, waitForJob } from '../jobs/job-worker.js';
import type { OrchestratorEvent } from '../orchestrator/orchestrator.js';
import { IMPORT_STAGES } from '../orchestrator/pipeline-stages.js';
import type { RenderServiceRouter } from '../stages/render-service-router.js';
import { renderClipNow } from '../stages/render-stage.js';
import type { IngestOutput } from '../stages/ingest-stage.js';
import { createStageHost, type StageServiceName } from '../jobs/stage-host.js';
import type { ServiceLauncher } from '../services/service-port.js';
import { librarySecretStore, type SecretStore } from '../secrets/secret-store.js';
import type { DesktopShell } from '../../common/desktop-shell.js';
import type { AppServices } from './api-context.js';
import { createProgressHub, type ProgressEvent } from './progress-hub.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** Opens the library and everything the API needs, for one long-running host. */
export async function createAppServices(
  libraryDir: string,
  logger: Logger,
  /** How stage services start: child_process (CLI, serve) by default, utilityProcess in the app. */
  launcher?: ServiceLauncher,
  entries?: Partial<Record<StageServiceName, string>>,
  /** Where secrets are kept: the app passes a safeStorage store; the CLI an encrypted file. */
  secrets?: SecretStore,
  /** The host machine's dialogs: Electron's in the app, the OS file manager under `serve`. */
  desktop?: DesktopShell,
): Promise<AppServices & { close(): Promise<void> }> {
  const library = await openLibrary(libraryDir);
  const bins = resolveFfmpegBinaries();
  const progress = createProgressHub();
  const secretStore = secrets ?? librarySecretStore(libraryDir);
  const stageHost = createStageHost({
    library,
    logger,
    secrets: secretStore,
    ...(launcher ? { launcher } : {}),
    ...(entries ? { entries } : {}),
  });
  const queue = await openJobQueue({ library, logger, handlers: stageHost.handlers });
  const { orchestrator } = queue;
  orchestrator.onEvent((event) => progress.publish(toProgressEvent(event)));
  const worker = startJobWorker(orchestrator, logger);
  return {
    library,
    ffmpeg: bins.ffmpeg.path,
    ffprobe: bins.ffprobe.path,
    logger,
    progress,
    jobs: orchestrator,
    kickJobs: () => worker.kick(),
    secrets: secretStore,
    version,
    desktop,
    models: createModelDownloads({ modelsDir: defaultModelsDir(), progress }),
    renderClip: (input, options) =>
      renderClipNow(
        stageHost.supervisor.client<RenderServiceRouter>('render'),
        { ...input, libraryDir: library.dir, outDir: input.outDir ?? path.join(library.dir, 'exports') },
        options,
      ),
    async importInput(input, options) {
      // The whole import pipeline is queued at once (durable: a crash after the ingest loses
      // nothing), so the video gets its transcript, shots and proposals with no further step.
      // This call waits for the ingest only; the rest reports progress as it runs. A re-import
      // of known content reuses every stored result, and its proposals are not replaced.
      const job = (
        await orchestrator.enqueue(
          ulid(),
          queue.stages.filter((s) => IMPORT_STAGES.includes(s)),
          {
            params: {
              source: input,
              ...(options.mode ? { mode: options.mode } : {}),
              allowPrivateNetwork: options.allowPrivateNetwork === true,
            },
          },
        )
      ).find((j) => j.stage === 'ingest');
      worker.kick();
      try {
        const done = await waitForJob(orchestrator, job!.id, options.signal);
        if (done.status === 'failed' && done.error) throw jobErrorToUserFacing(done.error);
        if (done.status === 'cancelled')
          throw new UserFacingError('CANCELLED', `The import of ${input} was cancelled.`);
        const output = (await orchestrator.get(job!.id))?.output as IngestOutput;
        const video = await findVideoById(library.db, output.videoId);
        if (!video)
          throw new UserFacingError(
            'NOT_FOUND',
            `The imported video ${output.videoId} is no longer in the library.`,
          );
        return { video, alreadyImported: output.alreadyImported, warnings: output.warnings };
      } finally {
        // A browser upload waits in the library's temp folder only until it is imported.
        const resolved = path.resolve(input);
        if (resolved.startsWith(library.tmpDir + path.sep))
          rmSync(path.dirname(resolved), { recursive: true, force: true });
      }
    },
    async close() {
      await worker.stop();
      await stageHost.shutdown();
      await queue.close();
      await library.close();
    },
  };
}

/** The queue's events as the UI's progress events. */
function toProgressEvent(event: OrchestratorEvent): ProgressEvent {
  if (event.type === 'progress') {
    return {
      jobId: event.jobId,
      videoId: event.videoId,
      stage: event.stage,
      status: 'running',
      fraction: event.fraction,
      etaSec: event.etaMs === null ? null : event.etaMs / 1000,
      ...(event.detail ? { message: event.detail } : {}),
    };
  }
  if (event.type === 'discarded') {
    return {
      jobId: event.jobId,
      videoId: event.videoId,
      stage: event.stage,
      status: 'discarded',
      fraction: null,
      etaSec: null,
    };
  }
  const { job } = event;
  return {
    jobId: job.id,
    videoId: job.videoId,
    stage: job.stage,
    status: job.status,
    fraction: job.progress,
    etaSec: null,
    ...(job.error ? { message: job.error.message, code: job.error.code, hint: job.error.hint } : {}),
  };
}
