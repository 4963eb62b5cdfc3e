// Frozen migration: never edit after it has shipped; add a new dated file instead.
import { sql, type Kysely } from 'kysely';

/** The jobs read model names each job's subject (a video, a clip, a post), as the queue now does. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('job_views')
    .addColumn('subjectKind', 'text', (c) => c.notNull().defaultTo('video'))
    .execute();
  await db.schema.alterTable('job_views').addColumn('subjectId', 'text').execute();
  await sql`update job_views set subjectId = videoId`.execute(db);
}
