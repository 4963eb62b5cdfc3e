// Frozen migration: never edit after it has shipped; add a new dated file instead.
import type { Kysely } from 'kysely';

/** The jobs read model of the library: a projection of the job events in the event log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('videoId', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_views_by_video').on('job_views').column('videoId').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_views').execute();
}
