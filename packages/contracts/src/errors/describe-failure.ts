import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { causeChain, isAbortError, isUserFacingError, type UserFacingError } from './user-facing-error.js';

export interface FailureDescription {
  /** 2 for a user error (including cancellation), 1 for an internal one. */
  exitCode: 1 | 2;
  error: { code: ErrorCode; message: string; hint: string };
}

/**
 * The first UserFacingError in an error's cause chain: what a stage service threw reaches its
 * caller wrapped (a tRPC client error with it as the cause).
 */
export function findUserFacingCause(error: unknown): UserFacingError | undefined {
  for (const current of causeChain(error)) if (isUserFacingError(current)) return current;
  return undefined;
}

/**
 * Maps anything thrown to what the user is shown. Usage errors from the CLI parser arrive as
 * objects with a `code` starting with "commander." and are user errors.
 */
export function describeFailure(thrown: unknown): FailureDescription {
  const userFacing = findUserFacingCause(thrown);
  if (userFacing) return { exitCode: 2, error: userFacing.toJSON() };
  if (isAbortError(thrown)) {
    return { exitCode: 2, error: { code: 'CANCELLED', message: 'Cancelled.', hint: ERROR_CODES.CANCELLED } };
  }
  const maybe = thrown as { code?: unknown; message?: unknown } | null;
  if (maybe && typeof maybe.code === 'string' && maybe.code.startsWith('commander.')) {
    const message = String(maybe.message ?? 'Invalid usage').replace(/^error:\s*/i, '');
    return { exitCode: 2, error: { code: 'USAGE', message, hint: ERROR_CODES.USAGE } };
  }
  const message =
    thrown instanceof Error
      ? thrown.message
      : `Unexpected failure: ${JSON.stringify(thrown) ?? String(thrown)}`;
  return { exitCode: 1, error: { code: 'INTERNAL', message, hint: ERROR_CODES.INTERNAL } };
}
