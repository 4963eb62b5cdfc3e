import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppNotification, EventEnvelope, JobError, PublishPlatform } from '@kirinuki/contracts';
import type { LibraryDatabase } from '../library-db/library-database.js';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;
type Row = LibraryDatabase['notifications'];
type Data = Omit<AppNotification, 'id' | 'kind' | 'createdAt' | 'readAt'>;

const EMPTY: Data = {
  platform: null,
  postId: null,
  clipId: null,
  accountId: null,
  url: null,
  error: null,
  expiresAt: null,
};

interface PostPayload {
  postId: string;
  clipId: string;
  platform: PublishPlatform;
  accountId?: string;
  url?: string | null;
  error?: JobError;
}

/** The notification an event tells of, if any: a post published, failed, missed or held. */
export function notificationOf(event: EventEnvelope): AppNotification | null {
  const p = event.payload as PostPayload;
  const base = {
    id: event.id,
    createdAt: event.at,
    readAt: null,
    ...EMPTY,
    platform: p.platform ?? null,
    postId: p.postId ?? null,
    clipId: p.clipId ?? null,
    accountId: p.accountId ?? null,
  };
  switch (event.type) {
    case 'PostPublished':
      return { ...base, kind: 'published', url: p.url ?? null };
    case 'PostFailed':
      return { ...base, kind: p.error?.code === 'POST_MISSED' ? 'missed' : 'failed', error: p.error ?? null };
    case 'PostHeld':
      return { ...base, kind: 'reconnect', error: p.error ?? null };
    default:
      return null;
  }
}

const toRow = (n: AppNotification): Row => {
  const { id, kind, createdAt, readAt, ...data } = n;
  return { id, kind, createdAt, readAt, shownAt: null, data: JSON.stringify(data) };
};
const toNotification = (r: Row): AppNotification => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.createdAt,
  readAt: r.readAt,
  ...EMPTY,
  ...(JSON.parse(r.data) as Partial<Data>),
});

/** Records notifications; one already there (the same event delivered again) is left as it is. */
export async function insertNotifications(
  db: Db,
  notifications: readonly AppNotification[],
): Promise<string[]> {
  const inserted: string[] = [];
  for (const n of notifications) {
    const result = await db
      .insertInto('notifications')
      .values(toRow(n))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) inserted.push(n.id);
  }
  return inserted;
}

export async function listNotifications(db: Db, limit: number): Promise<AppNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function unreadCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function markNotificationsRead(db: Db, ids: readonly string[] | null, now: Date): Promise<void> {
  let query = db.updateTable('notifications').set({ readAt: now.toISOString() }).where('readAt', 'is', null);
  if (ids) {
    if (!ids.length) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}

/** True for exactly one caller per notification (across processes): the one that shows it. */
export async function claimShown(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ shownAt: now.toISOString() })
    .where('id', '=', id)
    .where('shownAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Notifications recorded after the row `afterRowid` (by any process), oldest first, with their rowid. */
export async function notificationsAfter(
  db: Db,
  afterRowid: number,
): Promise<Array<{ rowid: number; notification: AppNotification }>> {
  const rows = await db
    .selectFrom('notifications')
    .select(sql<number>`rowid`.as('rowid'))
    .selectAll()
    .where(sql<number>`rowid`, '>', afterRowid)
    .orderBy(sql`rowid`)
    .execute();
  return rows.map((r) => ({ rowid: Number(r.rowid), notification: toNotification(r) }));
}

export async function lastNotificationRowid(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`max(rowid)`.as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
