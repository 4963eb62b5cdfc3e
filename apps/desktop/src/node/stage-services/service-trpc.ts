import { z } from 'zod';
import { receiveAnswer, type AnswerOutcome } from '../service-process/service-asks.js';
import { initTRPC } from '@trpc/server';
import type { ServiceContext } from '../service-process/run-service.js';

/** The tRPC builder every stage service's router is made with. */
export const serviceTrpc = initTRPC.context<ServiceContext>().create();

/** The OpenAI key a call carries (from the host's secret store), else the environment's. */
export const openaiKeyOf = (input: { openaiApiKey?: string | null | undefined }): string | null =>
  input.openaiApiKey ?? process.env.OPENAI_API_KEY ?? null;

/** The `answer` mutation a service that asks its host questions takes the answers by (service-asks.ts). */
export const answerProcedure = serviceTrpc.procedure
  .input(
    z.object({
      id: z.string(),
      outcome: z.union([
        z.object({ ok: z.literal(true), value: z.unknown() }),
        z.object({ ok: z.literal(false), message: z.string(), code: z.string().optional() }),
      ]),
    }),
  )
  .mutation(({ input }) => ({ received: receiveAnswer(input.id, input.outcome as AnswerOutcome) }));
