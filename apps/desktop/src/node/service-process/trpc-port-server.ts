import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  type AnyTRPCRouter,
} from '@trpc/server';
import type { ServicePort } from './service-port.js';
import type { HostToService, ServiceErrorShape, ServiceToHost } from './service-protocol.js';
import { findUserFacingCause } from '@kirinuki/contracts';

export interface CallInfo {
  correlationId: string | undefined;
  signal: AbortSignal;
}

export interface TrpcPortServerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  createContext: (info: CallInfo) => unknown;
  onError?: (error: unknown, call: { path: string; correlationId: string | undefined }) => void;
}

type Call = Extract<HostToService, { kind: 'trpc.call' }>;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * Answers tRPC calls arriving on a port: queries and mutations get one result, subscriptions
 * (async generators) stream data until they end or the host stops them. Each call gets an
 * AbortSignal that `trpc.abort` (or the port closing) aborts.
 */
export function serveTrpcOverPort<TRouter extends AnyTRPCRouter>(
  port: ServicePort,
  options: TrpcPortServerOptions<TRouter>,
): { handle(message: HostToService): boolean; abortAll(): Promise<void> } {
  const running = new Map<number, AbortController>();
  /** Resolves each waiter of abortAll once no call is running any more. */
  const idleWaiters: Array<() => void> = [];
  const send = (message: ServiceToHost) => port.postMessage(message);

  const errorShape = (error: unknown, call: Call, ctx: unknown): ServiceErrorShape => {
    const trpcError = getTRPCErrorFromUnknown(error);
    const shape = getTRPCErrorShape({
      config: options.router._def._config,
      error: trpcError,
      type: call.type,
      path: call.path,
      input: call.input,
      ctx,
    }) as ServiceErrorShape;
    const userFacing = findUserFacingCause(error);
    const data = { ...shape.data };
    delete data.stack;
    if (userFacing) data.userFacing = userFacing.toJSON();
    return { message: shape.message, code: shape.code, data };
  };

  const run = async (call: Call) => {
    const controller = new AbortController();
    running.set(call.id, controller);
    let ctx: unknown;
    try {
      ctx = await options.createContext({ correlationId: call.correlationId, signal: controller.signal });
      const result: unknown = await callTRPCProcedure({
        router: options.router,
        path: call.path,
        type: call.type,
        getRawInput: async () => call.input,
        input: undefined,
        ctx,
        signal: controller.signal,
        batchIndex: 0,
      });
      if (call.type !== 'subscription') {
        send({ kind: 'trpc.result', id: call.id, data: result });
        return;
      }
      if (!isAsyncIterable(result)) throw new Error(`subscription ${call.path} must be an async generator`);
      send({ kind: 'trpc.started', id: call.id });
      const iterator = result[Symbol.asyncIterator]();
      const aborted = new Promise<IteratorResult<unknown>>((resolve) =>
        controller.signal.addEventListener('abort', () => resolve({ done: true, value: undefined }), {
          once: true,
        }),
      );
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted]);
        if (next.done) break;
        send({ kind: 'trpc.data', id: call.id, data: next.value });
      }
      if (controller.signal.aborted) await iterator.return?.();
      send({ kind: 'trpc.stopped', id: call.id });
    } catch (error) {
      options.onError?.(error, { path: call.path, correlationId: call.correlationId });
      send({ kind: 'trpc.error', id: call.id, error: errorShape(error, call, ctx) });
    } finally {
      running.delete(call.id);
      if (running.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
    }
  };

  return {
    handle(message) {
      if (message.kind === 'trpc.call') {
        void run(message);
        return true;
      }
      if (message.kind === 'trpc.abort') {
        running.get(message.id)?.abort(new Error('stopped by the host'));
        return true;
      }
      return false;
    },
    /** Cancels every running call; resolves when all of them have returned (cleaned up). */
    abortAll() {
      for (const controller of running.values()) controller.abort(new Error('service shutting down'));
      if (running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
