import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEvent } from 'react';
import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { Post } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import { formatClock } from './calendar-format.js';
import { isMovable } from './calendar-model.js';

/** A post on the calendar: its clip's picture, time and platform, coloured by platform, its state in words. */
export function PostChip({
  post,
  title,
  zone,
  saving,
  picking,
  onKeyDown,
  onBlur,
}: {
  post: Post;
  title: string;
  zone: string;
  saving?: boolean;
  /** The keyboard is choosing a new slot for it. */
  picking?: boolean;
  onKeyDown?(event: KeyboardEvent, post: Post): void;
  onBlur?(): void;
}) {
  const { t, locale } = useT();
  const movable = isMovable(post);
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: `post:${post.id}`,
    data: { kind: 'post', postId: post.id },
    disabled: !movable || saving,
  });
  const time = post.at ? formatClock(post.at, zone, locale) : '';
  const platform = PUBLISH_PLATFORM_LABELS[post.platform];
  const status = t(`post.status.${post.status}` as MessageKey);
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      // dnd-kit's own keyboard sensor is not used: arrows pick a slot, Enter confirms (calendar-keys).
      role="button"
      tabIndex={0}
      className="post-chip"
      data-testid="post-chip"
      data-post-id={post.id}
      data-platform={post.platform}
      data-status={post.status}
      data-dragging={isDragging ? 'true' : undefined}
      data-picking={picking ? 'true' : undefined}
      aria-busy={saving || undefined}
      aria-roledescription={t('calendar.chip.role')}
      aria-label={t(movable ? 'calendar.chip.labelMovable' : 'calendar.chip.label', {
        platform,
        time,
        title,
        status,
      })}
      onKeyDown={(e) => onKeyDown?.(e, post)}
      onBlur={onBlur}
    >
      <PostChipContent post={post} zone={zone} />
    </div>
  );
}

/** What a chip shows: the clip's picture, the time, the platform, and its state unless scheduled. */
export function PostChipContent({ post, zone }: { post: Post; zone: string }) {
  const { t, locale } = useT();
  const { media } = useHost();
  return (
    <>
      <img className="chip-cover" src={media.thumbnailUrl(post.videoId)} alt="" draggable={false} />
      <span className="chip-text">
        <span className="chip-time">{post.at ? formatClock(post.at, zone, locale) : ''}</span>
        <span className="chip-platform">{PUBLISH_PLATFORM_LABELS[post.platform]}</span>
        {post.status !== 'scheduled' ? (
          <span className="chip-status">{t(`post.status.${post.status}` as MessageKey)}</span>
        ) : null}
      </span>
    </>
  );
}
