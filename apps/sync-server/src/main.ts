import { describeFailure } from '@kirinuki/contracts';
import { resolveServerConfig } from './config/server-config.js';
import { startSyncServer } from './start-sync-server.js';

// `pnpm sync-server [--host H] [--port P] [--data DIR]`: SQLite in the data folder, or Postgres
// with DATABASE_URL. SIGTERM/SIGINT shut it down gracefully (what Kubernetes sends on a rollout).
try {
  const config = resolveServerConfig(process.argv.slice(2), process.env, process.cwd());
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
} catch (error) {
  const { error: described, exitCode } = describeFailure(error);
  process.stderr.write(`error ${described.code}: ${described.message}\n  ${described.hint}\n`);
  process.exit(exitCode);
}
