import { PlatformRequestError } from '../http/platform-error.js';
import { withRetries } from '../http/upload-retry.js';
import type { PublishContext } from '../platform-client.js';
import { fetchPublishStatus, putChunk, type ApiCall, type PublishStatus } from './tiktok-api.js';
import { bytesOfChunks, chunkRange, chunksWithin, type ChunkPlan } from './tiktok-chunks.js';
import { TIKTOK_UPLOAD_URL_TTL_MS } from './tiktok-endpoints.js';
import type { TikTokUploadState } from './tiktok-state.js';

/** What a publish run needs besides the context: the wire, the clock, and fresh tokens on 401. */
export interface UploadRun {
  ctx: PublishContext;
  fetch: typeof fetch;
  origin: string | null | undefined;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  /** An API call with the token in hand; `refreshToken` swaps it for a fresh one (after a 401). */
  api(): Promise<ApiCall>;
  refreshToken(): Promise<void>;
}

type Uploading = Extract<TikTokUploadState, { step: 'uploading' }>;

/** What TikTok's status says of the upload: keep sending from a chunk, it is whole, or it is gone. */
export type UploadStanding =
  { kind: 'continue'; chunksHeld: number } | { kind: 'complete' } | { kind: 'gone'; reason: string };

/** The upload's standing from status/fetch: `uploaded_bytes` is TikTok's count, not ours. */
export function standingOf(
  status: PublishStatus,
  plan: ChunkPlan,
  fallbackChunks: number,
  expired: boolean,
): UploadStanding {
  const held = status.uploaded_bytes;
  const whole = typeof held === 'number' && held >= plan.videoSize;
  switch (status.status) {
    case 'FAILED':
      // Failed with every byte in: the post failed (polling reports why). Without them: never a post.
      return whole || held === undefined
        ? { kind: 'complete' }
        : { kind: 'gone', reason: status.fail_reason ?? 'failed' };
    case 'PROCESSING_DOWNLOAD':
    case 'SEND_TO_USER_INBOX':
    case 'PUBLISH_COMPLETE':
      return { kind: 'complete' };
    default: {
      if (whole) return { kind: 'complete' };
      if (expired) return { kind: 'gone', reason: 'the upload URL expired' };
      return {
        kind: 'continue',
        chunksHeld: typeof held === 'number' ? chunksWithin(plan, held) : fallbackChunks,
      };
    }
  }
}

// Answers to a chunk that mean "TikTok holds other bytes than we think" or "this upload is gone":
// status/fetch says which before anything is sent again.
const ASK_AGAIN = new Set([403, 404, 409, 410, 416]);

/**
 * Sends the chunks after those TikTok holds, in order, saving the count after each acknowledged one.
 * Any failure or resume first asks status/fetch what TikTok holds, so a chunk whose answer was lost
 * is never sent twice and a finished upload is never sent again. Returns the standing at the end.
 */
export async function sendChunks(
  run: UploadRun,
  state: Uploading,
  resumed: boolean,
): Promise<UploadStanding> {
  const { ctx } = run;
  const plan: ChunkPlan = {
    videoSize: state.videoSize,
    chunkSize: state.chunkSize,
    chunkCount: state.chunkCount,
  };
  let chunks = state.chunksAcked;
  let mustAsk = resumed;
  const expired = () => run.now() - state.initAt >= TIKTOK_UPLOAD_URL_TTL_MS;
  const ask = async (): Promise<UploadStanding> => {
    const status = await fetchPublishStatus(await run.api(), state.publishId);
    return standingOf(status, plan, chunks, expired());
  };
  const retry = {
    signal: ctx.signal,
    sleep: run.sleep,
    now: run.now,
    onAuthFailure: () => run.refreshToken(),
  };
  const wire = { fetch: run.fetch, origin: run.origin, signal: ctx.signal };
  const save = async (held: number) => {
    chunks = held;
    await ctx.saveState({ ...state, chunksAcked: held });
    ctx.onProgress({ bytesSent: bytesOfChunks(plan, held), bytesTotal: plan.videoSize, stage: 'uploading' });
  };

  if (state.videoSize !== ctx.file.size) {
    // A re-rendered file: the old upload may be whole (then it is the post) but is never continued.
    const standing = await withRetries(ask, () => 0, retry);
    return standing.kind === 'continue' ? { kind: 'gone', reason: 'the rendered file changed' } : standing;
  }
  while (chunks < plan.chunkCount) {
    if (expired()) mustAsk = true;
    const index = chunks;
    const range = chunkRange(plan, index);
    const outcome = await withRetries<UploadStanding | 'sent'>(
      async () => {
        if (mustAsk) {
          const standing = await ask();
          mustAsk = false;
          if (standing.kind !== 'continue' || standing.chunksHeld !== index) return standing;
        }
        try {
          await putChunk(wire, state.uploadUrl, plan, range, ctx.file.path);
          return 'sent';
        } catch (error) {
          if (!(error instanceof PlatformRequestError)) throw error;
          mustAsk = true;
          // Asked before the next try: the chunk may have landed, or the upload may be gone.
          if (error.status !== null && ASK_AGAIN.has(error.status))
            throw new PlatformRequestError(
              error.message,
              'transient',
              error.status,
              error.retryAfterMs,
              error.code,
            );
          throw error;
        }
      },
      () => chunks,
      retry,
    );
    if (outcome === 'sent') await save(index + 1);
    else if (outcome.kind === 'continue') await save(outcome.chunksHeld);
    else return outcome;
  }
  return { kind: 'complete' };
}
