import type { AppNotification, NotificationKind } from '@kirinuki/contracts';

export type SystemPermission = NotificationPermission | 'unsupported';

/** The browser's Notification API, or what a test puts in its place. */
export interface SystemNotifier {
  permission(): SystemPermission;
  requestPermission(): Promise<SystemPermission>;
  show(title: string, body: string, tag: string, onClick: () => void): void;
}

type NotificationScope = { Notification?: typeof Notification };

/** The page's own notifications (null where the browser has none). */
export function browserNotifier(scope: NotificationScope = globalThis): SystemNotifier | null {
  const api = scope.Notification;
  if (typeof api !== 'function') return null;
  return {
    permission: () => api.permission,
    requestPermission: () => api.requestPermission(),
    show(title, body, tag, onClick) {
      const shown = new api(title, { body, tag });
      shown.onclick = () => (onClick(), shown.close());
    },
  };
}

/**
 * Shows a new notification as a system one when the user allowed them, its kind is chosen in
 * `notifications.os`, and the host says this page is the one to show it (claimShown: true once
 * across every window and process). Resolves whether it was shown.
 */
export async function showAsSystemNotification(
  notification: AppNotification,
  deps: {
    notifier: SystemNotifier;
    kinds(): Promise<readonly NotificationKind[]>;
    claim(id: string): Promise<boolean>;
    text(notification: AppNotification): { title: string; body: string };
    onClick(notification: AppNotification): void;
  },
): Promise<boolean> {
  if (notification.readAt !== null || deps.notifier.permission() !== 'granted') return false;
  if (!(await deps.kinds()).includes(notification.kind)) return false;
  if (!(await deps.claim(notification.id))) return false;
  const { title, body } = deps.text(notification);
  deps.notifier.show(title, body, notification.id, () => deps.onClick(notification));
  return true;
}
