import { useState } from 'react';
import { useHost } from '../app/gateways-context.js';
import { useT } from '../i18n/use-t.js';
import { browserNotifier, type SystemPermission } from './system-notifications.js';

/** In a browser: asks to show notifications, or says they are on or blocked. The app needs none. */
export function AllowNotificationsButton() {
  const { t } = useT();
  const { notifications } = useHost();
  const notifier = notifications.hostShowsSystemNotifications ? null : browserNotifier();
  const [permission, setPermission] = useState<SystemPermission>(
    () => notifier?.permission() ?? 'unsupported',
  );
  if (!notifier || permission === 'unsupported') return null;
  if (permission === 'granted')
    return (
      <p className="muted notification-permission" data-testid="notifications-allowed">
        {t('notifications.allow.granted')}
      </p>
    );
  if (permission === 'denied')
    return (
      <p className="muted notification-permission" data-testid="notifications-denied">
        {t('notifications.allow.denied')}
      </p>
    );
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="notifications-allow"
      onClick={() =>
        notifier.requestPermission().then(setPermission, () => setPermission(notifier.permission()))
      }
    >
      {t('notifications.allow')}
    </button>
  );
}
