// The tRPC builders, and nothing else (routers live in ./routers).
import { initTRPC, TRPCError } from '@trpc/server';
import { describeFailure, findUserFacingCause } from '@kirinuki/contracts';
import type { ApiContext } from './api-context.js';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    // Every error carries the user-facing code, message and hint the CLI shows.
    // A service's UserFacingError arrives as the cause of its client error: look down the chain.
    const described = describeFailure(findUserFacingCause(error) ?? error.cause ?? error);
    return { ...shape, message: described.error.message, data: { ...shape.data, kirinuki: described.error } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const mergeRouters = t.mergeRouters;
export { TRPCError };
