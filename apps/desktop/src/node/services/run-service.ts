import type { AnyTRPCRouter } from '@trpc/server';
import { createLogger, type Logger } from '../logging/create-logger.js';
import { connectToHost } from './connect-to-host.js';
import type { ServicePort } from './service-port.js';
import { isProtocolMessage, type HostToService, type ServiceToHost } from './service-protocol.js';
import { serveTrpcOverPort } from './trpc-port-server.js';

/** What every procedure of a service sees as `ctx`. */
export interface ServiceContext {
  /** Logs with the caller's correlation id (a job id, a request id). */
  logger: Logger;
  correlationId: string;
  /** Aborted when the caller cancels or the service shuts down. */
  signal: AbortSignal;
}

export interface ServiceDefinition<TRouter extends AnyTRPCRouter> {
  name: string;
  router: TRouter;
  /** Runs on a graceful shutdown before the process exits (close files, finish a checkpoint). */
  onShutdown?: () => Promise<void> | void;
}

/**
 * The body of a service entry file: connects to the host, answers pings, serves the router and
 * exits on shutdown or when the host goes away. Logs are JSON lines on stderr, which the
 * supervisor files under the service's name.
 */
export async function runService<TRouter extends AnyTRPCRouter>(
  definition: ServiceDefinition<TRouter>,
): Promise<void> {
  const logger = createLogger({
    logDir: null,
    consoleLevel: 'debug',
    pretty: false,
    correlationId: `service-${definition.name}`,
    name: definition.name,
  });
  const port = await connectToHost();
  serveService(port, definition, { logger, exit: (code) => process.exit(code) });
  logger.debug({ pid: process.pid }, 'service ready');
}

/** Serves a service on a connected port: pings, shutdown and tRPC calls. */
export function serveService<TRouter extends AnyTRPCRouter>(
  port: ServicePort,
  definition: ServiceDefinition<TRouter>,
  runtime: { logger: Logger; exit: (code: number) => void },
): void {
  const { logger } = runtime;
  const send = (message: ServiceToHost) => port.postMessage(message);
  const server = serveTrpcOverPort(port, {
    router: definition.router,
    createContext: ({ correlationId, signal }): ServiceContext => ({
      logger: correlationId ? logger.child({ correlationId }) : logger,
      correlationId: correlationId ?? `service-${definition.name}`,
      signal,
    }),
    onError: (error, call) =>
      logger.warn({ err: error, path: call.path, correlationId: call.correlationId }, 'procedure failed'),
  });
  let shuttingDown = false;
  port.onMessage((message) => {
    if (!isProtocolMessage(message)) return;
    const hostMessage = message as HostToService;
    if (hostMessage.kind === 'ping') {
      send({ kind: 'pong', id: hostMessage.id });
    } else if (hostMessage.kind === 'shutdown') {
      if (shuttingDown) return;
      shuttingDown = true;
      server.abortAll();
      void Promise.resolve(definition.onShutdown?.())
        .catch((error: unknown) => logger.error({ err: error }, 'shutdown hook failed'))
        .finally(() => runtime.exit(0));
    } else {
      server.handle(hostMessage);
    }
  });
  send({ kind: 'ready', name: definition.name });
}
