import type { DesktopShell } from '../../common/desktop-shell.js';
import type { Logger } from '../logging/create-logger.js';
import type { ModelDownloads } from '../models/model-downloads.js';
import type { Library } from '../library/library.js';
import type { Orchestrator } from '../orchestrator/orchestrator.js';
import type { ImportResult } from '../library/import-media.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { LibraryRender } from '../render/render-library-clip.js';
import type { ProgressHub } from './progress-hub.js';

/** What the API's procedures work with; one per running host (CLI serve, Electron main). */
export interface AppServices {
  library: Library;
  ffmpeg: string;
  ffprobe: string;
  logger: Logger;
  progress: ProgressHub;
  /** The job queue (every stage of every video). */
  jobs: Orchestrator;
  /** Wakes the background worker after queueing work. */
  kickJobs(): void;
  secrets: SecretStore;
  version: string;
  /** Model downloads started from the settings screen (progress as job `download-<id>`). */
  models: ModelDownloads;
  /** The host machine's folder picker and file manager, where it has them. */
  desktop?: DesktopShell | undefined;
  /** Renders one clip now, in the render service (progress: fraction, stage, ETA). */
  renderClip(
    input: { clipId: string; platform?: string; style?: string; outDir?: string },
    options: {
      signal: AbortSignal;
      correlationId: string;
      onProgress?: (p: { fraction: number; stage: string; etaSec: number | null }) => void;
    },
  ): Promise<LibraryRender>;
  /** Imports a file or URL (through the job queue where the host has one). */
  importInput(
    input: string,
    options: { mode?: 'copy' | 'link'; allowPrivateNetwork?: boolean; signal?: AbortSignal },
  ): Promise<ImportResult>;
}

export interface ApiContext {
  services: AppServices;
  requestId: string;
}
