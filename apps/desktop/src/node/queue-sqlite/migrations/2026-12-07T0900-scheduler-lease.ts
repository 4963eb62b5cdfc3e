// Frozen migration: never edit after it has shipped; add a new dated file instead.
import type { Kysely } from 'kysely';

/**
 * The scheduler's lease: one process per library wakes for due work (scheduled posts, retries'
 * backoff). One row, held by its owner's process, machine and boot until `expiresAt`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scheduler_lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('ownerId', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('bootId', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'integer', (c) => c.notNull())
    .execute();
}
