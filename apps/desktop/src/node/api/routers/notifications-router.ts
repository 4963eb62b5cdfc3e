import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const notificationsRouter = router({
  /** The newest notifications first, and how many are unread. */
  list: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).optional() }).optional())
    .query(({ ctx, input }) => ctx.host.notifications.list(input?.limit)),
  /** Marks the given notifications read (all when no ids are given). */
  markRead: publicProcedure
    .input(z.object({ ids: z.array(z.string()).max(1000).optional() }).optional())
    .mutation(({ ctx, input }) => ctx.host.notifications.markRead(input?.ids ?? null)),
  /** Whether the caller shows the system notification for it: true once, across every window and process. */
  claimShown: publicProcedure
    .input(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ show: await ctx.host.notifications.claimShown(input.id) })),
  /** Each new notification as it is recorded (by this host or another process on the library). */
  feed: publicProcedure.subscription(async function* ({ ctx, signal }) {
    yield* ctx.host.notifications.feed(signal);
  }),
});
