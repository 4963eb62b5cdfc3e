import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useUiStore } from '../app/ui-store.js';
import { useT } from '../i18n/use-t.js';
import { AllowNotificationsButton } from './AllowNotificationsButton.js';
import { NotificationItem } from './NotificationItem.js';
import { useNotificationsStore } from './notifications-store.js';

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select, textarea, [tabindex="0"]';

/**
 * The notification centre, beside the sidebar. Opening it marks what it shows read (those stay
 * highlighted until it closes); Escape closes it and Tab stays inside.
 */
export function NotificationPanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const { notifications: gateway } = useHost();
  const items = useNotificationsStore((s) => s.items);
  const unread = useNotificationsStore((s) => s.unread);
  const loaded = useNotificationsStore((s) => s.loaded);
  const markedRead = useNotificationsStore((s) => s.markedRead);
  const openSettingsAt = useUiStore((s) => s.openSettingsAt);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  const markedOnOpen = useRef(false);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const panel = useRef<HTMLDivElement>(null);

  const markRead = (ids?: string[]) => {
    setProblem(null);
    gateway.markRead(ids).then(
      ({ unread: left }) => {
        markedRead(left, ids);
        // The button that had focus may now be disabled: keep focus inside the panel.
        if (left === 0 && (!document.activeElement || document.activeElement === document.body))
          panel.current?.focus();
      },
      (error: unknown) => setProblem(toUserFacingProblem(error)),
    );
  };
  useEffect(() => {
    panel.current?.focus();
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  useEffect(() => {
    // Once per opening, when the host's list is in: what is unread then is what opening marks read.
    if (!loaded || markedOnOpen.current) return;
    markedOnOpen.current = true;
    const unreadIds = useNotificationsStore
      .getState()
      .items.filter((n) => n.readAt === null)
      .map((n) => n.id);
    setFresh(new Set(unreadIds));
    if (unreadIds.length) markRead(unreadIds);
  }, [loaded]);
  useEffect(() => {
    // A click elsewhere closes it, as a popover does (the bell toggles it itself).
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panel.current?.contains(target)) return;
      if ((target as Element).closest?.('[data-testid="notification-bell"]')) return;
      onClose();
    };
    // On the document: focus may have left the panel (a button it disabled, the page itself).
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onEscape);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return event.preventDefault();
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === panel.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      ref={panel}
      id="notification-panel"
      className="notification-panel"
      role="dialog"
      aria-labelledby="notification-panel-heading"
      tabIndex={-1}
      data-testid="notification-panel"
      onKeyDown={onKeyDown}
    >
      <header className="notification-panel-head">
        <h2 id="notification-panel-heading">{t('notifications.heading')}</h2>
        <button
          type="button"
          className="btn btn-small"
          data-testid="notifications-mark-all"
          disabled={unread === 0}
          onClick={() => markRead()}
        >
          {t('notifications.markAllRead')}
        </button>
        <button
          type="button"
          className="btn btn-small notification-close"
          aria-label={t('notifications.close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <AllowNotificationsButton />
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {items.length === 0 ? (
        <p className="muted notification-empty">
          {loaded ? t('notifications.empty') : t('notifications.loading')}
        </p>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              fresh={fresh.has(n.id) || n.readAt === null}
              now={now}
              onReconnect={() => (onClose(), openSettingsAt('accounts'))}
              onMarkRead={(id) => markRead([id])}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
