import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { serveService, type ServiceContext } from './run-service.js';
import type { ServicePort } from './service-port.js';

const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });

/** The service's end of a port, driven by the test as the host. */
function fakePort() {
  const listeners: Array<(m: unknown) => void> = [];
  const sent: unknown[] = [];
  const port: ServicePort = {
    postMessage: (m) => void sent.push(m),
    onMessage: (l) => (listeners.push(l), () => undefined),
    onClose: () => () => undefined,
    close: () => undefined,
  };
  return { port, sent, fromHost: (m: unknown) => listeners.forEach((l) => l(m)) };
}

const t = initTRPC.context<ServiceContext>().create();

describe('serveService shutdown', () => {
  it('cancels running calls and exits once they have cleaned up', async () => {
    const steps: string[] = [];
    const router = t.router({
      work: t.procedure.mutation(
        ({ ctx }) =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () => {
              steps.push('aborted');
              // Cleanup takes a moment (removing a temp file, waiting for a child to die).
              setTimeout(() => (steps.push('cleaned up'), reject(new Error('cancelled'))), 50);
            }),
          ),
      ),
    });
    const { port, fromHost } = fakePort();
    const exited = new Promise<number>((resolve) => {
      const served = serveService(port, { name: 'w', router }, { logger, exit: resolve });
      fromHost({
        kind: 'trpc.call',
        id: 1,
        type: 'mutation',
        path: 'work',
        input: undefined,
        correlationId: 'j',
      });
      setTimeout(() => served.shutdown(), 10); // the host went away
    });
    expect(await exited).toBe(0);
    expect(steps).toEqual(['aborted', 'cleaned up']);
  });

  it('does not wait past the grace time for a call that ignores its cancel', async () => {
    const router = t.router({ stuck: t.procedure.mutation(() => new Promise(() => undefined)) });
    const { port, fromHost } = fakePort();
    const started = Date.now();
    const code = await new Promise<number>((resolve) => {
      serveService(port, { name: 's', router }, { logger, exit: resolve, graceMs: 100 });
      fromHost({
        kind: 'trpc.call',
        id: 1,
        type: 'mutation',
        path: 'stuck',
        input: undefined,
        correlationId: 'j',
      });
      fromHost({ kind: 'shutdown' });
    });
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
