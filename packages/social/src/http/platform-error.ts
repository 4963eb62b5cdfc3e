import { UserFacingError, type ErrorCode } from '@kirinuki/contracts';

/**
 * Why a platform request failed, as what to do about it: `transient` faults are retried (5xx, a
 * dropped connection, 429 after its Retry-After); `auth` means the access token is not accepted (a
 * fresh one may help once); `permanent` fails the post with the platform's reason.
 */
export type FailureKind = 'transient' | 'auth' | 'permanent';

export class PlatformRequestError extends Error {
  override readonly name = 'PlatformRequestError';
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly status: number | null,
    /** From Retry-After (or the platform's own reset time), in ms. */
    readonly retryAfterMs: number | null = null,
    /** The coded error the user sees when this ends the post. */
    readonly code: ErrorCode = kind === 'auth'
      ? 'ACCOUNT_RECONNECT_NEEDED'
      : kind === 'transient'
        ? 'PLATFORM_UNAVAILABLE'
        : 'PLATFORM_REJECTED',
  ) {
    super(message);
  }

  toUserFacing(platform: string): UserFacingError {
    return new UserFacingError(this.code, `${platform}: ${this.message}`, { cause: this });
  }
}

/**
 * A transient failure whose wait is too long to spend holding an upload slot (a rate limit that
 * resets minutes away): the post is given back to the host to come back at `retryAt`, its
 * upload state kept, instead of sleeping while other posts wait behind it.
 */
export class PlatformBusyUntil extends PlatformRequestError {
  constructor(
    readonly failure: PlatformRequestError,
    /** When the platform takes requests again (epoch ms); a UserFacingError made from this keeps it. */
    readonly retryAt: number,
  ) {
    super(
      `${failure.message} (the limit resets at ${new Date(retryAt).toISOString()})`,
      'transient',
      failure.status,
      failure.retryAfterMs,
      failure.code,
    );
  }
}

/** Retry-After as ms (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** The kind of failure an HTTP status is, before the platform's body says more. */
export function failureKindOf(status: number): FailureKind {
  if (status === 401) return 'auth';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

/** A network-level failure (reset, refused, timed out, cut mid-body): always worth another try. */
export function networkError(error: unknown): PlatformRequestError {
  const message =
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error);
  return new PlatformRequestError(`the connection failed (${message})`, 'transient', null);
}
