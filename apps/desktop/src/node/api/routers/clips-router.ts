import { z } from 'zod';
import { UserFacingError } from '@kirinuki/pipeline';
import { reorderClips, setClipStatus, updateClip } from '../../clips/clip-commands.js';
import { clipEditorData } from '../../clips/clip-editor-data.js';
import { clipWaveform } from '../../clips/clip-waveform.js';
import { findClip, listClips } from '../../clips/clips-repository.js';
import { findVideoById } from '../../library/videos-repository.js';
import { publicProcedure, router } from '../trpc.js';

const status = z.enum(['proposed', 'approved', 'rejected']);

export const clipsRouter = router({
  list: publicProcedure
    .input(z.object({ videoId: z.string().optional(), status: status.optional() }).optional())
    .query(async ({ ctx, input }) => ({ clips: await listClips(ctx.services.library.db, input ?? {}) })),
  get: publicProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const clip = await findClip(ctx.services.library.db, input.id);
    if (!clip) throw new UserFacingError('NOT_FOUND', `No clip with id ${input.id}.`);
    return { clip };
  }),
  /** What the editor needs besides the clip: caption lines (with edits) and snap boundaries. */
  editorData: publicProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    const clip = await findClip(ctx.services.library.db, input.id);
    if (!clip) throw new UserFacingError('NOT_FOUND', `No clip with id ${input.id}.`);
    const video = await findVideoById(ctx.services.library.db, clip.videoId);
    if (!video)
      throw new UserFacingError('NOT_FOUND', `The video of clip ${input.id} is no longer in the library.`);
    return clipEditorData(ctx.services.library, video, clip);
  }),
  /** The audio levels around a clip, for the trim strip (peaks 0…1 over startSec…endSec). */
  waveform: publicProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input, signal }) => {
    const clip = await findClip(ctx.services.library.db, input.id);
    if (!clip) throw new UserFacingError('NOT_FOUND', `No clip with id ${input.id}.`);
    const video = await findVideoById(ctx.services.library.db, clip.videoId);
    if (!video)
      throw new UserFacingError('NOT_FOUND', `The video of clip ${input.id} is no longer in the library.`);
    return clipWaveform(video, clip, signal);
  }),
  setStatus: publicProcedure
    .input(
      z.object({
        ids: z.array(z.string()).min(1).max(5000),
        status,
        position: z.number().int().min(0).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      clips: await setClipStatus(ctx.services.library.db, input.ids, input.status, input.position),
    })),
  reorder: publicProcedure
    .input(z.object({ videoId: z.string(), status, orderedIds: z.array(z.string()).max(5000) }))
    .mutation(async ({ ctx, input }) => ({
      clips: await reorderClips(ctx.services.library.db, input.videoId, input.status, input.orderedIds),
    })),
  update: publicProcedure
    .input(
      z.object({
        id: z.string(),
        start: z.number().min(0).optional(),
        end: z.number().positive().optional(),
        title: z.string().max(300).optional(),
        style: z.string().max(50).optional(),
        platform: z.string().max(50).optional(),
        hashtags: z.array(z.string().max(100)).max(30).optional(),
        captions: z
          .array(z.object({ index: z.number().int().min(0), text: z.string().max(500) }))
          .max(1000)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...edit } = input;
      const clip = await findClip(ctx.services.library.db, id);
      if (!clip) throw new UserFacingError('NOT_FOUND', `No clip with id ${id}.`);
      const video = await findVideoById(ctx.services.library.db, clip.videoId);
      return {
        clip: await updateClip(ctx.services.library.db, id, edit, {
          videoDurationSec: video?.durationSec ?? clip.end,
        }),
      };
    }),
});
