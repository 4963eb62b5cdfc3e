import type { VideoAvailability, VideoRecord } from './video-record.js';

/**
 * Where a video is in the pipeline, from its jobs: `failed` when a job failed for good (the user
 * has to act; what depends on it waits queued for a retry), else `processing` while any job is
 * queued or running, `cancelled` when one was cancelled, else `ready` (every job done, or none
 * was ever queued).
 */
export type VideoStatus = 'processing' | 'failed' | 'cancelled' | 'ready';

export function videoStatus(jobs: ReadonlyArray<{ status: string }>): VideoStatus {
  if (jobs.some((j) => j.status === 'failed')) return 'failed';
  if (jobs.some((j) => j.status === 'queued' || j.status === 'running')) return 'processing';
  if (jobs.some((j) => j.status === 'cancelled')) return 'cancelled';
  return 'ready';
}

/** A video as the API and the CLI show it: no internal fields, with its availability and status. */
export type PublicVideo = Omit<VideoRecord, 'mediaInfo' | 'mtimeMs'> & {
  availability: VideoAvailability;
  status: VideoStatus;
  /** The probe of its media, where asked for. */
  mediaInfo?: unknown;
};
