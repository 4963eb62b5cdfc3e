import type { StageContext, StageHandler } from '../orchestrator/stage-handler.js';
import { callStageService, type ServiceCall } from '../service-process/progress-stream.js';

/**
 * A stage that runs in a service process, from the host's side: what to send (read from the
 * library, the job's params and its upstream outputs), the call (progress goes to the job), and
 * how the host records the result (events, rows: one writer per database) and makes the stage's
 * output. `shortcut` answers without calling the service when the work is already known.
 */
export function serviceStageHandler<I, R>(spec: {
  stage: string;
  shortcut?: (ctx: StageContext) => Promise<unknown>;
  input: (ctx: StageContext) => Promise<I>;
  call: ServiceCall<I>;
  record: (result: R, ctx: StageContext, input: I) => Promise<unknown>;
}): StageHandler {
  return {
    stage: spec.stage,
    run: async (ctx) => {
      const known = await spec.shortcut?.(ctx);
      if (known !== undefined) return known;
      const input = await spec.input(ctx);
      const result = await callStageService<I, R>(spec.call, input, ctx);
      return spec.record(result, ctx, input);
    },
  };
}
