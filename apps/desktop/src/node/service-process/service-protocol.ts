/** Messages on a service port. tRPC calls are carried in `trpc*` messages; the rest is supervision. */
export type HostToService =
  | { kind: 'ping'; id: number }
  | { kind: 'shutdown' }
  | {
      kind: 'trpc.call';
      id: number;
      type: 'query' | 'mutation' | 'subscription';
      path: string;
      input: unknown;
      correlationId: string | undefined;
    }
  | { kind: 'trpc.abort'; id: number };

export type ServiceToHost =
  | { kind: 'ready'; name: string }
  | { kind: 'pong'; id: number }
  | { kind: 'trpc.result'; id: number; data: unknown }
  | { kind: 'trpc.started'; id: number }
  | { kind: 'trpc.data'; id: number; data: unknown }
  | { kind: 'trpc.stopped'; id: number }
  | { kind: 'trpc.error'; id: number; error: ServiceErrorShape };

/** A tRPC error shape plus, when the procedure threw a UserFacingError, what the user must see. */
export interface ServiceErrorShape {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus?: number;
    path?: string;
    userFacing?: { code: string; message: string; hint: string; retryAt?: number };
  } & Record<string, unknown>;
}

const KINDS = new Set([
  'ping',
  'pong',
  'shutdown',
  'ready',
  'trpc.call',
  'trpc.abort',
  'trpc.result',
  'trpc.started',
  'trpc.data',
  'trpc.stopped',
  'trpc.error',
]);

export function isProtocolMessage(message: unknown): message is HostToService | ServiceToHost {
  return (
    typeof message === 'object' &&
    message !== null &&
    KINDS.has((message as { kind?: unknown }).kind as string)
  );
}
