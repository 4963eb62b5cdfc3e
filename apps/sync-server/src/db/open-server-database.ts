import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import {
  createSqliteKysely,
  migrateOpened,
  openPostgresDatabase,
  type DatabaseDefinition,
  type PostgresPoolStats,
} from '@kirinuki/db';
import { accountsAndTeams } from './migrations/2026-12-08-001-accounts-and-teams.js';
import { accountTokens } from './migrations/2026-12-08-002-account-tokens.js';
import type { ServerDatabase } from './server-tables.js';

export const SERVER_DATABASE: DatabaseDefinition = {
  name: 'team server',
  file: 'sync-server.sqlite',
  migrations: {
    '2026-12-08-001-accounts-and-teams': accountsAndTeams,
    '2026-12-08-002-account-tokens': accountTokens,
  },
};

export interface ServerStore {
  db: Kysely<ServerDatabase>;
  dialect: 'sqlite' | 'postgres';
  /** Where it lives, the password left out. */
  where: string;
  /** Reachable and every migration this build knows applied (what `/ready` asks). */
  ready(): Promise<{ ok: true } | { ok: false; reason: string }>;
  poolStats(): PostgresPoolStats | undefined;
  close(): Promise<void>;
}

/** SQLite in the data folder by default; Postgres when a `postgres://` URL is given. */
export async function openServerStore(options: {
  dataDir: string;
  databaseUrl?: string;
}): Promise<ServerStore> {
  if (options.databaseUrl) {
    const opened = await openPostgresDatabase<ServerDatabase>(SERVER_DATABASE, options.databaseUrl);
    return store(opened.db, 'postgres', opened.path, () => opened.poolStats());
  }
  const file = path.join(options.dataDir, SERVER_DATABASE.file);
  const opened = await migrateOpened(SERVER_DATABASE, file, createSqliteKysely<ServerDatabase>(file).db);
  return store(opened.db, 'sqlite', file, () => undefined);
}

function store(
  db: Kysely<ServerDatabase>,
  dialect: ServerStore['dialect'],
  where: string,
  poolStats: () => PostgresPoolStats | undefined,
): ServerStore {
  const known = Object.keys(SERVER_DATABASE.migrations);
  return {
    db,
    dialect,
    where,
    poolStats,
    async ready() {
      try {
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
        const applied = new Set(rows.map((r) => r.name));
        const missing = known.filter((name) => !applied.has(name));
        return missing.length
          ? { ok: false, reason: `migrations not applied: ${missing.join(', ')}` }
          : { ok: true };
      } catch (error) {
        return { ok: false, reason: `database unreachable: ${(error as Error).message}` };
      }
    },
    close: () => db.destroy(),
  };
}
