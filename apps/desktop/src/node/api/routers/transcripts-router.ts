import { z } from 'zod';
import { UserFacingError } from '@kirinuki/pipeline';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import { findVideoById } from '../../library/videos-repository.js';
import { latestStageResultFile } from '../../render/stage-results-of-video.js';
import { readStageResult } from '../../stages/stage-result-store.js';
import { publicProcedure, router } from '../trpc.js';

export const transcriptsRouter = router({
  /** The video's transcript with word timings, or null when it has not been transcribed yet. */
  get: publicProcedure.input(z.object({ videoId: z.string() })).query(async ({ ctx, input }) => {
    const video = await findVideoById(ctx.services.library.db, input.videoId);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
    const file = latestStageResultFile(ctx.services.library, video.sha256, 'transcribe');
    return { transcript: file ? readStageResult<Transcript>(file) : null };
  }),
});
