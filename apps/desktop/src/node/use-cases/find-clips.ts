import path from 'node:path';
import {
  isPlatformName,
  PLATFORM_NAMES,
  UserFacingError,
  type Clip,
  type JobSubject,
  type SegmentOutput,
} from '@kirinuki/contracts';
import { ulid } from '../ids/ulid.js';
import { looksLikeUrl } from '../../common/looks-like-url.js';
import { findClip } from '../clips/clips-repository.js';
import type { HostParts } from '../host/host-parts.js';
import { readSettings } from '../library/settings-repository.js';
import { findVideoById } from '../library/videos-repository.js';
import { jobErrorToUserFacing } from '../orchestrator/open-pipeline-queue.js';
import { IMPORT_STAGES } from '../orchestrator/pipeline-stages.js';
import { supersededBy } from '../orchestrator/stage-handler.js';

export interface FindClipsRequest {
  /** A video file, an http(s) URL, or the id of a video in the library. */
  input: string;
  platform?: string | undefined;
  count?: number | undefined;
  minSec?: number | undefined;
  maxSec?: number | undefined;
  /** Recompute the transcript, vision and proposals instead of reusing them. */
  fresh?: boolean | undefined;
  /** Ask an OpenAI model for a second opinion; undefined: the llmRerank setting decides. */
  rerank?: boolean | undefined;
  allowPrivateNetwork?: boolean | undefined;
}

export interface FoundClips {
  videoId: string;
  platform: string;
  rerank?: SegmentOutput['rerank'];
  /** Ranked, best first. */
  clips: Clip[];
}

const video = (id: string): JobSubject => ({ kind: 'video', id });

/**
 * Finds the best clips in a video: imports it when it is new (ingest → transcribe ∥ vision →
 * segment), or proposes again for these settings when it is in the library (transcript and vision
 * again only when fresh). A file whose content the library already has is moved onto that video.
 * Cancelling (the signal) cancels the video's jobs.
 */
export function createFindClips(parts: HostParts) {
  const { library, pipeline, runner } = parts;
  const { orchestrator } = pipeline;
  return async (
    request: FindClipsRequest,
    options: { cwd?: string; signal?: AbortSignal } = {},
  ): Promise<FoundClips> => {
    const settings = await readSettings(library.db);
    const platform = request.platform ?? settings.platform;
    if (!isPlatformName(platform))
      throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${platform}".`, {
        hint: `Use one of: ${PLATFORM_NAMES.join(', ')}.`,
      });
    const count = request.count ?? settings.clipCount;
    if (!Number.isInteger(count) || count < 1 || count > 50)
      throw new UserFacingError(
        'INVALID_ARGUMENT',
        `--count takes a whole number from 1 to 50, not "${count}".`,
      );
    const missing = IMPORT_STAGES.filter((s) => !pipeline.stages.includes(s));
    if (missing.length)
      throw new UserFacingError('INTERNAL', `This build cannot run the ${missing.join(', ')} stage(s) yet.`);
    const params = {
      platform,
      count,
      minSec: request.minSec,
      maxSec: request.maxSec,
      fresh: Boolean(request.fresh),
      ...(request.rerank === undefined ? {} : { rerank: request.rerank }),
    };
    const again = request.fresh ? ['transcribe', 'vision'] : ['segment'];

    let videoId: string;
    const existing = looksLikeUrl(request.input) ? null : await findVideoById(library.db, request.input);
    if (existing) {
      videoId = existing.id;
      await orchestrator.rerun(videoId, again, { params });
    } else {
      videoId = ulid();
      const source = looksLikeUrl(request.input)
        ? request.input
        : path.resolve(options.cwd ?? '', request.input);
      await orchestrator.enqueue(videoId, IMPORT_STAGES, {
        params: { ...params, source, allowPrivateNetwork: Boolean(request.allowPrivateNetwork) },
      });
    }
    const settle = async (id: string) => {
      const onAbort = () =>
        void orchestrator
          .list({ videoId: id })
          .then((jobs) => Promise.all(jobs.map((j) => orchestrator.cancel(j.id))));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await runner.settle(video(id), options.signal);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    };
    await settle(videoId);
    // A file whose content is already in the library: the queue moved the work to that video;
    // its proposals are made again for these settings, as for a video id.
    const ingestJob = existing
      ? null
      : (await orchestrator.list({ videoId })).find((j) => j.stage === 'ingest');
    const known = ingestJob && supersededBy((await orchestrator.get(ingestJob.id))?.output, videoId);
    if (known) {
      videoId = known;
      await orchestrator.rerun(videoId, again, { params });
      await settle(videoId);
    }

    const jobs = await orchestrator.list({ videoId });
    const failed = jobs.find((j) => j.status === 'failed' && j.error);
    if (failed?.error) throw jobErrorToUserFacing(failed.error);
    const segmentJob = jobs.find((j) => j.stage === 'segment');
    const detail = segmentJob && (await orchestrator.get(segmentJob.id));
    if (detail?.status !== 'done')
      throw new UserFacingError(
        'CANCELLED',
        `Clip finding stopped before the proposals (${detail?.status ?? 'no segment job'}).`,
        { hint: 'Run `kirinuki jobs resume` to finish it.' },
      );
    const output = detail.output as SegmentOutput;
    const clips = (await Promise.all(output.clipIds.map((id) => findClip(library.db, id))))
      .filter((c): c is Clip => c !== null)
      .sort((a, b) => a.rank - b.rank);
    return {
      videoId: output.videoId,
      platform: output.platform,
      ...(output.rerank ? { rerank: output.rerank } : {}),
      clips,
    };
  };
}
