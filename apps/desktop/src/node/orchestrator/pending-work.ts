import type { JobStatus } from '@kirinuki/contracts';
import type { StageGraph } from './stage-graph.js';

export interface PendingRow {
  subjectKind?: string;
  subjectId?: string;
  videoId: string;
  stage: string;
  status: JobStatus;
  /** Epoch ms; absent or 0: due now. */
  notBefore?: number;
  /** Runs so far: a queued job that ran before waits out a retry's backoff; one that never ran waits for its time. */
  attempts?: number;
}

/**
 * Whether a queued job may still become runnable without anyone acting, and soon: its upstream is
 * done, running or itself pending, and it is due before `dueBy` — a retry's short backoff counts;
 * given `now`, a job that never ran and waits for a time (a scheduled post, even one due in a few
 * seconds) does not keep a worker busy: the scheduler wakes one for it. Jobs behind a failed or
 * cancelled stage need the user, so a worker with only those left is idle.
 */
export function hasPendingWork(
  rows: readonly PendingRow[],
  graph: Pick<StageGraph, 'spec'>,
  dueBy: number = Number.POSITIVE_INFINITY,
  now?: number,
): boolean {
  const keyOf = (r: Pick<PendingRow, 'subjectKind' | 'subjectId' | 'videoId'>, stage: string) =>
    `${r.subjectKind ?? 'video'}\u0000${r.subjectId ?? r.videoId}\u0000${stage}`;
  const statusOf = new Map(rows.map((r) => [keyOf(r, r.stage), r.status]));
  const blocked = new Map<string, boolean>();
  const isBlocked = (row: PendingRow, stage: string): boolean => {
    const key = keyOf(row, stage);
    const known = blocked.get(key);
    if (known !== undefined) return known;
    const status = statusOf.get(key);
    const result =
      status === undefined ||
      status === 'failed' ||
      status === 'cancelled' ||
      (status !== 'done' && graph.spec(stage).after.some((u) => isBlocked(row, u)));
    blocked.set(key, result);
    return result;
  };
  const waitsFor = (row: PendingRow) => {
    const notBefore = row.notBefore ?? 0;
    if (now !== undefined && notBefore > now && !row.attempts) return false;
    return notBefore <= dueBy;
  };
  return rows.some((row) => row.status === 'queued' && waitsFor(row) && !isBlocked(row, row.stage));
}
