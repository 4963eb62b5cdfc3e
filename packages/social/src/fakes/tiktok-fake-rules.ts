// TikTok's documented rules as the fake enforces them, written from the docs (not from our client):
// content-posting-api-media-transfer-guide (chunks), content-posting-api-reference-direct-post
// (post_info, privacy, error codes). Where "MB" could be 10^6 or 2^20, the stricter bound is enforced.

const MIB = 1024 * 1024;
/** Each chunk at least 5 MB (strict: 5 MiB) … */
export const MIN_CHUNK = 5 * MIB;
/** … at most 64 MB (strict: 64 × 10^6) … */
export const MAX_CHUNK = 64_000_000;
/** … but the last, which takes the trailing bytes, up to 128 MB (strict: 128 × 10^6). */
export const MAX_LAST_CHUNK = 128_000_000;
export const MAX_CHUNKS = 1000;
export const CAPTION_MAX_UTF16 = 2200;

export const PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
];

export interface SourceInfo {
  source?: unknown;
  video_size?: unknown;
  chunk_size?: unknown;
  total_chunk_count?: unknown;
}

const isWhole = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** Why a FILE_UPLOAD source_info breaks the chunk rules, or null when it keeps them. */
export function chunkRuleBroken(source: SourceInfo): string | null {
  if (source.source !== 'FILE_UPLOAD')
    return 'source must be FILE_UPLOAD (PULL_FROM_URL needs a verified domain)';
  const { video_size: size, chunk_size: chunk, total_chunk_count: count } = source;
  if (!isWhole(size) || !isWhole(chunk) || !isWhole(count))
    return 'video_size, chunk_size and total_chunk_count must be positive integers';
  if (size < MIN_CHUNK) {
    if (chunk !== size || count !== 1)
      return 'a video under 5 MB is uploaded whole: chunk_size = video_size, 1 chunk';
    return null;
  }
  if (chunk < MIN_CHUNK || chunk > MAX_CHUNK) return `chunk_size ${chunk} is outside 5 MB to 64 MB`;
  if (count !== Math.floor(size / chunk))
    return `total_chunk_count must be floor(video_size / chunk_size) = ${Math.floor(size / chunk)}, not ${count}`;
  if (count < 1 || count > MAX_CHUNKS) return `total_chunk_count ${count} is outside 1 to ${MAX_CHUNKS}`;
  if (size > MAX_CHUNK && count < 2) return 'a video over 64 MB is uploaded in more than one chunk';
  const last = size - (count - 1) * chunk;
  if (last > MAX_LAST_CHUNK) return `the last chunk would be ${last} bytes, over 128 MB`;
  return null;
}

/** Bytes [start, end) TikTok expects for chunk `index` of an upload (the last one takes the rest). */
export function expectedChunk(size: number, chunk: number, count: number, index: number) {
  const start = index * chunk;
  return { start, end: index === count - 1 ? size : start + chunk };
}

/** `bytes {first}-{last}/{total}` → numbers, or null when malformed. */
export function parseContentRange(
  header: string | undefined,
): { first: number; last: number; total: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? '');
  if (!match) return null;
  const [first, last, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return last >= first ? { first, last, total } : null;
}

export interface PostInfo {
  title?: unknown;
  privacy_level?: unknown;
  disable_duet?: unknown;
  disable_comment?: unknown;
  disable_stitch?: unknown;
  video_cover_timestamp_ms?: unknown;
  brand_content_toggle?: unknown;
  brand_organic_toggle?: unknown;
}

export interface CreatorSettings {
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  unaudited: boolean;
}

/** The Direct Post error a post_info earns, as [HTTP status, TikTok error code, message], or null. */
export function postInfoRuleBroken(
  info: PostInfo | undefined,
  creator: CreatorSettings,
): [number, string, string] | null {
  if (!info || typeof info !== 'object') return [400, 'invalid_params', 'post_info is required'];
  const level = info.privacy_level;
  if (typeof level !== 'string' || !PRIVACY_LEVELS.includes(level))
    return [400, 'invalid_params', 'privacy_level must be one of the documented levels'];
  if (!creator.privacyLevelOptions.includes(level))
    return [403, 'privacy_level_option_mismatch', `privacy_level ${level} is not in privacy_level_options`];
  if (creator.unaudited && level !== 'SELF_ONLY')
    return [
      403,
      'unaudited_client_can_only_post_to_private_accounts',
      'an unaudited client posts SELF_ONLY only',
    ];
  if (info.title !== undefined && typeof info.title !== 'string')
    return [400, 'invalid_params', 'title must be a string'];
  if (typeof info.title === 'string' && info.title.length > CAPTION_MAX_UTF16)
    return [400, 'invalid_params', `title is ${info.title.length} UTF-16 units, over ${CAPTION_MAX_UTF16}`];
  for (const key of [
    'disable_duet',
    'disable_comment',
    'disable_stitch',
    'brand_content_toggle',
    'brand_organic_toggle',
  ] as const)
    if (info[key] !== undefined && typeof info[key] !== 'boolean')
      return [400, 'invalid_params', `${key} must be a boolean`];
  const off: Array<[keyof PostInfo, boolean]> = [
    ['disable_comment', creator.commentDisabled],
    ['disable_duet', creator.duetDisabled],
    ['disable_stitch', creator.stitchDisabled],
  ];
  for (const [key, disabled] of off)
    if (disabled && info[key] !== true)
      return [400, 'invalid_params', `the creator turned off ${key.slice(8)}s: ${key} must be true`];
  if (info.brand_content_toggle === true && level === 'SELF_ONLY')
    return [400, 'invalid_params', 'branded content cannot be SELF_ONLY'];
  return null;
}
