import { z } from 'zod';
import { PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import { publicProcedure, router } from '../trpc.js';

export const accountsRouter = router({
  list: publicProcedure
    .input(z.object({ platform: z.enum(PUBLISH_PLATFORMS).optional() }).optional())
    .query(async ({ ctx, input }) => ({ accounts: await ctx.host.accounts.list(input ?? {}) })),
  /**
   * Begins a sign-in: the host listens for the platform's redirect (or, for a registered https
   * redirect, waits for the pasted address) and answers the page to open. With `openOnHost` the
   * host's desktop opens it (the app); a browser UI opens it itself (`opened` false).
   */
  beginConnect: publicProcedure
    .input(
      z.object({
        platform: z.enum(PUBLISH_PLATFORMS),
        clientId: z.string().max(200).optional(),
        clientSecret: z.string().max(500).optional(),
        redirectUri: z.string().max(2000).optional(),
        openOnHost: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { openOnHost, platform, ...app } = input;
      const started = await ctx.host.accounts.beginConnect(platform, app);
      const opened = openOnHost
        ? ((await ctx.host.desktop?.openUrl?.(started.authorizeUrl)) ?? false)
        : false;
      return { ...started, opened };
    }),
  /**
   * Resolves with the account once the browser came back (or with the pasted address); the
   * sign-in stops when the call is aborted, and ends by itself after its timeout.
   */
  finishConnect: publicProcedure
    .input(z.object({ signInId: z.string().min(1).max(100), redirectedUrl: z.string().max(8000).optional() }))
    .mutation(async ({ ctx, input, signal }) => ({
      account: await ctx.host.accounts.finishConnect(input.signInId, {
        redirectedUrl: input.redirectedUrl,
        signal,
      }),
    })),
  cancelConnect: publicProcedure
    .input(z.object({ signInId: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => ({
      cancelled: await ctx.host.accounts.cancelConnect(input.signInId),
    })),
  remove: publicProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => ({ removed: await ctx.host.accounts.remove(input.id) })),
});
