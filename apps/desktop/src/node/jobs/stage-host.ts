import { fileURLToPath } from 'node:url';
import type { Logger } from '../logging/create-logger.js';
import type { Library } from '../library/library.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { RenderServiceRouter } from '../stages/render-service-router.js';
import { createRenderStage } from '../stages/render-stage.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { launchNodeService } from '../services/node-service-launcher.js';
import type { ServiceLauncher } from '../services/service-port.js';
import { createServiceSupervisor, type ServiceSupervisor } from '../services/service-supervisor.js';
import type { IngestServiceRouter } from '../stages/ingest-service-router.js';
import { createIngestStage } from '../stages/ingest-stage.js';
import type { SegmentServiceRouter } from '../stages/segment-service-router.js';
import { createSegmentStage } from '../stages/segment-stage.js';
import type { TranscribeServiceRouter } from '../stages/transcribe-service-router.js';
import { createTranscribeStage } from '../stages/transcribe-stage.js';
import type { VisionServiceRouter } from '../stages/vision-service-router.js';
import { createVisionStage } from '../stages/vision-stage.js';

/** The stage services, each an entry file under src/electron-utility/<name>/. */
export const STAGE_SERVICES = ['ingest', 'transcribe', 'vision', 'segment', 'render'] as const;
export type StageServiceName = (typeof STAGE_SERVICES)[number];

/** The entry file of a service beside the source (TypeScript from source, JavaScript when built). */
export function serviceEntry(name: StageServiceName): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(
    new URL(`../../electron-utility/${name}/${name}-service.entry.${ext}`, import.meta.url),
  );
}

export interface StageHost {
  handlers: StageHandler[];
  supervisor: ServiceSupervisor;
  shutdown(): Promise<void>;
}

/**
 * The stage services (each in its own process, started on first use) and the handlers that call
 * them. The CLI and `serve` launch services with child_process; the app passes Electron's launcher
 * and the entries it bundled.
 */
export function createStageHost(options: {
  /** The open library of this host (the render stage reads the approved clips from it). */
  library: Library;
  logger: Logger;
  launcher?: ServiceLauncher;
  entries?: Partial<Record<StageServiceName, string>>;
  /**
   * Where the host keeps secrets (safeStorage in the app, the encrypted file in the CLI). A stage
   * that needs one (the OpenAI key for cloud transcription) gets it from here with its call;
   * services never open a secret store of their own.
   */
  secrets: SecretStore;
}): StageHost {
  const supervisor = createServiceSupervisor({
    services: STAGE_SERVICES.map((name) => ({ name, entry: options.entries?.[name] ?? serviceEntry(name) })),
    launcher: options.launcher ?? launchNodeService,
    logger: options.logger,
  });
  const libraryDir = options.library.dir;
  const handlers: StageHandler[] = [
    createIngestStage({ libraryDir, client: supervisor.client<IngestServiceRouter>('ingest') }),
    createTranscribeStage({
      libraryDir,
      client: supervisor.client<TranscribeServiceRouter>('transcribe'),
      secrets: options.secrets,
    }),
    createVisionStage({
      libraryDir,
      client: supervisor.client<VisionServiceRouter>('vision'),
      secrets: options.secrets,
    }),
    createSegmentStage({
      libraryDir,
      client: supervisor.client<SegmentServiceRouter>('segment'),
      secrets: options.secrets,
    }),
    createRenderStage({ library: options.library, client: supervisor.client<RenderServiceRouter>('render') }),
  ];
  return {
    handlers,
    supervisor,
    shutdown: async () => {
      await supervisor.shutdown();
    },
  };
}
