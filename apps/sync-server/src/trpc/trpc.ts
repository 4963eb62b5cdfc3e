import { TRPCError, initTRPC } from '@trpc/server';
import { z } from 'zod';
import { UserFacingError, isUserFacingError, type ErrorCode } from '@kirinuki/contracts';
import { authenticate, type AuthDeps } from '../auth/auth-service.js';
import type { AccessClaims } from '../auth/access-tokens.js';
import { roleInTeam } from '../teams/teams-repository.js';
import { roleMay, TEAM_PERMISSIONS, type TeamPermission, type TeamRole } from '../teams/team-roles.js';

export interface ServerContext {
  deps: AuthDeps;
  /** The bearer token of the request, checked only by procedures that need a caller. */
  accessToken: string | undefined;
}

const TRPC_CODE: Partial<Record<ErrorCode, TRPCError['code']>> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  SESSION_REVOKED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_REQUEST: 'BAD_REQUEST',
  INVALID_ARGUMENT: 'BAD_REQUEST',
  INVITE_INVALID: 'NOT_FOUND',
  LAST_OWNER: 'CONFLICT',
};

const t = initTRPC.context<ServerContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    // Input that failed its schema is a BAD_REQUEST with no coded cause; anything else uncoded is ours.
    const code: ErrorCode = isUserFacingError(cause)
      ? cause.code
      : error.code === 'BAD_REQUEST'
        ? 'INVALID_REQUEST'
        : 'INTERNAL';
    const internal = code === 'INTERNAL';
    return {
      ...shape,
      message: internal ? 'The server failed to answer this request.' : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        kirinukiCode: code,
        hint: isUserFacingError(cause) ? cause.hint : undefined,
      },
    };
  },
});

/** Our coded error as a tRPC error of the matching kind (its code kept for the desktop). */
export function asTrpcError(error: unknown): unknown {
  if (!isUserFacingError(error)) return error;
  return new TRPCError({
    code: TRPC_CODE[error.code] ?? 'BAD_REQUEST',
    message: error.message,
    cause: error,
  });
}

export const router = t.router;
// tRPC turns what a resolver throws into a failed result; the outermost middleware gives our coded
// errors their matching kind (and HTTP status) there.
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isUserFacingError(result.error.cause)) throw asTrpcError(result.error.cause);
  return result;
});

const rethrown = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw asTrpcError(error);
  }
};

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const caller: AccessClaims = await rethrown(() => authenticate(ctx.deps, ctx.accessToken));
  return next({ ctx: { caller } });
});

/**
 * A procedure on one team's data: the caller must be a member (else NOT_FOUND, so a foreign
 * team's existence is not told) whose role may take `permission` (else FORBIDDEN).
 */
export function teamProcedure(permission: TeamPermission) {
  return authedProcedure
    .input(z.object({ teamId: z.string().min(1).max(64) }))
    .use(async ({ ctx, input, next }) => {
      const role: TeamRole | undefined = await roleInTeam(ctx.deps.db, input.teamId, ctx.caller.userId);
      if (!role)
        throw asTrpcError(
          new UserFacingError('NOT_FOUND', 'No such team.', {
            hint: 'teams.list shows the teams you are in.',
          }),
        );
      if (!roleMay(role, permission)) {
        throw asTrpcError(
          new UserFacingError(
            'FORBIDDEN',
            `A ${role} may not do that here (it takes ${TEAM_PERMISSIONS[permission]} or above).`,
          ),
        );
      }
      return next({ ctx: { role } });
    });
}
