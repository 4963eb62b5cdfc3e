import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Migration } from 'kysely';
import { migrateToLatest } from './migrate-to-latest.js';
import { UserFacingError } from '@kirinuki/contracts';

/** One SQLite file owned by one service domain, with its frozen migrations. */
export interface DatabaseDefinition {
  name: string;
  file: string;
  /** Migration name → migration; names are dated so their sort order is their apply order. */
  migrations: Readonly<Record<string, Migration>>;
}

export interface OpenedDatabase<DB> {
  name: string;
  path: string;
  db: Kysely<DB>;
  /** Migrations applied by this open (empty when the file was already current). */
  appliedNow: string[];
  close(): Promise<void>;
}

export function createSqliteKysely<DB>(filePath: string): { db: Kysely<DB>; raw: SQLite.Database } {
  mkdirSync(path.dirname(filePath), { recursive: true });
  const raw = new SQLite(filePath);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return { db: new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) }), raw };
}

/** How many prepared statements one connection keeps (least recently used dropped first). */
const STATEMENT_CACHE = 256;

/**
 * The connection as Kysely's SQLite dialect sees it, with its prepared statements kept by SQL
 * text: Kysely prepares every query afresh, and preparing was an eighth of the scheduler's CPU
 * while 60 posts a second went out. A statement still being iterated is not handed out twice.
 */
export function cachingStatements(raw: SQLite.Database): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (text: string): SQLite.Statement => {
    const kept = statements.get(text);
    if (kept && !kept.busy) {
      statements.delete(text);
      statements.set(text, kept);
      return kept;
    }
    const statement = raw.prepare(text);
    if (!kept) {
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
    }
    return statement;
  };
  return new Proxy(raw, {
    get: (target, key) => {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Opens (creating if needed) a database and brings it to the latest migration. */
export async function openDatabase<DB>(
  definition: DatabaseDefinition,
  dir: string,
): Promise<OpenedDatabase<DB>> {
  const filePath = path.join(dir, definition.file);
  return migrateOpened(definition, filePath, createSqliteKysely<DB>(filePath).db);
}

/** Brings a freshly opened database to its latest migration; closes it when that fails. */
export async function migrateOpened<DB>(
  definition: DatabaseDefinition,
  where: string,
  db: Kysely<DB>,
): Promise<OpenedDatabase<DB>> {
  let appliedNow: string[];
  try {
    appliedNow = await migrateToLatest(db, { getMigrations: async () => ({ ...definition.migrations }) });
  } catch (error) {
    await db.destroy();
    throw new UserFacingError(
      'DATABASE_MIGRATION_FAILED',
      `Could not upgrade the ${definition.name} database (${where}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { name: definition.name, path: where, db, appliedNow, close: () => db.destroy() };
}

export interface DatabaseHealth {
  name: string;
  path: string;
  migrationsApplied: string[];
  integrity: string;
}

/** Applied migrations and `PRAGMA integrity_check` ("ok" when sound). */
export async function inspectDatabase<DB>(opened: OpenedDatabase<DB>): Promise<DatabaseHealth> {
  const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    opened.db,
  );
  const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(opened.db);
  return {
    name: opened.name,
    path: opened.path,
    migrationsApplied: migrations.rows.map((r) => r.name),
    integrity: integrity.rows.map((r) => r.integrity_check).join('; '),
  };
}
