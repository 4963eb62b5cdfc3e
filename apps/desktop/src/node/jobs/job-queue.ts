import { isErrorCode, UserFacingError } from '@kirinuki/pipeline';
import type { Library } from '../library/library.js';
import type { Logger } from '../logging/create-logger.js';
import { createOrchestrator, type Orchestrator } from '../orchestrator/orchestrator.js';
import { PIPELINE_STAGES } from '../orchestrator/pipeline-stages.js';
import type { JobError } from '../orchestrator/retry-policy.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { StageSpec } from '../orchestrator/stage-graph.js';
import { JOBS_DATABASE, type JobsDatabase } from '../storage/jobs-database.js';
import { openDatabase } from '../storage/open-database.js';
import { appendJobEvent } from './job-views-repository.js';

export interface JobQueue {
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

/** Opens the jobs database beside the library and an orchestrator whose job events go to the library's event log. */
export async function openJobQueue(options: {
  library: Library;
  logger: Logger;
  handlers: readonly StageHandler[];
}): Promise<JobQueue> {
  const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, options.library.dir);
  const stages = runnableStages(PIPELINE_STAGES, options.handlers);
  const orchestrator = createOrchestrator({
    db: jobsDb.db,
    stages,
    handlers: options.handlers.filter((h) => stages.some((s) => s.name === h.stage)),
    logger: options.logger,
    appendEvent: (event) => appendJobEvent(options.library.db, event),
  });
  return { orchestrator, stages: stages.map((s) => s.name), close: () => jobsDb.close() };
}

/** A failed job's error as the user-facing error it was. */
export function jobErrorToUserFacing(error: JobError): UserFacingError {
  return new UserFacingError(isErrorCode(error.code) ? error.code : 'INTERNAL', error.message, {
    hint: error.hint,
  });
}
