import { UserFacingError } from '@kirinuki/contracts';
import {
  TIKTOK_DEFAULT_CHUNK_BYTES,
  TIKTOK_MAX_CHUNK_BYTES,
  TIKTOK_MAX_CHUNKS,
  TIKTOK_MIN_CHUNK_BYTES,
} from './tiktok-endpoints.js';

/** How a file is cut for FILE_UPLOAD: what video/init is told, and what each PUT sends. */
export type ChunkPlan = {
  videoSize: number;
  chunkSize: number;
  chunkCount: number;
};

/**
 * The chunks of a file by TikTok's rules: `chunkCount = floor(videoSize / chunkSize)`, chunks of
 * 5–64 MB with the last taking the remainder (under 2 × chunkSize ≤ 128 MB), a file under 5 MB in
 * one piece, more than 64 MB in two or more, 1–1000 chunks. `preferred` is clamped to the rules.
 */
export function planChunks(videoSize: number, preferred = TIKTOK_DEFAULT_CHUNK_BYTES): ChunkPlan {
  if (!Number.isSafeInteger(videoSize) || videoSize <= 0)
    throw new UserFacingError(
      'EMPTY_FILE',
      `The rendered clip has ${videoSize} bytes; TikTok needs a video.`,
    );
  const wanted = Math.min(TIKTOK_MAX_CHUNK_BYTES, Math.max(TIKTOK_MIN_CHUNK_BYTES, Math.floor(preferred)));
  // One piece: required under 5 MB, allowed up to 64 MB; used when two chunks of `wanted` do not fit.
  if (videoSize <= TIKTOK_MAX_CHUNK_BYTES && videoSize < 2 * wanted)
    return { videoSize, chunkSize: videoSize, chunkCount: 1 };
  let chunkSize = Math.max(wanted, Math.ceil(videoSize / TIKTOK_MAX_CHUNKS));
  // Over 64 MB there must be at least two chunks.
  if (videoSize > TIKTOK_MAX_CHUNK_BYTES) chunkSize = Math.min(chunkSize, Math.floor(videoSize / 2));
  chunkSize = Math.min(chunkSize, TIKTOK_MAX_CHUNK_BYTES);
  const chunkCount = Math.floor(videoSize / chunkSize);
  if (chunkCount > TIKTOK_MAX_CHUNKS)
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The video is ${videoSize} bytes: more than TikTok's ${TIKTOK_MAX_CHUNKS} chunks of 64 MB.`,
      { hint: 'Render the clip smaller (TikTok takes up to 4 GB).' },
    );
  return { videoSize, chunkSize, chunkCount };
}

/** Bytes [start, end) of chunk `index`; the last chunk runs to the end of the file. */
export function chunkRange(plan: ChunkPlan, index: number): { start: number; end: number } {
  const start = index * plan.chunkSize;
  const end = index === plan.chunkCount - 1 ? plan.videoSize : start + plan.chunkSize;
  return { start, end };
}

/** The chunks wholly inside the first `bytes` bytes (TikTok stores a chunk whole or not at all). */
export function chunksWithin(plan: ChunkPlan, bytes: number): number {
  if (bytes >= plan.videoSize) return plan.chunkCount;
  return Math.min(plan.chunkCount - 1, Math.floor(Math.max(0, bytes) / plan.chunkSize));
}

/** The bytes the first `chunks` chunks hold. */
export function bytesOfChunks(plan: ChunkPlan, chunks: number): number {
  return chunks >= plan.chunkCount ? plan.videoSize : chunks * plan.chunkSize;
}

/** `Content-Range: bytes {first}-{last}/{total}` of a chunk (last byte inclusive). */
export const contentRangeOf = (plan: ChunkPlan, range: { start: number; end: number }) =>
  `bytes ${range.start}-${range.end - 1}/${plan.videoSize}`;
