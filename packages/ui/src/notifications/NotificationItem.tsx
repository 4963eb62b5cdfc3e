import { useState } from 'react';
import { PUBLISH_PLATFORM_LABELS, type AppNotification } from '@kirinuki/contracts';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useT } from '../i18n/use-t.js';
import { actionOf, formatRelativeTime, notificationText } from './notification-model.js';
import { NotificationIcon } from './NotificationIcon.js';

type RetryState = 'idle' | 'retrying' | 'retried';

/** One notification: what happened, when, on which platform, and what to do about it. */
export function NotificationItem({
  notification,
  fresh,
  now,
  onReconnect,
  onMarkRead,
}: {
  notification: AppNotification;
  /** Unread when the panel opened, or unread now: highlighted. */
  fresh: boolean;
  now: number;
  onReconnect(): void;
  onMarkRead(id: string): void;
}) {
  const { t, locale } = useT();
  const { posts } = useHost();
  const [retry, setRetry] = useState<RetryState>('idle');
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const { title, body } = notificationText(notification, t, locale);
  const action = actionOf(notification);
  const doRetry = (postId: string) => {
    setRetry('retrying');
    setProblem(null);
    posts.retry(postId).then(
      () => setRetry('retried'),
      (error: unknown) => (setRetry('idle'), setProblem(toUserFacingProblem(error))),
    );
  };
  return (
    <li
      className="notification"
      data-testid="notification"
      data-kind={notification.kind}
      data-unread={notification.readAt === null}
      data-fresh={fresh}
    >
      <NotificationIcon kind={notification.kind} />
      <div className="notification-main">
        <div className="notification-head">
          <strong className="notification-title">{title}</strong>
          {fresh ? <span className="visually-hidden">{t('notifications.unread')}</span> : null}
        </div>
        <div className="notification-meta">
          {notification.platform ? (
            <span className="notification-platform" data-platform={notification.platform}>
              {PUBLISH_PLATFORM_LABELS[notification.platform]}
            </span>
          ) : null}
          <time
            dateTime={notification.createdAt}
            title={new Date(notification.createdAt).toLocaleString(locale)}
          >
            {formatRelativeTime(notification.createdAt, now, locale)}
          </time>
        </div>
        {body ? <p className="notification-body">{body}</p> : null}
        {notification.error?.hint && notification.kind !== 'published' ? (
          <p className="notification-body muted">{notification.error.hint}</p>
        ) : null}
        {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
        <div className="notification-actions row">
          {action === 'open' && notification.url ? (
            // In the app the main process opens a new-window link in the user's browser.
            <a
              className="btn btn-small"
              href={notification.url}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="notification-open"
            >
              {t('notifications.open')}
            </a>
          ) : null}
          {action === 'retry' && notification.postId ? (
            retry === 'retried' ? (
              <span className="muted" role="status">
                {t('notifications.retried')}
              </span>
            ) : (
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-testid="notification-retry"
                disabled={retry === 'retrying'}
                onClick={() => doRetry(notification.postId!)}
              >
                {t(retry === 'retrying' ? 'notifications.retrying' : 'notifications.retry')}
              </button>
            )
          ) : null}
          {action === 'reconnect' ? (
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="notification-reconnect"
              onClick={onReconnect}
            >
              {t('notifications.reconnect')}
            </button>
          ) : null}
          {notification.readAt === null ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="notification-mark-read"
              onClick={() => onMarkRead(notification.id)}
            >
              {t('notifications.markRead')}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
