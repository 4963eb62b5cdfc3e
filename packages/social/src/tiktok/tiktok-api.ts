import { UserFacingError, type ErrorCode } from '@kirinuki/contracts';
import {
  failureKindOf,
  PlatformRequestError,
  retryAfterMs,
  type FailureKind,
} from '../http/platform-error.js';
import { readText, sendRequest } from '../http/platform-http.js';
import { viaOrigin } from '../platform-origin.js';
import { contentRangeOf, type ChunkPlan } from './tiktok-chunks.js';
import {
  TIKTOK_CREATOR_INFO_URL,
  TIKTOK_STATUS_URL,
  TIKTOK_USER_INFO_URL,
  TIKTOK_VIDEO_INIT_URL,
} from './tiktok-endpoints.js';

/** TikTok API v2's answer: `data`, and `error` whose code is "ok" on success. */
interface Envelope<T> {
  data?: T;
  error?: { code?: string; message?: string; log_id?: string };
}

export interface CreatorInfo {
  creator_avatar_url?: string;
  creator_username?: string;
  creator_nickname?: string;
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
  max_video_post_duration_sec?: number;
}

export interface UserInfo {
  user?: { open_id?: string; avatar_url?: string; display_name?: string };
}

export interface PublishStatus {
  status?: 'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'SEND_TO_USER_INBOX' | 'PUBLISH_COMPLETE' | 'FAILED';
  fail_reason?: string;
  /** Sic: TikTok's spelling. Empty until a public post passes moderation; always empty when private. */
  publicaly_available_post_id?: Array<string | number>;
  uploaded_bytes?: number;
}

export interface VideoInitBody {
  post_info: Record<string, unknown>;
  source_info: { source: 'FILE_UPLOAD'; video_size: number; chunk_size: number; total_chunk_count: number };
}

/** A TikTok failure: its kind for the retry loop, its user-facing code, and TikTok's own error code. */
export class TikTokRequestError extends PlatformRequestError {
  constructor(
    message: string,
    kind: FailureKind,
    status: number | null,
    retryAfter: number | null,
    code: ErrorCode | undefined,
    readonly tiktokCode: string | null,
  ) {
    super(message, kind, status, retryAfter, code);
  }
}

// TikTok's documented error codes (API v2 error handling, Direct Post reference) as what to do.
const RULES: Record<string, { kind: FailureKind; code: ErrorCode; hint?: string }> = {
  access_token_invalid: { kind: 'auth', code: 'ACCOUNT_RECONNECT_NEEDED' },
  scope_not_authorized: {
    kind: 'permanent',
    code: 'ACCOUNT_RECONNECT_NEEDED',
    hint: 'Connect the account again (`kirinuki accounts connect tiktok`) and allow posting videos.',
  },
  scope_permission_missed: { kind: 'permanent', code: 'ACCOUNT_RECONNECT_NEEDED' },
  rate_limit_exceeded: { kind: 'transient', code: 'PLATFORM_RATE_LIMITED' },
  internal_error: { kind: 'transient', code: 'PLATFORM_UNAVAILABLE' },
  spam_risk_too_many_posts: {
    kind: 'permanent',
    code: 'PLATFORM_QUOTA_EXCEEDED',
    hint: 'TikTok caps the posts a creator makes through apps each day; retry the post tomorrow.',
  },
  spam_risk_too_many_pending_share: { kind: 'permanent', code: 'PLATFORM_QUOTA_EXCEEDED' },
  reached_active_user_cap: {
    kind: 'permanent',
    code: 'PLATFORM_QUOTA_EXCEEDED',
    hint: 'TikTok caps how many creators an app may post for each day; retry tomorrow, or have the app audited.',
  },
  unaudited_client_can_only_post_to_private_accounts: {
    kind: 'permanent',
    code: 'PLATFORM_REJECTED',
    hint: 'Post as private: TikTok lets an app it has not audited post only privately (your developer app can be audited).',
  },
  privacy_level_option_mismatch: {
    kind: 'permanent',
    code: 'PLATFORM_REJECTED',
    hint: 'The account’s privacy choices changed: choose the privacy again and retry.',
  },
  spam_risk_user_banned_from_posting: {
    kind: 'permanent',
    code: 'PLATFORM_REJECTED',
    hint: 'TikTok does not let this account post now; check the account in the TikTok app.',
  },
};

/** The error a TikTok answer is: its documented code decides; else the HTTP status does. */
export function tiktokError(
  status: number,
  error: Envelope<unknown>['error'] | null | undefined,
  retryAfterHeader: string | null,
): TikTokRequestError {
  const code = error?.code && error.code !== 'ok' ? error.code : null;
  const rule = code ? RULES[code] : undefined;
  const kind = rule?.kind ?? failureKindOf(status);
  const described = code ? `${code}${error?.message ? `: ${error.message}` : ''}` : `HTTP ${status}`;
  const userCode = rule?.code ?? (status === 429 ? 'PLATFORM_RATE_LIMITED' : undefined);
  return new TikTokRequestError(described, kind, status, retryAfterMs(retryAfterHeader), userCode, code);
}

