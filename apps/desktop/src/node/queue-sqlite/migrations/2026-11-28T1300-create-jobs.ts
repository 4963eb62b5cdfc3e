// Frozen migration: never edit after it has shipped; add a new dated file instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('videoId', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('maxAttempts', 'integer', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('etaMs', 'integer')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('output', 'text')
    .addColumn('error', 'text')
    .addColumn('runAfter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leaseToken', 'text')
    .addColumn('leaseOwnerId', 'text')
    .addColumn('leasePid', 'integer')
    .addColumn('leaseHost', 'text')
    .addColumn('leaseBootId', 'text')
    .addColumn('leaseExpiresAt', 'integer')
    .addColumn('eventSeq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('startedAt', 'text')
    .addColumn('finishedAt', 'text')
    .execute();
  await db.schema.createIndex('jobs_video_stage').unique().on('jobs').columns(['videoId', 'stage']).execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'runAfter']).execute();

  // Outbox: events committed with the job change, delivered to the event log afterwards.
  await db.schema
    .createTable('job_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('aggregateId', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('job_events_delivered').on('job_events').columns(['delivered', 'id']).execute();

  await db.schema
    .createTable('queue_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into queue_state (key, value) values ('paused', 'false')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('queue_state').execute();
  await db.schema.dropTable('job_events').execute();
  await db.schema.dropTable('jobs').execute();
}
