import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { isErrorCode, UserFacingError } from '@kirinuki/contracts';
import type { ServiceConnection } from './service-connection.js';
import type { ServiceErrorShape } from './service-protocol.js';

/** Call context a caller may pass: `client.x.mutate(input, { context: { correlationId } })`. */
export interface ServiceCallContext {
  correlationId?: string;
}

function toClientError(error: ServiceErrorShape | Error): TRPCClientError<AnyTRPCRouter> {
  if (error instanceof Error) return TRPCClientError.from(error);
  const userFacing = error.data.userFacing;
  const cause = userFacing
    ? new UserFacingError(isErrorCode(userFacing.code) ? userFacing.code : 'INTERNAL', userFacing.message, {
        hint: userFacing.hint,
        ...(typeof userFacing.retryAt === 'number' ? { retryAt: userFacing.retryAt } : {}),
      })
    : undefined;
  return TRPCClientError.from({ error }, cause ? { cause } : {});
}

/**
 * A tRPC link that sends operations to a service over its port. `connect` is called per
 * operation, so a supervisor can start the service lazily or hand out a restarted one.
 * A UserFacingError thrown in the service comes back as the TRPCClientError's `cause`.
 */
export function servicePortLink<TRouter extends AnyTRPCRouter>(options: {
  connect: () => Promise<ServiceConnection>;
}): TRPCLink<TRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        let stop: () => void = () => undefined;
        let finished = false;
        const finish = () => {
          finished = true;
          op.signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => {
          if (finished) return;
          finish();
          stop();
          const reason = op.signal?.reason;
          const error = new Error(reason instanceof Error ? reason.message : 'The operation was cancelled');
          error.name = 'AbortError';
          observer.error(TRPCClientError.from(error));
        };
        if (op.signal?.aborted) {
          onAbort();
          return () => undefined;
        }
        op.signal?.addEventListener('abort', onAbort, { once: true });
        const context = op.context as ServiceCallContext;
        options.connect().then(
          (connection) => {
            if (finished) return;
            stop = connection.call(
              { type: op.type, path: op.path, input: op.input, correlationId: context.correlationId },
              {
                onResult: (data) => {
                  finish();
                  observer.next({ result: { type: 'data', data } });
                  observer.complete();
                },
                onStarted: () => observer.next({ result: { type: 'started' } }),
                onData: (data) => observer.next({ result: { type: 'data', data } }),
                onStopped: () => {
                  finish();
                  observer.complete();
                },
                onError: (error) => {
                  finish();
                  observer.error(toClientError(error));
                },
              },
            );
          },
          (error: unknown) => {
            if (finished) return;
            finish();
            observer.error(toClientError(error instanceof Error ? error : new Error(String(error))));
          },
        );
        return () => {
          if (finished) return;
          finish();
          stop();
        };
      });
}
