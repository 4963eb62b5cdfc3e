import type { FastifyInstance } from 'fastify';
import type { ServerStore } from '../db/open-server-database.js';
import type { ServerMetrics } from './server-metrics.js';

/** `/health` (the process answers), `/ready` (database reachable, migrations applied), `/metrics`. */
export function registerOpsRoutes(app: FastifyInstance, store: ServerStore, metrics: ServerMetrics): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  // A request that finishes while the server closes ends its keep-alive connection, so the close
  // waits for the requests under way, not for idle connections' keep-alive time.
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
    if (draining) return reply.status(503).send({ status: 'draining' });
    const ready = await store.ready();
    return ready.ok
      ? { status: 'ready', database: store.dialect }
      : reply.status(503).send({ status: 'not ready', database: store.dialect, reason: ready.reason });
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
