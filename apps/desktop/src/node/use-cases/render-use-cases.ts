import path from 'node:path';
import { UserFacingError, type ClipRender } from '@kirinuki/contracts';
import { ulid } from '../ids/ulid.js';
import { findClip, listClips } from '../clips/clips-repository.js';
import { jobReporter } from '../api/progress-hub.js';
import type { HostParts } from '../host/host-parts.js';
import { estimateEtaMs } from '../orchestrator/progress-eta.js';
import { renderClipOnHost } from '../stage-handlers/render-clip-on-host.js';

export interface RenderSettings {
  platform?: string | undefined;
  style?: string | undefined;
  /** Default `<library>/exports`. */
  outDir?: string | undefined;
}

export interface RenderProgressReport {
  fraction: number;
  stage: string;
  etaSec: number | null;
}

/** Rendering clips: one now (progress on the feed and to the caller), or a video's approved ones queued. */
export function createRenderUseCases(parts: HostParts) {
  const { library, pipeline, runner, progress } = parts;
  const outDirOf = (settings: RenderSettings) => settings.outDir ?? path.join(library.dir, 'exports');
  return {
    /**
     * Renders one clip (any status) now, in the render service: progress with an ETA goes to the
     * progress feed under the returned job id and to `onProgress`.
     */
    clipNow: async (
      request: RenderSettings & { clipId: string },
      options: { signal?: AbortSignal; onProgress?: (p: RenderProgressReport) => void } = {},
    ): Promise<ClipRender & { jobId: string }> => {
      const jobId = `render-${ulid()}`;
      // Progress belongs to the clip's video (the library row shows it there).
      const videoId = (await findClip(library.db, request.clipId))?.videoId ?? null;
      const report = jobReporter(progress, { jobId, videoId, stage: 'render' });
      const said = (message: string | undefined) => (message ? { message } : {});
      const started = Date.now();
      try {
        const rendered = await renderClipOnHost(
          library,
          parts.stageHost.clients.render,
          {
            clipId: request.clipId,
            platform: request.platform,
            style: request.style,
            outDir: outDirOf(request),
          },
          {
            signal: options.signal ?? new AbortController().signal,
            jobId,
            reportProgress: (fraction, detail) => {
              const etaMs = estimateEtaMs(started, Date.now(), fraction);
              const etaSec = etaMs === null ? null : etaMs / 1000;
              options.onProgress?.({ fraction, stage: detail ?? '', etaSec });
              report({ status: 'running', fraction, etaSec, ...said(detail) });
            },
          },
        );
        report({ status: 'done', fraction: 1, etaSec: 0 });
        return { jobId, ...rendered };
      } catch (error) {
        report({ status: 'failed', fraction: null, etaSec: null, ...said((error as Error).message) });
        throw error;
      }
    },
    /**
     * Queues the render stage of a video: every approved clip, in the background (progress and the
     * result on the job). Asking again renders again what changed since.
     */
    approved: async (videoId: string, settings: RenderSettings) => {
      const approved = await listClips(library.db, { videoId, status: 'approved' });
      if (!approved.length)
        throw new UserFacingError('INVALID_ARGUMENT', 'This video has no approved clips to render.', {
          hint: 'Approve clips on the review board first.',
        });
      const jobs = await pipeline.orchestrator.rerun(videoId, ['render'], { params: { ...settings } });
      runner.kick();
      return { job: jobs.find((j) => j.stage === 'render') ?? null, clips: approved.length };
    },
  };
}

export type RenderUseCases = ReturnType<typeof createRenderUseCases>;
