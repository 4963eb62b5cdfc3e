// Frozen migration: never edit after it has shipped; add a new dated file instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('remoteId', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('avatarUrl', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tokenExpiresAt', 'text')
    .addColumn('connectedAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('accounts_platform_remote')
    .unique()
    .on('accounts')
    .columns(['platform', 'remoteId'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotencyKey', 'text', (c) => c.notNull().unique())
    .addColumn('clipId', 'text', (c) => c.notNull())
    .addColumn('videoId', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('accountId', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('remoteId', 'text')
    .addColumn('url', 'text')
    .addColumn('error', 'text')
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('adapted', 'text')
    .addColumn('renderFile', 'text')
    .addColumn('bytesSent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytesTotal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploadState', 'text')
    .addColumn('at', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_clip').on('posts').column('clipId').execute();
  await db.schema.createIndex('posts_status').on('posts').columns(['status', 'at']).execute();

  await db.schema
    .createTable('post_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('aggregateId', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('post_events_delivered')
    .on('post_events')
    .columns(['delivered', 'id'])
    .execute();
}
