import type { Kysely, Transaction } from 'kysely';
import type { EventEnvelope, LibraryEventPayloads } from '@kirinuki/contracts';
import { deterministicEventId } from '../events/event-id.js';
import type { SocialDatabase } from '../social-db/social.tables.js';

type Db = Kysely<SocialDatabase> | Transaction<SocialDatabase>;
type PostEventType =
  'PostQueued' | 'PostPublished' | 'PostFailed' | 'PostCancelled' | 'PostRescheduled' | 'PostHeld';

/**
 * Records a post event in social.db's outbox, with the post change it belongs to; its id comes
 * from the post (its creation time and id), the type and `key`, so recording it again (a retry)
 * adds nothing.
 */
export async function writePostEvent<T extends PostEventType>(
  db: Db,
  type: T,
  post: { id: string; createdAt: string },
  payload: LibraryEventPayloads[T],
  key = '',
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('post_events')
    .values({
      id: deterministicEventId(Date.parse(post.createdAt), `${type}:${post.id}:${key}`),
      type,
      aggregateId: post.id,
      at: now.toISOString(),
      payload: JSON.stringify(payload),
      delivered: 0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Delivers the outbox to the library's event log, at least once (the log drops a repeated id):
 * an event is marked delivered only after `append` returned.
 */
export async function deliverPostEvents(
  db: Kysely<SocialDatabase>,
  append: (events: EventEnvelope[]) => Promise<unknown>,
) {
  for (;;) {
    const rows = await db
      .selectFrom('post_events')
      .selectAll()
      .where('delivered', '=', 0)
      .orderBy('id')
      .limit(200)
      .execute();
    if (!rows.length) return;
    await append(
      rows.map(({ delivered: _d, payload, ...e }) => ({ ...e, payload: JSON.parse(payload) as unknown })),
    );
    await db
      .updateTable('post_events')
      .set({ delivered: 1 })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }
}
