import { fileURLToPath } from 'node:url';
import type { TRPCClient } from '@trpc/client';
import { findClip } from '../clips/clips-repository.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../logging/create-logger.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { SecretStore } from '../../common/secret-store.js';
import { launchNodeService } from '../service-process/node-service-launcher.js';
import type { ServiceLauncher } from '../service-process/service-port.js';
import type { CrashPolicy } from '../service-process/crash-policy.js';
import { createServiceSupervisor, type ServiceSupervisor } from '../service-process/service-supervisor.js';
// Types only: the host never loads a service's code (or the models and ffmpeg work behind it).
import type { IngestServiceRouter } from '../stage-services/ingest/ingest-router.js';
import type { PublishServiceRouter } from '../stage-services/publish/publish-router.js';
import type { RenderServiceRouter } from '../stage-services/render/render-router.js';
import type { SegmentServiceRouter } from '../stage-services/segment/segment-router.js';
import type { TranscribeServiceRouter } from '../stage-services/transcribe/transcribe-router.js';
import type { VisionServiceRouter } from '../stage-services/vision/vision-router.js';
import { ingestHandler } from './ingest-handler.js';
import type { Social } from '../social/open-social.js';
import { postRenderHandler } from './post-render-handler.js';
import { publishHandler } from './publish-handler.js';
import { renderHandler } from './render-handler.js';
import { segmentHandler } from './segment-handler.js';
import { transcribeHandler } from './transcribe-handler.js';
import { visionHandler } from './vision-handler.js';

/** The stage services, each an entry file under src/electron-utility/<name>/. */
export const STAGE_SERVICES = ['ingest', 'transcribe', 'vision', 'segment', 'render', 'publish'] as const;
export type StageServiceName = (typeof STAGE_SERVICES)[number];

/** The entry file of a service beside the source (TypeScript from source, JavaScript when built). */
export function serviceEntry(name: StageServiceName): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(
    new URL(`../../electron-utility/${name}/${name}-service.entry.${ext}`, import.meta.url),
  );
}

/** A typed client per stage service, for the use cases that call one outside the queue. */
export interface StageClients {
  ingest: TRPCClient<IngestServiceRouter>;
  transcribe: TRPCClient<TranscribeServiceRouter>;
  vision: TRPCClient<VisionServiceRouter>;
  segment: TRPCClient<SegmentServiceRouter>;
  render: TRPCClient<RenderServiceRouter>;
  publish: TRPCClient<PublishServiceRouter>;
}

export interface StageHost {
  handlers: StageHandler[];
  clients: StageClients;
  supervisor: ServiceSupervisor;
  /** Starts the service a stage's jobs call, if it is not running (work about to come due). */
  warm(stage: string): void;
  shutdown(): Promise<void>;
}

/** The service each stage's handler calls. */
const SERVICE_OF_STAGE: Readonly<Record<string, StageServiceName>> = {
  ingest: 'ingest',
  transcribe: 'transcribe',
  vision: 'vision',
  segment: 'segment',
  render: 'render',
  'post-render': 'render',
  publish: 'publish',
};

/**
 * The stage services (each in its own process, started on first use) and the host's handlers
 * that call them and record what they return. The CLI and `serve` launch services with
 * child_process; the app passes Electron's launcher and the entries it bundled.
 */
export function createStageHost(options: {
  library: Library;
  logger: Logger;
  launcher?: ServiceLauncher;
  entries?: Partial<Record<StageServiceName, string>>;
  /**
   * Where the host keeps secrets (safeStorage in the app, the encrypted file in the CLI). A stage
   * that needs one (the OpenAI key) gets it from here with its call; services keep none.
   */
  secrets: SecretStore;
  /** Accounts and posts (the publish stages record there). */
  social: Social;
  /** When a crashing service stops being restarted (tests and benchmarks that kill services on purpose). */
  crashPolicy?: Partial<CrashPolicy>;
}): StageHost {
  const supervisor = createServiceSupervisor({
    services: STAGE_SERVICES.map((name) => ({ name, entry: options.entries?.[name] ?? serviceEntry(name) })),
    launcher: options.launcher ?? launchNodeService,
    logger: options.logger,
    ...(options.crashPolicy ? { crashPolicy: options.crashPolicy } : {}),
  });
  const clients: StageClients = {
    ingest: supervisor.client<IngestServiceRouter>('ingest'),
    transcribe: supervisor.client<TranscribeServiceRouter>('transcribe'),
    vision: supervisor.client<VisionServiceRouter>('vision'),
    segment: supervisor.client<SegmentServiceRouter>('segment'),
    render: supervisor.client<RenderServiceRouter>('render'),
    publish: supervisor.client<PublishServiceRouter>('publish'),
  };
  const { library, secrets, social } = options;
  const handlers: StageHandler[] = [
    ingestHandler({ library, client: clients.ingest }),
    transcribeHandler({ library, client: clients.transcribe, secrets }),
    visionHandler({ library, client: clients.vision, secrets }),
    segmentHandler({ library, client: clients.segment, secrets }),
    renderHandler({ library, client: clients.render }),
    postRenderHandler({ library, social, client: clients.render }),
    publishHandler({
      social,
      client: clients.publish,
      clipExists: async (id) => Boolean(await findClip(library.db, id)),
    }),
  ];
  return {
    handlers,
    clients,
    supervisor,
    warm: (stage) => {
      const service = SERVICE_OF_STAGE[stage];
      if (service) void supervisor.connect(service).catch(() => undefined);
    },
    shutdown: async () => {
      await supervisor.shutdown();
    },
  };
}
