import { isErrorCode, UserFacingError, type JobError } from '@kirinuki/contracts';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { Library } from '../library/library.js';
import { appendJobEvent } from '../library/job-views-repository.js';
import type { Logger } from '../logging/create-logger.js';
import { openSqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';
import { createOrchestrator, type Orchestrator } from './orchestrator.js';
import { PIPELINE_STAGES } from './pipeline-stages.js';
import type { ResourceLimits } from './resource-limits.js';
import type { StageSpec } from './stage-graph.js';
import type { StageHandler } from './stage-handler.js';

export interface PipelineQueue {
  orchestrator: Orchestrator;
  /** Stages this host can run (those with a handler, and all they need). */
  stages: readonly string[];
  close(): Promise<void>;
}

/**
 * The stages of PIPELINE_STAGES that can run here: those with a handler whose upstream stages can
 * run too. A stage still being built is left out rather than registered without a handler.
 */
export function runnableStages(specs: readonly StageSpec[], handlers: readonly StageHandler[]): StageSpec[] {
  const have = new Set(handlers.map((h) => h.stage));
  const runnable: StageSpec[] = [];
  for (const spec of specs) {
    if (have.has(spec.name) && spec.after.every((u) => runnable.some((r) => r.name === u)))
      runnable.push(spec);
  }
  return runnable;
}

/**
 * The pipeline's orchestrator over the library's job queue (`jobs.db` beside it, unless a queue is
 * given), its job events going to the library's event log.
 */
export async function openPipelineQueue(options: {
  library: Library;
  logger: Logger;
  handlers: readonly StageHandler[];
  queue?: JobQueue;
  resources?: Partial<ResourceLimits>;
}): Promise<PipelineQueue> {
  const queue = options.queue ?? (await openSqliteJobQueue(options.library.dir));
  const stages = runnableStages(PIPELINE_STAGES, options.handlers);
  const orchestrator = createOrchestrator({
    queue,
    stages,
    handlers: options.handlers.filter((h) => stages.some((s) => s.name === h.stage)),
    logger: options.logger,
    ...(options.resources ? { resources: options.resources } : {}),
    appendEvent: (event) => appendJobEvent(options.library.db, event),
  });
  return { orchestrator, stages: stages.map((s) => s.name), close: () => queue.close() };
}

/** A failed job's error as the user-facing error it was. */
export function jobErrorToUserFacing(error: JobError): UserFacingError {
  return new UserFacingError(isErrorCode(error.code) ? error.code : 'INTERNAL', error.message, {
    hint: error.hint,
  });
}
