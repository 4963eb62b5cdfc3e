import { useEffect } from 'react';
import { useHost } from '../app/gateways-context.js';
import { useUiStore } from '../app/ui-store.js';
import { translate } from '../i18n/use-t.js';
import { notificationText, systemNotificationKinds } from './notification-model.js';
import { useNotificationsStore } from './notifications-store.js';
import { browserNotifier, showAsSystemNotification } from './system-notifications.js';

const LISTED = 100;

/**
 * Keeps one `notifications.feed` subscription open for the whole app: new items go to the
 * centre and, in a browser (the Electron app shows its own), to the system's notifications.
 */
export function useNotificationFeed(): void {
  const { notifications, settings } = useHost();
  useEffect(() => {
    const store = useNotificationsStore.getState();
    const unsubscribe = notifications.subscribe(
      (notification) => {
        store.receive(notification);
        const notifier = notifications.hostShowsSystemNotifications ? null : browserNotifier();
        if (!notifier) return;
        showAsSystemNotification(notification, {
          notifier,
          // Read at each notification, so a change in Settings (or another window) counts at once.
          kinds: async () => systemNotificationKinds((await settings.get()).settings['notifications.os']),
          claim: (id) => notifications.claimShown(id),
          text: (n) => {
            const locale = useUiStore.getState().locale;
            return notificationText(n, (key, values) => translate(locale, key, values), locale);
          },
          onClick: () => (globalThis.focus?.(), useNotificationsStore.getState().setOpen(true)),
        }).catch((error: unknown) => console.warn('could not show a system notification', error));
      },
      (error) => console.warn('notification subscription failed', error),
    );
    // Subscribed first, then listed, so nothing falls between the two.
    notifications
      .list(LISTED)
      .then(store.seed, (error: unknown) => console.warn('could not list notifications', error));
    return unsubscribe;
  }, [notifications, settings]);
}
