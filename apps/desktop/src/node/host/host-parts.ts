import type { StageResultStore } from '../../common/stage-result-store.js';
import type { ProgressHub } from '../api/progress-hub.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../logging/create-logger.js';
import type { ModelDownloads } from '../models/model-downloads.js';
import type { PipelineQueue } from '../orchestrator/open-pipeline-queue.js';
import type { SecretStore } from '../../common/secret-store.js';
import type { Social } from '../social/open-social.js';
import type { StageHost } from '../stage-handlers/stage-host.js';
import type { JobRunner } from './job-runner.js';

/**
 * The infrastructure of one running host (the app's main process, `kirinuki serve`, one CLI
 * command), built in one place (open-host.ts) and handed to the use cases. Routers and CLI
 * commands never reach into it: they call use cases.
 */
export interface HostParts {
  library: Library;
  ffmpeg: string;
  ffprobe: string;
  logger: Logger;
  secrets: SecretStore;
  stageHost: StageHost;
  pipeline: PipelineQueue;
  runner: JobRunner;
  progress: ProgressHub;
  store: StageResultStore;
  models: ModelDownloads;
  social: Social;
  version: string;
}
