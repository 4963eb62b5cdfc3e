import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { UserFacingError } from '@kirinuki/contracts';
import { migrateOpened, type DatabaseDefinition, type OpenedDatabase } from './open-database.js';

// int8 and numeric come back as strings by default; our bigint columns hold epoch milliseconds
// and counters, all well inside 2^53.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

export interface PostgresPoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface OpenedPostgres<DB> extends OpenedDatabase<DB> {
  poolStats(): PostgresPoolStats;
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

/**
 * Opens a Postgres database from a `postgres://` URL, checks it answers, and brings it to the
 * latest migration (the same frozen migrations as SQLite; the runner takes a transaction, and
 * Postgres's DDL is transactional, so a failed upgrade leaves the schema as it was).
 */
export async function openPostgresDatabase<DB>(
  definition: DatabaseDefinition,
  url: string,
  options: { maxConnections?: number } = {},
): Promise<OpenedPostgres<DB>> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // A dropped idle connection (the server restarted) is an error event on the pool; without a
  // listener it would end the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new UserFacingError(
      'DATABASE_UNREACHABLE',
      `Could not reach the ${definition.name} database at ${redactDatabaseUrl(url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const opened = await migrateOpened(definition, redactDatabaseUrl(url), db);
  return {
    ...opened,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
