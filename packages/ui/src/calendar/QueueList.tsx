import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { Post } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import { isCancellable, isRetryable } from '../publish/post-progress.js';
import { formatWhen } from './calendar-format.js';
import { queueOf } from './calendar-model.js';

/** The queue in time order: what is still to go out, and what failed or was missed, with Cancel or Retry. */
export function QueueList({
  posts,
  zone,
  titleOf,
  onCancel,
  onRetry,
}: {
  posts: readonly Post[];
  zone: string;
  titleOf(post: Post): string;
  onCancel(post: Post): void;
  onRetry(post: Post): void;
}) {
  const { t, locale } = useT();
  const { media } = useHost();
  const queue = queueOf(posts);
  if (!queue.length)
    return (
      <p className="muted" data-testid="queue-empty">
        {t('calendar.list.empty')}
      </p>
    );
  return (
    <ol className="queue-list" data-testid="queue-list">
      {queue.map((post) => {
        const platform = PUBLISH_PLATFORM_LABELS[post.platform];
        return (
          <li
            key={post.id}
            className="queue-row"
            data-testid="queue-row"
            data-post-id={post.id}
            data-platform={post.platform}
            data-status={post.status}
          >
            <img className="chip-cover" src={media.thumbnailUrl(post.videoId)} alt="" />
            <span className="queue-when">{formatWhen(post.at!, zone, locale)}</span>
            <span className="queue-platform">{platform}</span>
            <span className="queue-title">{titleOf(post)}</span>
            <span className={`badge ${statusBadge(post.status)}`}>
              {t(`post.status.${post.status}` as MessageKey)}
            </span>
            <span className="queue-actions">
              {isRetryable(post.status) ? (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('post.retry.label', { platform })}
                  onClick={() => onRetry(post)}
                >
                  {t('post.retry')}
                </button>
              ) : null}
              {isCancellable(post.status) ? (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  aria-label={t('calendar.list.cancelLabel', { platform })}
                  onClick={() => onCancel(post)}
                >
                  {t('post.cancel')}
                </button>
              ) : null}
            </span>
            {post.error ? <span className="queue-error">{post.error.message}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

const statusBadge = (status: Post['status']) =>
  status === 'failed' || status === 'missed'
    ? 'badge-danger'
    : status === 'scheduled'
      ? 'badge-ok'
      : 'badge-warn';
