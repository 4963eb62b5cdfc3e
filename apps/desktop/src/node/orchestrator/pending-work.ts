import type { JobStatus } from '../storage/jobs.table.js';
import type { StageGraph } from './stage-graph.js';

/**
 * Whether a queued job may still become runnable without anyone acting (its upstream is done,
 * running or itself pending, or it waits for a retry). Jobs behind a failed or cancelled stage
 * need the user, so a worker with only those left is idle.
 */
export function hasPendingWork(
  rows: ReadonlyArray<{ videoId: string; stage: string; status: JobStatus }>,
  graph: Pick<StageGraph, 'spec'>,
): boolean {
  const statusOf = new Map(rows.map((r) => [`${r.videoId}\u0000${r.stage}`, r.status]));
  const blocked = new Map<string, boolean>();
  const isBlocked = (videoId: string, stage: string): boolean => {
    const key = `${videoId}\u0000${stage}`;
    const known = blocked.get(key);
    if (known !== undefined) return known;
    const status = statusOf.get(key);
    const result =
      status === undefined ||
      status === 'failed' ||
      status === 'cancelled' ||
      (status !== 'done' && graph.spec(stage).after.some((u) => isBlocked(videoId, u)));
    blocked.set(key, result);
    return result;
  };
  return rows.some((row) => row.status === 'queued' && !isBlocked(row.videoId, row.stage));
}
