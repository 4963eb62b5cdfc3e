import type { ErrorCode } from '@kirinuki/contracts';
import { PlatformRequestError, retryAfterMs, type FailureKind } from '../http/platform-error.js';
import { readText } from '../http/platform-http.js';

/** The three error shapes Instagram answers with: the Graph API's, the upload host's, the token host's. */
interface GraphErrorBody {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    is_transient?: boolean;
    error_user_msg?: string;
  };
  debug_info?: { type?: string; message?: string; retriable?: boolean };
  error_type?: string;
  error_message?: string;
  code?: number;
}

/** Graph API throttling codes (app, user, page, custom, Instagram account) — Graph rate-limiting docs. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80002]);
/** "Instagram server error / download timeout / create media fail: try again" (Instagram error codes). */
const RETRY_SUBCODES = new Set([2207001, 2207003, 2207032]);
/** 9 / 2207042: the account reached the posts the Content Publishing API allows in 24 h. */
const QUOTA_SUBCODE = 2207042;
/** 9007 / 2207027: the container is not ready to publish yet. */
export const NOT_READY_SUBCODE = 2207027;

/** What went wrong, read from the body, with Graph's own code and subcode kept for the caller. */
export class InstagramRequestError extends PlatformRequestError {
  constructor(
    message: string,
    kind: FailureKind,
    status: number | null,
    retryAfter: number | null,
    code: ErrorCode | undefined,
    readonly graphCode: number | null,
    readonly graphSubcode: number | null,
  ) {
    super(message, kind, status, retryAfter, code);
  }
}

/**
 * The wait a throttled call names: Retry-After, else `estimated_time_to_regain_access` (minutes) of
 * the X-Business-Use-Case-Usage / X-App-Usage headers, else a minute.
 */
function throttleWaitMs(headers: Headers): number {
  const header = retryAfterMs(headers.get('retry-after'));
  if (header !== null) return header;
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const raw = headers.get(name);
    if (!raw) continue;
    const minutes = [...raw.matchAll(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g)].map((m) =>
      Number(m[1]),
    );
    if (minutes.length) return Math.max(...minutes) * 60_000 || 60_000;
  }
  return 60_000;
}

/** The request error a non-2xx Instagram answer is, by what its body says rather than its status alone. */
export function instagramError(status: number, parsed: unknown, headers: Headers): InstagramRequestError {
  const body = parsed && typeof parsed === 'object' ? (parsed as GraphErrorBody) : null;
  const graph = body?.error && typeof body.error === 'object' ? body.error : undefined;
  const code = graph?.code ?? body?.code ?? null;
  const subcode = graph?.error_subcode ?? null;
  const said =
    graph?.error_user_msg ||
    graph?.message ||
    body?.debug_info?.message ||
    body?.error_message ||
    `HTTP ${status}`;
  const message = code !== null ? `${said} (code ${code}${subcode ? `/${subcode}` : ''})` : said;
  const make = (kind: FailureKind, userCode?: ErrorCode, wait: number | null = null) =>
    new InstagramRequestError(message, kind, status, wait, userCode, code, subcode);

  if (status === 429 || (code !== null && RATE_LIMIT_CODES.has(code)))
    return make('transient', 'PLATFORM_RATE_LIMITED', throttleWaitMs(headers));
  if (code === 190 || status === 401 || body?.debug_info?.type === 'NotAuthorizedError') return make('auth');
  if (subcode === QUOTA_SUBCODE) return make('permanent', 'PLATFORM_QUOTA_EXCEEDED');
  if (
    status >= 500 ||
    graph?.is_transient === true ||
    body?.debug_info?.retriable === true ||
    code === 1 ||
    code === 2 ||
    (subcode !== null && RETRY_SUBCODES.has(subcode))
  )
    return make('transient', undefined, retryAfterMs(headers.get('retry-after')));
  return make('permanent');
}

/** The 2xx answer's JSON, or the InstagramRequestError its body describes. */
export async function expectInstagramJson<T>(response: Response): Promise<T> {
  const text = await readText(response);
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) {
    if (parsed === null)
      throw new PlatformRequestError(
        'Instagram answered with something that is not JSON',
        'transient',
        response.status,
      );
    return parsed as T;
  }
  throw instagramError(response.status, parsed, response.headers);
}

/**
 * An id field exactly as the server wrote it: Instagram user ids pass 2^53, so a number would lose
 * digits in JSON.parse.
 */
export function rawIdField(text: string, field: string): string | null {
  const match = new RegExp(`"${field}"\\s*:\\s*"?(\\d+)"?`).exec(text);
  return match?.[1] ?? null;
}
