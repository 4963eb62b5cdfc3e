// Frozen migration: never edit after it has shipped; add a new dated file instead.
import type { Kysely } from 'kysely';

/** Cloud vision answers by frame hash + model + prompt, so no frame is paid for twice. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cloud_vision_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cloud_vision_cache').execute();
}
