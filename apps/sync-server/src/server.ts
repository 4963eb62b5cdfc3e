import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { bearerToken } from './auth/access-tokens.js';
import type { AuthDeps } from './auth/auth-service.js';
import type { ServerStore } from './db/open-server-database.js';
import { registerAuthRoutes } from './http/auth-routes.js';
import { errorBody, replyWithError } from './http/http-errors.js';
import { registerOpsRoutes } from './http/ops-routes.js';
import { createServerMetrics } from './http/server-metrics.js';
import type { ServerKeys } from './keys/server-keys.js';
import { serverRouter, type ServerRouter } from './trpc/server-router.js';
import type { ServerContext } from './trpc/trpc.js';

export interface SyncServerOptions {
  store: ServerStore;
  keys: ServerKeys;
  now?: () => number;
  /** pino options or a logger (tests hand in one that writes to a buffer). */
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** Behind a load balancer: trust its X-Forwarded-For for the client's address (rate limits). */
  trustProxy?: boolean;
  /** Requests per client address per window over the auth routes (tests raise it). */
  authRateLimit?: { max: number; timeWindow: number };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_BODY_LIMIT = 1024 * 1024;

/** The team server's HTTP app, not yet listening. */
export async function buildSyncServer(options: SyncServerOptions): Promise<FastifyInstance> {
  const loggerOption =
    options.logger && typeof (options.logger as { info?: unknown }).info === 'function'
      ? { loggerInstance: options.logger as FastifyServerOptions['loggerInstance'] }
      : { logger: (options.logger as FastifyServerOptions['logger']) ?? true };
  const app = Fastify({
    ...loggerOption,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // The desktop's x-request-id when it sent a sane one, so its log and ours line up.
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    routerOptions: { maxParamLength: 500 },
  });
  const deps: AuthDeps = {
    db: options.store.db,
    jwtSigningKey: options.keys.jwtSigningKey,
    now: options.now ?? Date.now,
  };
  const metrics = createServerMetrics(() => options.store.poolStats());

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      {
        method: request.method,
        route: routeLabel(request.routeOptions.url, request.url),
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        errorBody(
          'NOT_FOUND',
          `No route ${request.method} ${request.url.split('?')[0]}.`,
          'See the README for the API.',
        ),
      ),
  );

  await app.register(rateLimit, {
    global: false,
  });
  registerAuthRoutes(app, deps, options.authRateLimit);
  registerOpsRoutes(app, options.store, metrics);
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: serverRouter,
      createContext: ({ req }): ServerContext => ({
        deps,
        accessToken: bearerToken(req.headers.authorization),
      }),
      onError: ({ error, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          req.log.error({ err: error.cause ?? error }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<ServerRouter>['trpcOptions'],
  });
  return app;
}

const PROCEDURES = new Set(
  Object.keys((serverRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures),
);

/** The route template, and for tRPC the procedure (batches by their names; anything else lumped). */
function routeLabel(template: string | undefined, url: string): string {
  if (!template) return '(no route)';
  if (!template.startsWith('/trpc')) return template;
  const names = (url.split('?')[0] ?? '').slice('/trpc/'.length).split(',');
  return names.every((name) => PROCEDURES.has(name)) ? `/trpc/${names.join(',')}` : '/trpc/(unknown)';
}
