import { useEffect, useRef, useState } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind } from '@kirinuki/contracts';
import { useT } from '../i18n/use-t.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { AllowNotificationsButton } from '../notifications/AllowNotificationsButton.js';
import { systemNotificationKinds, systemNotificationSetting } from '../notifications/notification-model.js';
import { useSectionTarget } from './use-section-target.js';

const LABEL: Record<NotificationKind, MessageKey> = {
  published: 'notifications.kind.published',
  failed: 'notifications.kind.failed',
  missed: 'notifications.kind.missed',
  reconnect: 'notifications.kind.reconnect',
  'token-expiring': 'notifications.kind.token-expiring',
};

/** Settings → Notifications: which kinds also show as system notifications (`notifications.os`). */
export function NotificationSettings({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useT();
  // Ticks show at once; the saved value comes back through `value`.
  const [current, setCurrent] = useState(value);
  useEffect(() => setCurrent(value), [value]);
  const chosen = new Set(systemNotificationKinds(current));
  const heading = useRef<HTMLHeadingElement>(null);
  useSectionTarget('notifications', heading);
  const toggle = (kind: NotificationKind, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(kind);
    else next.delete(kind);
    const setting = systemNotificationSetting(next);
    setCurrent(setting);
    onChange(setting);
  };
  return (
    <section
      className="card stack"
      aria-labelledby="notification-settings-heading"
      data-testid="notification-settings"
    >
      <h2 id="notification-settings-heading" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {t('notifications.settings.heading')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t('notifications.settings.intro')}
      </p>
      <fieldset className="notification-kinds">
        <legend>{t('notifications.settings.legend')}</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="checkbox"
              data-testid={`notify-os-${kind}`}
              checked={chosen.has(kind)}
              onChange={(e) => toggle(kind, e.target.checked)}
            />
            {t(LABEL[kind])}
          </label>
        ))}
      </fieldset>
      <div>
        <AllowNotificationsButton />
      </div>
    </section>
  );
}
