import {
  NOTIFICATION_KINDS,
  PUBLISH_PLATFORM_LABELS,
  type AppNotification,
  type NotificationKind,
} from '@kirinuki/contracts';
import { formatDate, type Locale } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages-en.js';
import type { Translate } from '../i18n/use-t.js';

/** What the user can do about a notification, from the centre. */
export type NotificationAction = 'open' | 'retry' | 'reconnect' | null;

export function actionOf(notification: Pick<AppNotification, 'kind' | 'url' | 'postId'>): NotificationAction {
  switch (notification.kind) {
    case 'published':
      return notification.url ? 'open' : null;
    case 'failed':
    case 'missed':
      return notification.postId ? 'retry' : null;
    case 'reconnect':
    case 'token-expiring':
      return 'reconnect';
  }
}

const TITLE: Record<NotificationKind, MessageKey> = {
  published: 'notifications.title.published',
  failed: 'notifications.title.failed',
  missed: 'notifications.title.missed',
  reconnect: 'notifications.title.reconnect',
  'token-expiring': 'notifications.title.token-expiring',
};

/** The one-line title (“Published to TikTok”) and the detail under it (the reason, the date). */
export function notificationText(
  notification: AppNotification,
  t: Translate,
  locale: Locale,
): { title: string; body: string } {
  const platform = notification.platform
    ? PUBLISH_PLATFORM_LABELS[notification.platform]
    : t('notifications.aPlatform');
  const title = t(TITLE[notification.kind], { platform });
  switch (notification.kind) {
    case 'published':
      return { title, body: '' };
    case 'failed':
    case 'missed':
      return { title, body: notification.error?.message ?? '' };
    case 'reconnect':
      return { title, body: notification.error?.message || t('notifications.body.reconnect') };
    case 'token-expiring':
      return {
        title,
        body: notification.expiresAt
          ? t('notifications.body.token-expiring', { date: formatDate(notification.expiresAt, locale) })
          : '',
      };
  }
}

/** “5 minutes ago”, “yesterday”, “3時間前”: how long ago `iso` was, at `now`. */
export function formatRelativeTime(iso: string, now: number, locale: Locale): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, {
    numeric: 'auto',
    style: locale === 'ja' ? 'narrow' : 'long',
  });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(0, 'second');
  if (abs < 3600) return format.format(Math.trunc(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.trunc(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return format.format(Math.round(seconds / 86_400), 'day');
  return formatDate(iso, locale);
}

/** The kinds the setting `notifications.os` shows as system notifications (unknown names dropped). */
export function systemNotificationKinds(setting: string | undefined): NotificationKind[] {
  if (setting === undefined) return [...NOTIFICATION_KINDS];
  const named = new Set(setting.split(',').map((k) => k.trim()));
  return NOTIFICATION_KINDS.filter((kind) => named.has(kind));
}

/** The setting's value for these kinds, in the contract's order. */
export function systemNotificationSetting(kinds: Iterable<NotificationKind>): string {
  const chosen = new Set(kinds);
  return NOTIFICATION_KINDS.filter((kind) => chosen.has(kind)).join(',');
}

/** One list, newest first, each notification once (a newer copy of the same id wins). */
export function mergeNotifications(
  current: readonly AppNotification[],
  incoming: readonly AppNotification[],
  limit = 200,
): AppNotification[] {
  const byId = new Map<string, AppNotification>();
  for (const n of current) byId.set(n.id, n);
  for (const n of incoming) byId.set(n.id, n);
  return [...byId.values()]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id))
    .slice(0, limit);
}
