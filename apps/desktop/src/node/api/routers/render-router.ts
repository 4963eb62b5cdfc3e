import { z } from 'zod';
import { ulid } from 'ulid';
import { UserFacingError } from '@kirinuki/pipeline';
import { findClip, listClips } from '../../clips/clips-repository.js';
import { jobReporter } from '../progress-hub.js';
import { publicProcedure, router } from '../trpc.js';

const renderSettings = {
  platform: z.string().optional(),
  style: z.string().optional(),
  outDir: z.string().max(4096).optional(),
};

export const renderRouter = router({
  /**
   * Renders one clip (any status) now, in the render service; progress arrives on jobs.progress
   * under the returned job id.
   */
  clip: publicProcedure
    .input(z.object({ clipId: z.string(), ...renderSettings }))
    .mutation(async ({ ctx, input, signal }) => {
      const { services } = ctx;
      const jobId = `render-${ulid()}`;
      // Progress belongs to the clip's video (the library row shows it there).
      const videoId = (await findClip(services.library.db, input.clipId))?.videoId ?? null;
      const report = jobReporter(services.progress, { jobId, videoId, stage: 'render' });
      const said = (message: string | undefined) => (message ? { message } : {});
      try {
        const rendered = await services.renderClip(input, {
          signal: signal ?? new AbortController().signal,
          correlationId: jobId,
          onProgress: (p) =>
            report({ status: 'running', fraction: p.fraction, etaSec: p.etaSec, ...said(p.stage) }),
        });
        report({ status: 'done', fraction: 1, etaSec: 0 });
        return { jobId, ...rendered };
      } catch (error) {
        report({ status: 'failed', fraction: null, etaSec: null, ...said((error as Error).message) });
        throw error;
      }
    }),
  /**
   * Queues the render stage of a video: every approved clip, in the background (progress and the
   * result on the job). Asking again renders again what changed since.
   */
  approved: publicProcedure
    .input(z.object({ videoId: z.string(), ...renderSettings }))
    .mutation(async ({ ctx, input }) => {
      const { services } = ctx;
      const approved = await listClips(services.library.db, { videoId: input.videoId, status: 'approved' });
      if (!approved.length)
        throw new UserFacingError('INVALID_ARGUMENT', 'This video has no approved clips to render.', {
          hint: 'Approve clips on the review board first.',
        });
      const { videoId, ...params } = input;
      const jobs = await services.jobs.rerun(videoId, ['render'], { params });
      services.kickJobs();
      return { job: jobs.find((j) => j.stage === 'render') ?? null, clips: approved.length };
    }),
});
