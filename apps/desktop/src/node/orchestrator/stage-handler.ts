import type { JobError, JobSubject } from '@kirinuki/contracts';
import type { Logger } from '../logging/create-logger.js';

/** What a stage handler gets for one run of one job. */
export interface StageContext {
  jobId: string;
  /** What the job works on (a video, a clip, a post). */
  subject: JobSubject;
  /** The video the work is about (the subject itself for a video job). */
  videoId: string;
  stage: string;
  /** 1 on the first run; a rerun after a crash or a transient error counts up. */
  attempt: number;
  /** The object given at enqueue (e.g. the source path for ingest). */
  params: Record<string, unknown>;
  /** Outputs of the stages this one comes after (for the same subject), by stage name. */
  inputs: Record<string, unknown>;
  /** Aborted on cancel, pause, shutdown or a lost lease: stop and throw. */
  signal: AbortSignal;
  /** fraction 0..1; `detail` is a short label such as "decoding audio". */
  reportProgress(fraction: number, detail?: string): void;
  /** Logs with correlationId = job id. */
  logger: Logger;
  /**
   * A ULID-shaped id that is the same on every run of this job, for events the stage writes
   * itself (`INSERT OR IGNORE`), so a rerun after a crash does not duplicate them.
   */
  eventId(type: string, key?: string): string;
}

/**
 * Exactly one per stage. `run` must be idempotent: outputs keyed by content hash + settings
 * (see `stageOutputKey`), so a rerun after kill -9 finds its work done. It returns a JSON value
 * that downstream stages receive as `inputs[stage]`.
 */
export interface StageHandler {
  stage: string;
  run(ctx: StageContext): Promise<unknown>;
}

/**
 * A stage output may say that the job's video is really another one (`supersededBy`: the id of
 * the library video its content already is, as an import of a known file finds). The orchestrator
 * then moves the work still queued for the job's video to that one, in the same transaction.
 */
export function supersededBy(output: unknown, videoId: string): string | null {
  const by = (output as { supersededBy?: unknown } | null)?.supersededBy;
  return typeof by === 'string' && by && by !== videoId ? by : null;
}

/**
 * Thrown by a handler that may not run yet (a platform's posting window is full): the job goes
 * back to the queue until `until`, with `reason` shown on it, and the run does not count as an
 * attempt, so waiting never uses up the retries a real failure gets.
 */
export class DeferRun extends Error {
  override readonly name = 'DeferRun';
  constructor(
    readonly until: number,
    readonly reason: JobError,
  ) {
    super(reason.message);
  }
}