/** What the user sees when a TikTok failure ends the post: TikTok's reason and the next step. */
export function tiktokUserFacing(error: PlatformRequestError): UserFacingError {
  const hint =
    error instanceof TikTokRequestError && error.tiktokCode ? RULES[error.tiktokCode]?.hint : undefined;
  return new UserFacingError(error.code, `TikTok: ${error.message}`, {
    cause: error,
    ...(hint ? { hint } : {}),
  });
}

async function parse<T>(response: Response): Promise<{ body: Envelope<T> | null; text: string }> {
  const text = await readText(response);
  try {
    return { body: text ? (JSON.parse(text) as Envelope<T>) : null, text };
  } catch {
    return { body: null, text };
  }
}

/** Post ids as the digits TikTok wrote: they are int64, past what a JS number holds exactly. */
export function postIdsIn(text: string): string[] {
  const list = /"publicaly_available_post_id"\s*:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return list
    .split(',')
    .map((id) => id.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

export interface ApiCall {
  fetch: typeof fetch;
  origin: string | null | undefined;
  token: string;
  signal: AbortSignal;
}

/** One API v2 call: the data on `error.code == "ok"`, else a TikTokRequestError. */
async function callApi<T>(
  call: ApiCall,
  method: 'GET' | 'POST',
  url: string,
  json?: unknown,
  finish: (data: T, text: string) => T = (data) => data,
): Promise<T> {
  const response = await sendRequest(call.fetch, {
    method,
    url: viaOrigin(url, call.origin),
    headers: {
      authorization: `Bearer ${call.token}`,
      ...(method === 'POST' && json === undefined
        ? { 'content-type': 'application/json; charset=UTF-8' }
        : {}),
    },
    ...(json === undefined ? {} : { json }),
    signal: call.signal,
  });
  const { body, text } = await parse<T>(response);
  const code = body?.error?.code;
  if (response.ok && body && (code === undefined || code === 'ok'))
    return finish((body.data ?? {}) as T, text);
  if (response.ok && !body)
    throw new TikTokRequestError(
      'TikTok answered with something that is not JSON',
      'transient',
      response.status,
      null,
      undefined,
      null,
    );
  throw tiktokError(response.status, body?.error, response.headers.get('retry-after'));
}

/** creator_info/query (20 a minute per token): what this creator may post now. */
export const queryCreatorInfo = (call: ApiCall) =>
  callApi<CreatorInfo>(call, 'POST', TIKTOK_CREATOR_INFO_URL);

export const queryUserInfo = (call: ApiCall) => callApi<UserInfo>(call, 'GET', TIKTOK_USER_INFO_URL);

/** video/init (6 a minute per token): a publish id and the upload_url the chunks go to. */
export const initVideo = (call: ApiCall, body: VideoInitBody) =>
  callApi<{ publish_id?: string; upload_url?: string }>(call, 'POST', TIKTOK_VIDEO_INIT_URL, body);

/** status/fetch (30 a minute per token): where the post is, and the bytes TikTok holds. */
export const fetchPublishStatus = (call: ApiCall, publishId: string) =>
  callApi<PublishStatus>(call, 'POST', TIKTOK_STATUS_URL, { publish_id: publishId }, (data, text) => ({
    ...data,
    publicaly_available_post_id: postIdsIn(text),
  }));

/**
 * PUT one chunk to the upload_url (no bearer: the URL carries its own upload token). TikTok answers
 * 206 while chunks remain and 201 when the file is whole; any other failure is an error by status.
 */
export async function putChunk(
  call: Omit<ApiCall, 'token'>,
  uploadUrl: string,
  plan: ChunkPlan,
  range: { start: number; end: number },
  file: string,
): Promise<number> {
  const response = await sendRequest(call.fetch, {
    method: 'PUT',
    url: viaOrigin(uploadUrl, call.origin),
    headers: {
      'content-type': 'video/mp4',
      'content-range': contentRangeOf(plan, range),
    },
    body: [{ path: file, start: range.start, end: range.end }],
    signal: call.signal,
    // A chunk of tens of MB on a slow line: a minute, and then ~400 kbit/s at the least.
    timeoutMs: 60_000 + Math.ceil((range.end - range.start) / 50),
  });
  const { body } = await parse<unknown>(response);
  if (response.ok) return response.status;
  throw tiktokError(response.status, body?.error, response.headers.get('retry-after'));
}
