import type { NotificationKind } from '@kirinuki/contracts';

export interface NotificationsTable {
  /** The id of the event it tells of (or `token-expiring:<account>:<expiry>`). */
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  /** When a system notification was shown for it (by whichever window or process claimed it first). */
  shownAt: string | null;
  /** JSON: the rest of the AppNotification (platform, post, clip, account, url, error, expiresAt). */
  data: string;
}
