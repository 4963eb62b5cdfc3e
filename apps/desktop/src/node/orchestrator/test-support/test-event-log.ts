// A stand-in for the library's `events` table (same columns, INSERT OR IGNORE by id) for tests.
import type { Kysely } from 'kysely';
import type { DatabaseDefinition } from '@kirinuki/db';
import type { EventEnvelope } from '@kirinuki/contracts';

export interface TestEventLogDatabase {
  events: { id: string; type: string; aggregateId: string; at: string; payload: string };
}

export const TEST_EVENT_LOG: DatabaseDefinition = {
  name: 'test-events',
  file: 'events.db',
  migrations: {
    '2026-11-28T0000-events': {
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('aggregateId', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
};

export async function appendEventTo(db: Kysely<TestEventLogDatabase>, event: EventEnvelope): Promise<void> {
  await db
    .insertInto('events')
    .values({ ...event, payload: JSON.stringify(event.payload) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function readEventLog(db: Kysely<TestEventLogDatabase>): Promise<EventEnvelope[]> {
  const rows = await db.selectFrom('events').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
}
