// Frozen migration: never edit after it has shipped; add a new dated file instead.
import { sql, type Kysely } from 'kysely';

/**
 * Jobs are keyed by (subjectKind, subjectId, stage) instead of (videoId, stage), so a clip or a
 * post can have its own jobs (publishing is per post), and `runAfter` becomes `notBefore` (a
 * scheduled post is a job not due yet; a retry's backoff is one too). Every job keeps its row,
 * id, state, lease and events: the old jobs were all about a video, so they become video jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('subjectKind', 'text', (c) => c.notNull().defaultTo('video'))
    .execute();
  await db.schema.alterTable('jobs').addColumn('subjectId', 'text').execute();
  await sql`update jobs set subjectId = videoId`.execute(db);
  await db.schema.alterTable('jobs').renameColumn('runAfter', 'notBefore').execute();
  await db.schema.dropIndex('jobs_video_stage').execute();
  await db.schema.dropIndex('jobs_status').execute();
  await db.schema
    .createIndex('jobs_subject_stage')
    .unique()
    .on('jobs')
    .columns(['subjectKind', 'subjectId', 'stage'])
    .execute();
  await db.schema.createIndex('jobs_video').on('jobs').column('videoId').execute();
  await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'notBefore']).execute();
}
