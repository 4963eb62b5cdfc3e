import { z } from 'zod';
import { PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import { publicProcedure, router } from '../trpc.js';

export const accountsRouter = router({
  list: publicProcedure
    .input(z.object({ platform: z.enum(PUBLISH_PLATFORMS).optional() }).optional())
    .query(async ({ ctx, input }) => ({ accounts: await ctx.host.accounts.list(input ?? {}) })),
  /**
   * Starts a sign-in: the host listens for the platform's redirect and opens the authorization URL
   * in the host's browser (a desktop shell opens it; else the URL comes back for the UI to open).
   * Resolves with the account once the user allowed Kirinuki.
   */
  connect: publicProcedure
    .input(
      z.object({
        platform: z.enum(PUBLISH_PLATFORMS),
        clientId: z.string().max(200).optional(),
        clientSecret: z.string().max(500).optional(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => ({
      account: await ctx.host.accounts.connect(input.platform, {
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        onAuthorizeUrl: async (url) => {
          const opened = (await ctx.host.desktop?.openUrl?.(url)) ?? false;
          if (!opened) throw new Error(`Open this address in a browser to sign in: ${url}`);
        },
        ...(signal ? { signal } : {}),
      }),
    })),
  remove: publicProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => ({ removed: await ctx.host.accounts.remove(input.id) })),
});
