import type { Post, PostStatus } from '../api/api-types.js';
import type { JobView } from '../jobs/job-progress-model.js';

/** Where a post is, as the panel shows it: its status, with rendering told apart from waiting. */
export type PostPhase = PostStatus | 'rendering';

export interface PostProgress {
  phase: PostPhase;
  /** 0…1 while the phase has a measure; null when it is indeterminate or over. */
  fraction: number | null;
  etaSec: number | null;
}

const FINAL = new Set<PostStatus>(['published', 'failed', 'cancelled', 'missed']);

/** A post that will not change by itself any more. */
export const isFinalPost = (status: PostStatus) => FINAL.has(status);

/** A post the user may stop before it goes out (a held one waits for its account to reconnect). */
export const isCancellable = (status: PostStatus) =>
  status === 'queued' || status === 'scheduled' || status === 'uploading' || status === 'held';

export const isRetryable = (status: PostStatus) =>
  status === 'failed' || status === 'cancelled' || status === 'missed';

/** The latest report of one stage across the post's jobs (each job runs one stage). */
function stageOf(jobs: readonly JobView[], stage: string) {
  for (const job of jobs) {
    const found = job.stages.find((s) => s.stage === stage);
    if (found) return found;
  }
  return undefined;
}

/**
 * The post's progress from its record (status, bytes the platform acknowledged) and its jobs on
 * the feed (the post-render's fraction, the upload's ETA).
 */
export function postProgress(
  post: Pick<Post, 'status' | 'bytesSent' | 'bytesTotal'>,
  jobs: readonly JobView[],
): PostProgress {
  if (isFinalPost(post.status)) return { phase: post.status, fraction: null, etaSec: null };
  const render = stageOf(jobs, 'post-render');
  const publish = stageOf(jobs, 'publish');
  if (post.status === 'queued' && render?.status === 'running')
    return { phase: 'rendering', fraction: render.fraction, etaSec: render.etaSec };
  if (post.status === 'uploading') {
    const bytes = post.bytesTotal > 0 ? Math.min(1, post.bytesSent / post.bytesTotal) : null;
    return {
      phase: 'uploading',
      fraction: bytes ?? publish?.fraction ?? null,
      etaSec: publish?.status === 'running' ? publish.etaSec : null,
    };
  }
  return { phase: post.status, fraction: null, etaSec: null };
}

/** The failure to show for a post: its own error, else what its failed job said. */
export function postProblem(post: Pick<Post, 'status' | 'error'>, jobs: readonly JobView[]) {
  if (post.status !== 'failed' && post.status !== 'missed') return null;
  if (post.error)
    return {
      code: post.error.code,
      message: post.error.message,
      ...(post.error.hint ? { hint: post.error.hint } : {}),
    };
  const job = jobs.find((j) => j.status === 'failed' && j.message);
  return job?.message
    ? { code: job.code ?? 'JOB_FAILED', message: job.message, ...(job.hint ? { hint: job.hint } : {}) }
    : { code: post.status === 'missed' ? 'MISSED' : 'PUBLISH_FAILED', message: '' };
}
