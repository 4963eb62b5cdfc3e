import { sql, type Kysely, type Migration } from 'kysely';

/** The migration provider's contract (Kysely's): the full, static list of migrations by name. */
export interface StaticMigrationProvider {
  getMigrations(): Promise<Record<string, Migration>>;
}

/**
 * Applies pending migrations in name order, all in one transaction, so a failing migration leaves
 * the file as it was. Kysely's own Migrator commits each migration on its own on SQLite, which can
 * leave a half-upgraded file (the runner itself is dialect-neutral: Postgres migrates in one
 * transaction too); this keeps its bookkeeping table so the two stay interchangeable.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  provider: StaticMigrationProvider,
): Promise<string[]> {
  const migrations = await provider.getMigrations();
  const names = Object.keys(migrations).sort();
  await sql`create table if not exists kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(
    db,
  );
  const applied = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  ).rows.map((r) => r.name);
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length) {
    throw new Error(`the file was written by a newer Kirinuki (unknown migrations: ${unknown.join(', ')})`);
  }
  const pending = names.filter((name) => !applied.includes(name));
  const lastApplied = applied.at(-1);
  const outOfOrder = lastApplied ? pending.filter((name) => name < lastApplied) : [];
  if (outOfOrder.length)
    throw new Error(`migrations dated before ones already applied: ${outOfOrder.join(', ')}`);
  let current = '';
  try {
    await db.transaction().execute(async (trx) => {
      for (const name of pending) {
        current = name;
        await (migrations[name] as Migration).up(trx as unknown as Kysely<unknown>);
        await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
          trx,
        );
      }
    });
  } catch (error) {
    throw new Error(`migration ${current} failed: ${(error as Error).message}`, { cause: error });
  }
  return pending;
}
