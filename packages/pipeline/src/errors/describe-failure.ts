import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { isAbortError, isUserFacingError } from './user-facing-error.js';

export interface FailureDescription {
  /** 2 for a user error (including cancellation), 1 for an internal one. */
  exitCode: 1 | 2;
  error: { code: ErrorCode; message: string; hint: string };
}

/**
 * Maps anything thrown to what the user is shown. Usage errors from the CLI parser arrive as
 * objects with a `code` starting with "commander." and are user errors.
 */
export function describeFailure(thrown: unknown): FailureDescription {
  if (isUserFacingError(thrown)) return { exitCode: 2, error: thrown.toJSON() };
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
