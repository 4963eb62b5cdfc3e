import { useCallback, useRef } from 'react';
import { useT } from '../i18n/use-t.js';
import { notificationText } from './notification-model.js';
import { BellIcon } from './NotificationIcon.js';
import { NotificationPanel } from './NotificationPanel.js';
import { useNotificationsStore } from './notifications-store.js';

/** The sidebar's bell (with the unread count), its panel, and a live region for new items. */
export function NotificationCentre() {
  const { t, locale } = useT();
  const open = useNotificationsStore((s) => s.open);
  const setOpen = useNotificationsStore((s) => s.setOpen);
  const unread = useNotificationsStore((s) => s.unread);
  const latest = useNotificationsStore((s) => s.latest);
  const bell = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    // Back to the bell only when focus was in the panel (not when the user clicked elsewhere).
    if (document.activeElement === document.body || document.activeElement?.closest('#notification-panel'))
      bell.current?.focus();
  }, [setOpen]);
  const announced = latest ? notificationText(latest, t, locale) : null;
  return (
    <>
      <button
        ref={bell}
        type="button"
        className="bell"
        data-testid="notification-bell"
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={unread > 0 ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell')}
        title={t('notifications.bell')}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell-count" data-testid="notification-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <div className="visually-hidden" aria-live="polite" data-testid="notification-live">
        {announced ? `${announced.title}. ${announced.body}` : ''}
      </div>
      {open ? <NotificationPanel onClose={close} /> : null}
    </>
  );
}
