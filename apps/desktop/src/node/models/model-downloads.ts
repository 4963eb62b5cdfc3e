import { downloadModel, type ModelDownloadResult } from '@kirinuki/pipeline';
import { describeFailure, isAbortError, UserFacingError } from '@kirinuki/contracts';
import { jobReporter, type ProgressHub } from '../api/progress-hub.js';

const DOWNLOAD_JOB_PREFIX = 'download-';

/** The progress feed's job id of a model's download (one at a time per model). */
export const downloadJobId = (modelId: string) => `${DOWNLOAD_JOB_PREFIX}${modelId}`;

/** The model a feed job id downloads, or null for any other job (queue job ids are ULIDs). */
export const modelOfDownloadJob = (jobId: string) =>
  jobId.startsWith(DOWNLOAD_JOB_PREFIX) ? jobId.slice(DOWNLOAD_JOB_PREFIX.length) : null;

export interface ModelDownloads {
  /**
   * Downloads a model (or takes its files from the folder `from`), its progress on the feed as
   * job `download-<id>`; resolves when installed.
   */
  download(id: string, options?: { from?: string | undefined }): Promise<ModelDownloadResult>;
  /** The model's last download again, from the same place (the network, or the same folder). */
  retry(id: string): Promise<ModelDownloadResult>;
  /** Stops a running download (its partial files are removed); false when none runs. */
  cancel(id: string): boolean;
}

/** Model downloads started from the settings screen, with progress, ETA and cancel. */
export function createModelDownloads(options: {
  modelsDir: string;
  progress: ProgressHub;
  download?: typeof downloadModel;
}): ModelDownloads {
  const running = new Map<string, AbortController>();
  const lastFrom = new Map<string, string | undefined>();
  const download = options.download ?? downloadModel;
  const downloads: ModelDownloads = {
    retry: (id) => downloads.download(id, { from: lastFrom.get(id) }),
    async download(id, { from } = {}) {
      if (running.has(id))
        throw new UserFacingError('INVALID_ARGUMENT', `${id} is already downloading.`, {
          hint: 'Wait for it to finish, or cancel it first.',
        });
      const controller = new AbortController();
      running.set(id, controller);
      lastFrom.set(id, from);
      const jobId = downloadJobId(id);
      const publish = jobReporter(options.progress, { jobId, videoId: null, stage: 'download' });
      publish({ status: 'running', fraction: 0, etaSec: null });
      try {
        const result = await download(id, {
          modelsDir: options.modelsDir,
          from,
          signal: controller.signal,
          onProgress: (p) =>
            publish({ status: 'running', fraction: p.fraction, etaSec: p.etaSec, message: p.file }),
        });
        publish({ status: 'done', fraction: 1, etaSec: 0 });
        return result;
      } catch (error) {
        if (controller.signal.aborted || isAbortError(error)) {
          publish({ status: 'cancelled', fraction: null, etaSec: null });
          throw new UserFacingError('CANCELLED', `The download of ${id} was cancelled.`, { cause: error });
        }
        const failure = describeFailure(error).error;
        publish({
          status: 'failed',
          fraction: null,
          etaSec: null,
          message: failure.message,
          code: failure.code,
          hint: failure.hint,
        });
        throw error;
      } finally {
        running.delete(id);
      }
    },
    cancel(id) {
      const controller = running.get(id);
      controller?.abort(new Error('cancelled by the user'));
      return !!controller;
    },
  };
  return downloads;
}
