import type { ServicePort } from './service-port.js';
import {
  isProtocolMessage,
  type HostToService,
  type ServiceErrorShape,
  type ServiceToHost,
} from './service-protocol.js';

export interface CallHandlers {
  onResult(data: unknown): void;
  onStarted(): void;
  onData(data: unknown): void;
  onStopped(): void;
  /** A server error shape, or an Error when the service went away before answering. */
  onError(error: ServiceErrorShape | Error): void;
}

export interface CallRequest {
  type: 'query' | 'mutation' | 'subscription';
  path: string;
  input: unknown;
  correlationId: string | undefined;
}

/** The host's end of one service process: multiplexes calls and pings over its port. */
export interface ServiceConnection {
  readonly ready: Promise<void>;
  /** Sends a call; the returned function stops it (aborts a query, ends a subscription). */
  call(request: CallRequest, handlers: CallHandlers): () => void;
  /** Resolves when the service answers, rejects after `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  shutdown(): void;
  /** Marks the connection gone: pending calls fail with `reason`. */
  fail(reason: Error): void;
}

/**
 * `describeGone` names the error pending calls get when the port closes; pass null when the owner
 * calls `fail` itself (the supervisor waits for the exit status so the error says why).
 */
export function createServiceConnection(
  port: ServicePort,
  describeGone: (() => Error) | null,
): ServiceConnection {
  let nextId = 1;
  const calls = new Map<number, CallHandlers>();
  const pings = new Map<number, () => void>();
  let gone: Error | null = null;
  let markReady: () => void = () => undefined;
  let markGone: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markGone = reject;
  });
  ready.catch(() => undefined);
  const send = (message: HostToService) => port.postMessage(message);

  const fail = (reason: Error) => {
    if (gone) return;
    gone = reason;
    markGone(reason);
    for (const handlers of calls.values()) handlers.onError(reason);
    calls.clear();
  };
  if (describeGone) port.onClose(() => fail(describeGone()));
  port.onMessage((raw) => {
    if (!isProtocolMessage(raw)) return;
    const message = raw as ServiceToHost;
    if (message.kind === 'ready') return markReady();
    if (message.kind === 'pong') return pings.get(message.id)?.();
    const handlers = calls.get(message.id);
    if (!handlers) return;
    switch (message.kind) {
      case 'trpc.result':
        calls.delete(message.id);
        return handlers.onResult(message.data);
      case 'trpc.started':
        return handlers.onStarted();
      case 'trpc.data':
        return handlers.onData(message.data);
      case 'trpc.stopped':
        calls.delete(message.id);
        return handlers.onStopped();
      case 'trpc.error':
        calls.delete(message.id);
        return handlers.onError(message.error);
    }
  });

  return {
    ready,
    call(request, handlers) {
      if (gone) {
        const error = gone;
        queueMicrotask(() => handlers.onError(error));
        return () => undefined;
      }
      const id = nextId++;
      calls.set(id, handlers);
      send({ kind: 'trpc.call', id, ...request });
      return () => {
        if (calls.delete(id)) send({ kind: 'trpc.abort', id });
      };
    },
    ping(timeoutMs) {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          pings.delete(id);
          reject(new Error(`did not answer a health ping within ${timeoutMs} ms`));
        }, timeoutMs);
        pings.set(id, () => {
          clearTimeout(timer);
          pings.delete(id);
          resolve();
        });
        send({ kind: 'ping', id });
      });
    },
    shutdown() {
      send({ kind: 'shutdown' });
    },
    fail,
  };
}
