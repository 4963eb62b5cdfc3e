import { z } from 'zod';
import { UserFacingError } from '@kirinuki/pipeline';
import { videoStatuses, videoStatusOf } from '../../jobs/job-views-repository.js';
import { publicVideo } from '../../library/public-video.js';
import { removeVideo } from '../../library/remove-video.js';
import { findVideoById, listVideos } from '../../library/videos-repository.js';
import { storedTranscript, storedVision } from '../../render/stage-results-of-video.js';
import { publicProcedure, router } from '../trpc.js';

export const libraryRouter = router({
  list: publicProcedure.query(async ({ ctx }) => {
    const statuses = await videoStatuses(ctx.services.library.db);
    return {
      videos: (await listVideos(ctx.services.library.db)).map((v) =>
        publicVideo(v, { status: statuses.get(v.id) ?? 'ready' }),
      ),
    };
  }),
  get: publicProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const video = await findVideoById(ctx.services.library.db, input.id);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.id} in the library.`);
    const status = await videoStatusOf(ctx.services.library.db, video.id);
    return { video: publicVideo(video, { status, withMediaInfo: true }) };
  }),
  /** The video's timeline for the player: the transcript's words and the shots (empty until made). */
  timeline: publicProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const video = await findVideoById(ctx.services.library.db, input.id);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.id} in the library.`);
    const transcript = storedTranscript(ctx.services.library, video.sha256);
    const vision = storedVision(ctx.services.library, video.sha256);
    return {
      durationSec: video.durationSec,
      transcribed: transcript !== null,
      words: (transcript?.segments ?? []).flatMap((s) =>
        s.words.map((w) => ({ start: w.start, end: w.end, word: w.word })),
      ),
      shots: (vision?.shots?.shots ?? []).map((s) => ({ index: s.index, start: s.start, end: s.end })),
    };
  }),
  import: publicProcedure
    .input(
      z.object({
        input: z.string().min(1).max(8192),
        mode: z.enum(['copy', 'link']).optional(),
        allowPrivateNetwork: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      const result = await ctx.services.importInput(input.input, {
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.allowPrivateNetwork !== undefined
          ? { allowPrivateNetwork: input.allowPrivateNetwork }
          : {}),
        ...(signal ? { signal } : {}),
      });
      return {
        video: publicVideo(result.video, {
          status: await videoStatusOf(ctx.services.library.db, result.video.id),
        }),
        alreadyImported: result.alreadyImported,
        warnings: result.warnings,
      };
    }),
  remove: publicProcedure.input(z.object({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const video = await removeVideo(ctx.services.library, input.id);
    return { removed: { id: video.id, title: video.title } };
  }),
});
