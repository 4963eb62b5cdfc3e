import { z } from 'zod';
import { UserFacingError } from '@kirinuki/pipeline';
import {
  isSettingKey,
  parseSettingValue,
  readSettings,
  writeSetting,
} from '../../library/settings-repository.js';
import { publicProcedure, router } from '../trpc.js';

/** Secrets the UI may set but never read back. */
const SECRET_NAMES = ['openaiApiKey'] as const;

export const settingsRouter = router({
  get: publicProcedure.query(async ({ ctx }) => ({
    settings: await readSettings(ctx.services.library.db),
    secrets: Object.fromEntries(SECRET_NAMES.map((name) => [name, ctx.services.secrets.has(name)])) as Record<
      (typeof SECRET_NAMES)[number],
      boolean
    >,
  })),
  set: publicProcedure
    .input(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }))
    .mutation(async ({ ctx, input }) => {
      if (!isSettingKey(input.key))
        throw new UserFacingError('INVALID_ARGUMENT', `There is no setting "${input.key}".`);
      let value;
      try {
        value = parseSettingValue(input.key, String(input.value));
      } catch (error) {
        throw new UserFacingError('INVALID_ARGUMENT', (error as Error).message);
      }
      await writeSetting(ctx.services.library.db, input.key, value);
      return { settings: await readSettings(ctx.services.library.db) };
    }),
  setSecret: publicProcedure
    .input(z.object({ name: z.enum(SECRET_NAMES), value: z.string().min(1).max(500).nullable() }))
    .mutation(({ ctx, input }) => {
      ctx.services.secrets.set(input.name, input.value);
      return { [input.name]: input.value !== null };
    }),
});
