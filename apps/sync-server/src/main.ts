import { describeFailure } from '@kirinuki/contracts';
import { resolveServerConfig } from './config/server-config.js';
import { openServerStore } from './db/open-server-database.js';
import { rotateServerKey } from './keys/rotate-server-key.js';
import { startSyncServer } from './start-sync-server.js';

// `pnpm sync-server [--host H] [--port P] [--data DIR]` (and `rotate-key`): SQLite in the data folder, or Postgres
// with DATABASE_URL. SIGTERM/SIGINT shut it down gracefully (what Kubernetes sends on a rollout).
const args = process.argv.slice(2);
try {
  if (args[0] === 'rotate-key') await rotateKey(args.slice(1));
  else await serve(args);
} catch (error) {
  const { error: described, exitCode } = describeFailure(error);
  process.stderr.write(`error ${described.code}: ${described.message}\n  ${described.hint}\n`);
  process.exit(exitCode);
}

/** `rotate-key [--data DIR]`: reseals every platform token under a new key (keys/rotate-server-key.ts). */
async function rotateKey(argv: string[]): Promise<void> {
  const config = resolveServerConfig(argv, process.env, process.cwd());
  const store = await openServerStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  try {
    const done = await rotateServerKey(store.db, config.dataDir, process.env);
    process.stdout.write(
      `Resealed ${done.resealed} platform token(s) (${done.alreadyUnderNewKey} were under the new key already). ${done.next}\n`,
    );
  } finally {
    await store.close();
  }
}

async function serve(argv: string[]): Promise<void> {
  const config = resolveServerConfig(argv, process.env, process.cwd());
  const server = await startSyncServer(config, process.env);
  const database =
    server.store.dialect === 'sqlite'
      ? `SQLite at ${server.store.where}`
      : `Postgres at ${server.store.where}`;
  process.stdout.write(`Kirinuki sync server listening on ${server.url} (${database})\n`);
  const stop = (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
