import { rmSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError, type Transcript, type VisionResult } from '@kirinuki/contracts';
import { ulid } from '../ids/ulid.js';
import { looksLikeUrl } from '../../common/looks-like-url.js';
import { latestStageResult } from '../../common/stage-result-store.js';
import type { HostParts } from '../host/host-parts.js';
import { videoStatuses, videoStatusOf } from '../library/job-views-repository.js';
import { publicVideo } from '../library/public-video.js';
import { type PublicVideo } from '@kirinuki/contracts';
import type { ImportResult } from '../library/record-import.js';
import { removeVideo } from '../library/remove-video.js';
import { videoTimeline } from '../library/video-timeline.js';
import { findVideoById, listVideos } from '../library/videos-repository.js';
import { jobErrorToUserFacing } from '../orchestrator/open-pipeline-queue.js';
import { IMPORT_STAGES } from '../orchestrator/pipeline-stages.js';
import type { IngestOutput } from '@kirinuki/contracts';

export interface ImportRequest {
  /** A file path (absolute, or relative to `cwd`) or an http(s) URL. */
  input: string;
  mode?: 'copy' | 'link' | undefined;
  allowPrivateNetwork?: boolean | undefined;
}

/** One input's import: the video (as the API shows it), or the error that stopped it (the others go on). */
export type ImportOutcome =
  | { ok: true; jobId: string; video: PublicVideo; alreadyImported: boolean; warnings: string[] }
  | { ok: false; input: string; error: unknown };

export function createLibraryUseCases(parts: HostParts) {
  const { library, pipeline, runner } = parts;
  const { orchestrator } = pipeline;

  const requireVideo = async (id: string) => {
    const video = await findVideoById(library.db, id);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${id} in the library.`);
    return video;
  };

  /** Waits for one queued ingest and turns its job into the import's result. */
  const resultOf = async (input: string, jobId: string, signal?: AbortSignal): Promise<ImportResult> => {
    const job = await runner.waitForJob(jobId, signal);
    const detail = await orchestrator.get(jobId);
    if (job?.status === 'failed' && job.error) throw jobErrorToUserFacing(job.error);
    if (job?.status === 'cancelled' || signal?.aborted)
      throw new UserFacingError('CANCELLED', `The import of ${input} was cancelled.`);
    const output = detail?.output as IngestOutput | undefined;
    const video = output && (await findVideoById(library.db, output.videoId));
    if (!output || !video)
      throw new UserFacingError(
        'INTERNAL',
        `The import of ${input} did not finish (job ${jobId} is ${job?.status ?? 'missing'}).`,
      );
    return { video, alreadyImported: output.alreadyImported, warnings: output.warnings };
  };

  return {
    list: async () => {
      const statuses = await videoStatuses(library.db);
      return (await listVideos(library.db)).map((v) =>
        publicVideo(v, { status: statuses.get(v.id) ?? 'ready' }),
      );
    },
    get: async (id: string) => {
      const video = await requireVideo(id);
      return publicVideo(video, { status: await videoStatusOf(library.db, video.id), withMediaInfo: true });
    },
    record: requireVideo,
    /** The video's timeline for the player: the transcript's words and the shots (empty until made). */
    timeline: async (id: string) => {
      const video = await requireVideo(id);
      return videoTimeline(
        video.durationSec,
        await latestStageResult<Transcript>(parts.store, video.sha256, 'transcribe'),
        await latestStageResult<VisionResult>(parts.store, video.sha256, 'vision'),
      );
    },
    /** The video's newest transcript with word timings, or null before it is transcribed. */
    transcript: async (id: string) =>
      latestStageResult<Transcript>(parts.store, (await requireVideo(id)).sha256, 'transcribe'),
    /**
     * Imports files or URLs through the job queue. `pipeline: 'import'` queues the whole import
     * pipeline at once (durable: a crash after the ingest loses nothing), so each video gets its
     * transcript, shots and proposals with no further step; 'ingest' imports only. Waits for the
     * ingests; a cancel (the signal) cancels them. A browser upload in the library's temp folder is
     * removed once it is imported.
     */
    importVideos: async (
      requests: readonly ImportRequest[],
      options: { pipeline: 'ingest' | 'import'; cwd?: string; signal?: AbortSignal },
    ): Promise<ImportOutcome[]> => {
      const stages =
        options.pipeline === 'import' ? pipeline.stages.filter((s) => IMPORT_STAGES.includes(s)) : ['ingest'];
      const queued: Array<{ input: string; source: string; jobId: string }> = [];
      for (const request of requests) {
        const source = looksLikeUrl(request.input)
          ? request.input
          : path.resolve(options.cwd ?? '', request.input);
        const jobs = await orchestrator.enqueue(ulid(), stages, {
          params: {
            source,
            ...(request.mode ? { mode: request.mode } : {}),
            allowPrivateNetwork: request.allowPrivateNetwork === true,
          },
        });
        queued.push({ input: request.input, source, jobId: jobs.find((j) => j.stage === 'ingest')!.id });
      }
      const onAbort = () => void Promise.all(queued.map((q) => orchestrator.cancel(q.jobId).catch(() => [])));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      runner.kick();
      try {
        const outcomes: ImportOutcome[] = [];
        for (const { input, source, jobId } of queued) {
          try {
            const { video, alreadyImported, warnings } = await resultOf(input, jobId, options.signal);
            const status = await videoStatusOf(library.db, video.id);
            outcomes.push({
              ok: true,
              jobId,
              video: publicVideo(video, { status }),
              alreadyImported,
              warnings,
            });
          } catch (error) {
            outcomes.push({ ok: false, input, error });
          } finally {
            if (path.resolve(source).startsWith(library.tmpDir + path.sep))
              rmSync(path.dirname(path.resolve(source)), { recursive: true, force: true });
          }
        }
        return outcomes;
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    remove: async (id: string) => {
      const video = await removeVideo(library, id);
      return { id: video.id, title: video.title };
    },
  };
}

export type LibraryUseCases = ReturnType<typeof createLibraryUseCases>;
