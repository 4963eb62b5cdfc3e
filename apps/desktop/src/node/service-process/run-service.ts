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
  // The host going away (killed, crashed) stops the service as a shutdown request would, so work
  // in flight is cancelled and cleans up (temp files, ffmpeg and copy children) before the exit.
  let stop: () => void = () => process.exit(0);
  const port = await connectToHost((code) => (code === 0 ? stop() : process.exit(code)));
  stop = serveService(port, definition, { logger, exit: (code) => process.exit(code) }).shutdown;
  logger.debug({ pid: process.pid }, 'service ready');
}

/** How long a stopping service waits for its cancelled calls to clean up (the host allows 5 s). */
export const SHUTDOWN_GRACE_MS = 3000;

/** Serves a service on a connected port: pings, shutdown and tRPC calls. */
export function serveService<TRouter extends AnyTRPCRouter>(
  port: ServicePort,
  definition: ServiceDefinition<TRouter>,
  runtime: { logger: Logger; exit: (code: number) => void; graceMs?: number },
): { shutdown(): void } {
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
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const grace = new Promise<void>((resolve) => setTimeout(resolve, runtime.graceMs ?? SHUTDOWN_GRACE_MS));
    void Promise.race([server.abortAll(), grace])
      .then(() => definition.onShutdown?.())
      .catch((error: unknown) => logger.error({ err: error }, 'shutdown hook failed'))
      .finally(() => runtime.exit(0));
  };
  port.onMessage((message) => {
    if (!isProtocolMessage(message)) return;
    const hostMessage = message as HostToService;
    if (hostMessage.kind === 'ping') send({ kind: 'pong', id: hostMessage.id });
    else if (hostMessage.kind === 'shutdown') shutdown();
    else server.handle(hostMessage);
  });
  send({ kind: 'ready', name: definition.name });
  return { shutdown };
}
