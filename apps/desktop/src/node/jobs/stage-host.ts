import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { launchNodeService } from '../services/node-service-launcher.js';
import type { ServiceLauncher } from '../services/service-port.js';
import { createServiceSupervisor, type ServiceSupervisor } from '../services/service-supervisor.js';
import type { IngestServiceRouter } from '../stages/ingest-service-router.js';
import { createIngestStage, INGEST_SERVICE_ENTRY } from '../stages/ingest-stage.js';

export interface StageHost {
  handlers: StageHandler[];
  supervisor: ServiceSupervisor;
  shutdown(): Promise<void>;
}

/**
 * The stage services (each in its own process, started on first use) and the handlers that call
 * them. The CLI and `serve` launch services with child_process; the app passes Electron's launcher.
 */
export function createStageHost(options: {
  libraryDir: string;
  logger: Logger;
  launcher?: ServiceLauncher;
  /** Entry files when they are not beside the source (the app's bundle). */
  entries?: { ingest?: string };
}): StageHost {
  const supervisor = createServiceSupervisor({
    services: [{ name: 'ingest', entry: options.entries?.ingest ?? INGEST_SERVICE_ENTRY }],
    launcher: options.launcher ?? launchNodeService,
    logger: options.logger,
  });
  const handlers: StageHandler[] = [
    createIngestStage({
      libraryDir: options.libraryDir,
      client: supervisor.client<IngestServiceRouter>('ingest'),
    }),
  ];
  return {
    handlers,
    supervisor,
    shutdown: async () => {
      await supervisor.shutdown();
    },
  };
}
