import type { JobError } from '../jobs/job.js';
import type { PublishPlatform } from './publish-platforms.js';

/**
 * What the notification centre tells: a post went out (with its link), failed (with the reason,
 * and a retry), was missed, is held because its account must be connected again, or an
 * account's sign-in is about to run out.
 */
export const NOTIFICATION_KINDS = ['published', 'failed', 'missed', 'reconnect', 'token-expiring'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface AppNotification {
  /** The id of the event it tells of (or `token-expiring:<account>:<expiry>`): one notification per happening. */
  id: string;
  kind: NotificationKind;
  createdAt: string;
  /** When the user read it in the centre; null while unread. */
  readAt: string | null;
  platform: PublishPlatform | null;
  postId: string | null;
  clipId: string | null;
  accountId: string | null;
  /** The published post's link. */
  url: string | null;
  /** Why it failed, was missed or is held. */
  error: JobError | null;
  /** For token-expiring: when the sign-in runs out (ISO). */
  expiresAt: string | null;
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
