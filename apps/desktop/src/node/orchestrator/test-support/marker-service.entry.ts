// A stage service for the crash-recovery test: does "work" for a while, then writes its output
// marker idempotently (content keyed by its inputs; write-then-rename so a kill leaves no half file).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { runService, type ServiceContext } from '../../service-process/run-service.js';
import { stageOutputKey } from '../stage-keys.js';

const t = initTRPC.context<ServiceContext>().create();

const router = t.router({
  writeMarker: t.procedure
    .input(
      z.object({
        dir: z.string(),
        videoId: z.string(),
        stage: z.string(),
        inputHash: z.string(),
        workMs: z.number(),
      }),
    )
    .mutation(async ({ input, ctx }) => {
      const key = stageOutputKey(input.stage, input.inputHash, { workMs: input.workMs });
      const file = path.join(input.dir, `${input.videoId}.${input.stage}.marker`);
      if (existsSync(file) && readFileSync(file, 'utf8') === key) return { key, reused: true };
      const steps = 4;
      for (let i = 0; i < steps; i += 1) await sleep(input.workMs / steps, undefined, { signal: ctx.signal });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, key);
      renameSync(temp, file);
      ctx.logger.info({ file }, 'marker written');
      return { key, reused: false };
    }),
});

export type MarkerServiceRouter = typeof router;

await runService({ name: 'marker', router });
