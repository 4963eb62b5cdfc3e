import { initTRPC } from '@trpc/server';
import type { ServiceContext } from '../service-process/run-service.js';

/** The tRPC builder every stage service's router is made with. */
export const serviceTrpc = initTRPC.context<ServiceContext>().create();

/** The OpenAI key a call carries (from the host's secret store), else the environment's. */
export const openaiKeyOf = (input: { openaiApiKey?: string | null | undefined }): string | null =>
  input.openaiApiKey ?? process.env.OPENAI_API_KEY ?? null;
