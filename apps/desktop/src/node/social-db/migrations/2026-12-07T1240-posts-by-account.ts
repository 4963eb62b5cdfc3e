// Frozen migration: never edit after it has shipped; add a new dated file instead.
import type { Kysely } from 'kysely';

/** An account's posts by time: what a posting window counts, when scheduling and when firing. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_account_at').on('posts').columns(['accountId', 'at']).execute();
  await db.schema.createIndex('posts_account_status').on('posts').columns(['accountId', 'status']).execute();
}
