import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config/server-config.js';
import { openServerStore, type ServerStore } from './db/open-server-database.js';
import { loadServerKeys } from './keys/server-keys.js';
import { buildSyncServer, type SyncServerOptions } from './server.js';

export interface RunningSyncServer {
  app: FastifyInstance;
  store: ServerStore;
  url: string;
  /** Graceful: stops taking requests, lets the running ones finish, closes the database. */
  close(): Promise<void>;
}

/** Opens the database and the keys of a configuration and listens. */
export async function startSyncServer(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  extra: Pick<SyncServerOptions, 'logger' | 'now' | 'trustProxy' | 'authRateLimit'> = {},
): Promise<RunningSyncServer> {
  const keys = loadServerKeys(config.dataDir, env);
  const store = await openServerStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  let app: FastifyInstance;
  try {
    app = await buildSyncServer({ store, keys, ...extra });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await store.close();
      })()),
  };
}
