import { publicProcedure, router } from '../trpc.js';

export const healthRouter = router({
  get: publicProcedure.query(({ ctx }) => ctx.host.system.health()),
  /** The machine as the settings screen shows it: GPU, what transcription runs on, the models. */
  system: publicProcedure.query(({ ctx }) => ctx.host.system.machine()),
});
