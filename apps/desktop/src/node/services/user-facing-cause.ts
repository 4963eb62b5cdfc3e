import { isUserFacingError, type UserFacingError } from '@kirinuki/pipeline';

/** The first UserFacingError in an error's cause chain (tRPC wraps what a procedure threw). */
export function findUserFacingCause(error: unknown): UserFacingError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    if (isUserFacingError(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
