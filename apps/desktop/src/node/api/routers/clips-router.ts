import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

const status = z.enum(['proposed', 'approved', 'rejected']);

export const clipsRouter = router({
  list: publicProcedure
    .input(z.object({ videoId: z.string().optional(), status: status.optional() }).optional())
    .query(async ({ ctx, input }) => ({ clips: await ctx.host.clips.list(input ?? {}) })),
  get: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(async ({ ctx, input }) => ({ clip: await ctx.host.clips.get(input.id) })),
  /** What the editor needs besides the clip: caption lines (with edits) and snap boundaries. */
  editorData: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => ctx.host.clips.editorData(input.id)),
  /** The audio levels around a clip, for the trim strip (peaks 0…1 over startSec…endSec). */
  waveform: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input, signal }) => ctx.host.clips.waveform(input.id, signal)),
  /**
   * Finds clips again for a library video with these settings (the segment stage; transcript and
   * vision again only when fresh), waiting for the proposals.
   */
  find: publicProcedure
    .input(
      z.object({
        videoId: z.string(),
        platform: z.string().max(50).optional(),
        count: z.number().int().min(1).max(50).optional(),
        minSec: z.number().positive().optional(),
        maxSec: z.number().positive().optional(),
        fresh: z.boolean().optional(),
        rerank: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input, signal }) => {
      const { videoId, ...request } = input;
      return ctx.host.clips.find({ input: videoId, ...request }, signal ? { signal } : {});
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
      clips: await ctx.host.clips.setStatus(input.ids, input.status, input.position),
    })),
  reorder: publicProcedure
    .input(z.object({ videoId: z.string(), status, orderedIds: z.array(z.string()).max(5000) }))
    .mutation(async ({ ctx, input }) => ({
      clips: await ctx.host.clips.reorder(input.videoId, input.status, input.orderedIds),
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
      return { clip: await ctx.host.clips.update(id, edit) };
    }),
});
