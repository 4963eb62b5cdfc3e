import { z } from 'zod';
import { SECRET_NAMES } from '../../use-cases/settings-use-cases.js';
import { publicProcedure, router } from '../trpc.js';

export const settingsRouter = router({
  get: publicProcedure.query(({ ctx }) => ctx.host.settings.get()),
  set: publicProcedure
    .input(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }))
    .mutation(async ({ ctx, input }) => ({
      settings: (await ctx.host.settings.set(input.key, input.value)).settings,
    })),
  setSecret: publicProcedure
    .input(z.object({ name: z.enum(SECRET_NAMES), value: z.string().min(1).max(500).nullable() }))
    .mutation(({ ctx, input }) => ctx.host.settings.setSecret(input.name, input.value)),
});
