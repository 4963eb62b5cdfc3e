// A service for the supervisor and port tests: every behaviour a real service can show.
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { UserFacingError } from '@kirinuki/contracts';
import { runService, type ServiceContext } from '../run-service.js';

if (process.env.TEST_CRASH_ON_START === '1') {
  process.stderr.write('Error: cannot load the model\n');
  process.exit(5);
}

const t = initTRPC.context<ServiceContext>().create();

const router = t.router({
  echo: t.procedure.input(z.object({ text: z.string() })).query(({ input, ctx }) => {
    ctx.logger.info({ text: input.text }, 'echo called');
    return { text: input.text, pid: process.pid, correlationId: ctx.correlationId };
  }),
  add: t.procedure
    .input(z.object({ a: z.number(), b: z.number() }))
    .mutation(({ input }) => input.a + input.b),
  count: t.procedure.input(z.object({ to: z.number(), delayMs: z.number() })).subscription(async function* ({
    input,
    signal,
  }) {
    for (let i = 1; i <= input.to; i += 1) {
      await sleep(input.delayMs, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) return;
      yield i;
    }
  }),
  waitForAbort: t.procedure.input(z.object({ marker: z.string() })).mutation(async ({ input, ctx }) => {
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    writeFileSync(input.marker, 'aborted');
    return 'aborted';
  }),
  fail: t.procedure.mutation(() => {
    throw new UserFacingError('EMPTY_FILE', 'clip.mp4 is 0 bytes');
  }),
  crash: t.procedure.mutation(() => {
    process.stderr.write('Error: boom\n');
    process.exit(3);
  }),
  hang: t.procedure.mutation(() => {
    // Blocks the event loop, as a stuck native call would: pings go unanswered.
    for (;;) {
      /* spin */
    }
  }),
});

export type TestServiceRouter = typeof router;

await runService({
  name: process.env.KIRINUKI_SERVICE_NAME ?? 'test',
  router,
  onShutdown: () => sleep(Number(process.env.TEST_SHUTDOWN_DELAY_MS ?? '0')),
});
