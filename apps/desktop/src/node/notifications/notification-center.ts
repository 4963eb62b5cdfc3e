import { EventEmitter, once } from 'node:events';
import type { Kysely } from 'kysely';
import type { AppNotification, ConnectedAccount, EventEnvelope } from '@kirinuki/contracts';
import { appendEvents } from '../events/events-repository.js';
import type { LibraryDatabase } from '../library-db/library-database.js';
import {
  claimShown,
  insertNotifications,
  lastNotificationRowid,
  listNotifications,
  markNotificationsRead,
  notificationOf,
  notificationsAfter,
  unreadCount,
} from './notifications-repository.js';

/** A sign-in that cannot renew itself is told of this long before it runs out. */
export const TOKEN_WARNING_MS = 3 * 86_400_000;

/**
 * The notification centre of a library: each post event that the user should hear of becomes one
 * notification, in the transaction that appends the event (so an event delivered twice is told
 * once). The feed follows the table, so what another process on the library recorded (the CLI's
 * scheduler, serve) reaches this one's subscribers too, within `pollMs`.
 */
export function createNotificationCenter(db: Kysely<LibraryDatabase>, options: { pollMs?: number } = {}) {
  const pollMs = options.pollMs ?? 2_000;
  const recorded = new EventEmitter();
  recorded.setMaxListeners(0);
  const record = async (notifications: readonly AppNotification[]) => {
    const inserted = await insertNotifications(db, notifications);
    if (inserted.length) recorded.emit('recorded');
    return inserted;
  };
  return {
    /** Appends events to the library's log and records what they tell, in one transaction. */
    appendEvents: async (events: EventEnvelope[]) => {
      const told = events.map(notificationOf).filter((n): n is AppNotification => n !== null);
      const appended = await db.transaction().execute(async (trx) => {
        const count = await appendEvents(trx, events);
        if (told.length) await insertNotifications(trx, told);
        return count;
      });
      if (told.length) recorded.emit('recorded');
      return appended;
    },
    /**
     * Tells of accounts whose sign-in runs out within TOKEN_WARNING_MS and cannot be renewed on its
     * own (no refresh token): once per account and expiry.
     */
    checkTokens: async (
      accounts: readonly ConnectedAccount[],
      canRenew: (id: string) => boolean,
      now: number,
    ) => {
      const soon = accounts.filter(
        (a) =>
          a.status === 'connected' &&
          a.tokenExpiresAt !== null &&
          Date.parse(a.tokenExpiresAt) - now < TOKEN_WARNING_MS &&
          !canRenew(a.id),
      );
      return record(
        soon.map((a) => ({
          id: `token-expiring:${a.id}:${a.tokenExpiresAt}`,
          kind: 'token-expiring' as const,
          createdAt: new Date(now).toISOString(),
          readAt: null,
          platform: a.platform,
          postId: null,
          clipId: null,
          accountId: a.id,
          url: null,
          error: null,
          expiresAt: a.tokenExpiresAt,
        })),
      );
    },
    list: async (limit = 100) => ({
      notifications: await listNotifications(db, limit),
      unread: await unreadCount(db),
    }),
    markRead: async (ids: readonly string[] | null) => {
      await markNotificationsRead(db, ids, new Date());
      return { unread: await unreadCount(db) };
    },
    /** Whether this caller shows the system notification (true once per notification). */
    claimShown: (id: string) => claimShown(db, id, new Date()),
    /** Each notification recorded from now on, by this process or another, in order. */
    feed: async function* (signal?: AbortSignal): AsyncGenerator<AppNotification> {
      let cursor = await lastNotificationRowid(db);
      while (!signal?.aborted) {
        for (const { rowid, notification } of await notificationsAfter(db, cursor)) {
          cursor = rowid;
          yield notification;
        }
        const wait = new AbortController();
        const stop = () => wait.abort();
        signal?.addEventListener('abort', stop, { once: true });
        const timer = setTimeout(stop, pollMs);
        try {
          await once(recorded, 'recorded', { signal: wait.signal });
        } catch {
          // timed out or stopped: look again (or end)
        } finally {
          clearTimeout(timer);
          signal?.removeEventListener('abort', stop);
        }
      }
    },
  };
}

export type NotificationCenter = ReturnType<typeof createNotificationCenter>;
