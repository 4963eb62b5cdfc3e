import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCLink,
} from '@trpc/client';
import { ipcLink } from 'trpc-electron/renderer';
import type { AppRouter } from '@kirinuki/desktop/api-types';
import type { ApiClient } from './api-types.js';

/** Which host the page talks to: the Electron main process, or `kirinuki serve` over HTTP. */
export type HostKind = 'electron' | 'browser';

export function detectHost(scope: object = globalThis): HostKind {
  return 'electronTRPC' in scope ? 'electron' : 'browser';
}

/**
 * Same-origin links for the browser: queries and mutations batched over HTTP, subscriptions
 * over one WebSocket. The HttpOnly cookie set on the first load authorises both.
 */
function browserLinks(origin: string): TRPCLink<AppRouter>[] {
  const wsUrl = `${origin.replace(/^http/, 'ws')}/trpc`;
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink({ client: createWSClient({ url: wsUrl }) }),
      false: httpBatchLink({
        url: `${origin}/trpc`,
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    }),
  ];
}

export function createApiClient(
  host: HostKind = detectHost(),
  origin = globalThis.location.origin,
): ApiClient {
  const links = host === 'electron' ? [ipcLink<AppRouter>()] : browserLinks(origin);
  return createTRPCClient<AppRouter>({ links });
}
