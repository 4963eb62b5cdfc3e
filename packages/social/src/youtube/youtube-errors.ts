import { isAbortError, UserFacingError } from '@kirinuki/contracts';
import { failureKindOf, PlatformRequestError, retryAfterMs } from '../http/platform-error.js';
import { readText } from '../http/platform-http.js';

/** Google's error body: `{ error: { code, message, errors: [{ reason, domain, message }], status } }`. */
interface GoogleErrorBody {
  error?: { code?: number; message?: string; errors?: Array<{ reason?: string; message?: string }> } | string;
  error_description?: string;
}

/** The reason and message of a Google error body, whichever shape it has. */
export function googleReason(body: unknown): { reason: string | null; message: string | null } {
  const b = body as GoogleErrorBody | null;
  if (!b || typeof b !== 'object') return { reason: null, message: null };
  if (typeof b.error === 'string') return { reason: b.error, message: b.error_description ?? null };
  const first = b.error?.errors?.[0];
  return { reason: first?.reason ?? null, message: b.error?.message ?? first?.message ?? null };
}

/** Quota reasons: the project's daily units, or the channel's daily uploads. Retrying does not help. */
const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);
/** Per-user request rates: worth waiting for. */
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** A failed YouTube answer as a request error of the right kind, with Google's reason in the message. */
export function youtubeRequestError(status: number, body: unknown, headers: Headers): PlatformRequestError {
  const { reason, message } = googleReason(body);
  const text = `${message ?? `HTTP ${status}`}${reason ? ` (${reason})` : ''}`;
  const wait = retryAfterMs(headers.get('retry-after'));
  if (reason && QUOTA_REASONS.has(reason))
    return new PlatformRequestError(text, 'permanent', status, null, 'PLATFORM_QUOTA_EXCEEDED');
  if (status === 429 || (reason && RATE_REASONS.has(reason)))
    return new PlatformRequestError(text, 'transient', status, wait, 'PLATFORM_RATE_LIMITED');
  return new PlatformRequestError(text, failureKindOf(status), status, wait);
}

/** Reads a failed response's body and classifies it. */
export async function youtubeFailure(response: Response): Promise<PlatformRequestError> {
  const text = await readText(response).catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return youtubeRequestError(response.status, body, response.headers);
}

/** A 2xx answer's JSON; anything else becomes a classified request error. */
export async function youtubeJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw await youtubeFailure(response);
  const text = await readText(response);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new PlatformRequestError(
      'YouTube answered with something that is not JSON',
      'transient',
      response.status,
    );
  }
}

const HINTS: Partial<Record<string, string>> = {
  uploadLimitExceeded:
    'The channel reached the number of videos YouTube lets it upload in 24 hours; retry the post tomorrow.',
};

/** What the user sees when a YouTube request ends the post (cancellation passes through untouched). */
export function toUserError(error: unknown): unknown {
  if (error instanceof UserFacingError || isAbortError(error)) return error;
  if (!(error instanceof PlatformRequestError)) return error;
  const reason = /\((\w+)\)$/.exec(error.message)?.[1];
  const hint = reason ? HINTS[reason] : undefined;
  return new UserFacingError(error.code, `YouTube: ${error.message}`, {
    cause: error,
    ...(hint ? { hint } : {}),
  });
}
