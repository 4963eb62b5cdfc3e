import { UserFacingError } from '@kirinuki/contracts';
import type { UploadState } from '../platform-client.js';
import type { ChunkPlan } from './tiktok-chunks.js';

/**
 * Where one TikTok publish is, saved before each next step:
 * - `initializing`: video/init is about to be (or was) sent; no publish id is known. A lost init
 *   answer leaves an upload TikTok never gets a byte of, which never becomes a post; resuming sends
 *   a new init.
 * - `uploading`: TikTok gave a publish id and upload_url; `chunksAcked` chunks were acknowledged.
 *   Resuming asks status/fetch how many bytes TikTok holds, and sends the chunks after them.
 * - `processing`: every byte is with TikTok; resuming polls status/fetch for the outcome.
 * - `published`: TikTok said PUBLISH_COMPLETE; resuming returns the post without a new request.
 * - `failed`: TikTok said FAILED for a publish id (never a post); resuming starts a new upload.
 */
export type TikTokUploadState =
  | ({ step: 'initializing'; attempt: number } & ChunkPlan)
  | ({
      step: 'uploading';
      attempt: number;
      publishId: string;
      uploadUrl: string;
      /** When video/init answered (epoch ms): the upload_url lives an hour from then. */
      initAt: number;
      chunksAcked: number;
    } & ChunkPlan)
  | { step: 'processing'; attempt: number; publishId: string; videoSize: number }
  | { step: 'published'; attempt: number; publishId: string; remoteId: string }
  | { step: 'failed'; attempt: number; publishId: string; reason: string };

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isPlan(state: Record<string, unknown>): boolean {
  return isCount(state.videoSize) && isCount(state.chunkSize) && isCount(state.chunkCount);
}

/** The saved state as TikTok's, checked field by field (it was read back from disk). */
export function readTikTokState(saved: UploadState | null): TikTokUploadState | null {
  if (!saved) return null;
  const s = saved as Record<string, unknown>;
  const attempt = isCount(s.attempt) ? s.attempt : 1;
  const ok = (() => {
    switch (s.step) {
      case 'initializing':
        return isPlan(s);
      case 'uploading':
        return (
          isPlan(s) &&
          isText(s.publishId) &&
          isText(s.uploadUrl) &&
          isCount(s.initAt) &&
          isCount(s.chunksAcked)
        );
      case 'processing':
        return isText(s.publishId) && isCount(s.videoSize);
      case 'published':
        return isText(s.publishId) && isText(s.remoteId);
      case 'failed':
        return isText(s.publishId) && typeof s.reason === 'string';
      default:
        return false;
    }
  })();
  if (!ok)
    throw new UserFacingError(
      'INTERNAL',
      `The saved TikTok upload state is not one this version reads (${JSON.stringify(saved).slice(0, 200)}).`,
    );
  return { ...s, attempt } as TikTokUploadState;
}
