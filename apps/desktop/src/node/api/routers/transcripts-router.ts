import { z } from 'zod';
import { UserFacingError } from '@kirinuki/pipeline';
import { findVideoById } from '../../library/videos-repository.js';
import { storedTranscript } from '../../render/stage-results-of-video.js';
import { publicProcedure, router } from '../trpc.js';

export const transcriptsRouter = router({
  /** The video's transcript with word timings, or null when it has not been transcribed yet. */
  get: publicProcedure.input(z.object({ videoId: z.string() })).query(async ({ ctx, input }) => {
    const video = await findVideoById(ctx.services.library.db, input.videoId);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
    return { transcript: storedTranscript(ctx.services.library, video.sha256) };
  }),
});
