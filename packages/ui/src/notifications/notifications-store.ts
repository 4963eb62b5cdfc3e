import { create } from 'zustand';
import type { AppNotification } from '@kirinuki/contracts';
import { mergeNotifications } from './notification-model.js';

interface NotificationsState {
  /** Newest first. */
  items: AppNotification[];
  /** As the host counts it (it may count more than `items` holds). */
  unread: number;
  open: boolean;
  /** The host's list has arrived. */
  loaded: boolean;
  /** The latest notification the feed brought, for the live region. */
  latest: AppNotification | null;
  /** Adds the host's list; the host's copy of an item wins, its unread count replaces ours. */
  seed(listed: { notifications: readonly AppNotification[]; unread: number }): void;
  receive(notification: AppNotification): void;
  /** Records a markRead: these ids (all when absent) read now, and the host's new count. */
  markedRead(unread: number, ids?: readonly string[]): void;
  setOpen(open: boolean): void;
}

export const useNotificationsStore = create<NotificationsState>()((set) => ({
  items: [],
  unread: 0,
  open: false,
  loaded: false,
  latest: null,
  seed: (listed) =>
    set((s) => ({
      items: mergeNotifications(s.items, listed.notifications),
      unread: listed.unread,
      loaded: true,
    })),
  receive: (notification) =>
    set((s) => {
      const known = s.items.some((n) => n.id === notification.id);
      return {
        items: mergeNotifications(s.items, [notification]),
        unread: s.unread + (!known && notification.readAt === null ? 1 : 0),
        latest: known ? s.latest : notification,
      };
    }),
  markedRead: (unread, ids) =>
    set((s) => {
      const now = new Date().toISOString();
      const chosen = ids ? new Set(ids) : null;
      return {
        unread,
        items: s.items.map((n) =>
          n.readAt === null && (!chosen || chosen.has(n.id)) ? { ...n, readAt: now } : n,
        ),
      };
    }),
  setOpen: (open) => set({ open }),
}));
