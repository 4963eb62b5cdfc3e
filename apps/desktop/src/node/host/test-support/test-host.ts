import { expect } from 'vitest';
import type { JobSummary } from '@kirinuki/contracts';
import { videoStatusOf } from '../../library/job-views-repository.js';
import { createLogger } from '../../logging/create-logger.js';
import { openHost, type OpenedHost } from '../open-host.js';

const silent = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });

/** A host as `serve` runs it (jobs in the background), on a library folder of the test's. */
export const openTestHost = (libraryDir: string): Promise<OpenedHost> =>
  openHost({ libraryDir, logger: silent, run: 'background' });

/** Imports a file through the import pipeline and waits until the video is ready. */
export async function importUntilReady(host: OpenedHost, file: string) {
  const [outcome] = await host.library.importVideos([{ input: file }], { pipeline: 'import' });
  if (!outcome?.ok) throw outcome?.error ?? new Error('no import outcome');
  await expect
    .poll(() => videoStatusOf(host.parts.library.db, outcome.video.id), { timeout: 60_000, interval: 250 })
    .toBe('ready');
  return outcome.video;
}

/** Waits until a queued job is done, failed or cancelled. */
export async function waitForJobEnd(host: OpenedHost, jobId: string): Promise<JobSummary> {
  let job: JobSummary | undefined;
  await expect
    .poll(
      async () => {
        job = await host.jobs.get(jobId);
        return ['done', 'failed', 'cancelled'].includes(job.status);
      },
      { timeout: 120_000, interval: 200 },
    )
    .toBe(true);
  return job!;
}
