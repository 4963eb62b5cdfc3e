import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** An error the user must see: a code, a plain message naming what was found, and what to do next. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly details: Record<string, unknown> | undefined;
  /** When trying again may work (epoch ms): a platform's limit that resets then. */
  readonly retryAt: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; cause?: unknown; details?: Record<string, unknown>; retryAt?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_CODES[code];
    this.details = options.details;
    this.retryAt = options.retryAt ?? retryAtIn(options.cause);
  }

  toJSON(): { code: ErrorCode; message: string; hint: string; retryAt?: number } {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.retryAt === undefined ? {} : { retryAt: this.retryAt }),
    };
  }
}

/** An error, then its cause, its cause's cause… (8 deep at most). */
export function* causeChain(error: unknown): Generator<unknown> {
  let current = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** The first `retryAt` (epoch ms) along a cause chain: a platform's busy-until under the error. */
function retryAtIn(cause: unknown): number | undefined {
  for (const current of causeChain(cause)) {
    const at = (current as { retryAt?: unknown }).retryAt;
    if (typeof at === 'number' && Number.isFinite(at)) return at;
  }
  return undefined;
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}

/** True for the error an aborted AbortSignal produces (told apart from a failure). */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR')
  );
}

export function abortError(reason?: unknown): Error {
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was cancelled');
  error.name = 'AbortError';
  return error;
}

/** What throwIfAborted reads of an AbortSignal (the contracts compile without DOM or node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw abortError(signal.reason instanceof Error ? signal.reason.message : undefined);
}
