import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventEnvelope } from '@kirinuki/contracts';
import type { LibraryDatabase } from '../library-db/library-database.js';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;

/** Appends events; an id already present is skipped, so a retried write never duplicates. */
export async function appendEvents(db: Db, events: ReadonlyArray<EventEnvelope>) {
  if (!events.length) return 0;
  const result = await db
    .insertInto('events')
    .values(events.map((e) => ({ ...e, payload: JSON.stringify(e.payload) })))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function listEvents(
  db: Db,
  filter: { aggregateId?: string | undefined; types?: readonly string[] } = {},
): Promise<EventEnvelope[]> {
  // Insertion order (rowid) is the local truth; ids order events across devices.
  let query = db
    .selectFrom('events')
    .selectAll()
    .orderBy(sql`rowid`);
  if (filter.aggregateId) query = query.where('aggregateId', '=', filter.aggregateId);
  if (filter.types?.length) query = query.where('type', 'in', filter.types);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
}
