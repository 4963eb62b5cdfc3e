import { useDraggable } from '@dnd-kit/core';
import type { KeyboardEvent } from 'react';
import type { Clip } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';

/** The approved clips, to drag onto a slot (or Enter, arrows to a slot, Enter again). */
export function ClipRail({
  clips,
  pickingId,
  onKeyDown,
  onBlur,
}: {
  clips: readonly Clip[];
  pickingId: string | null;
  onKeyDown(event: KeyboardEvent, clip: Clip): void;
  onBlur(): void;
}) {
  const { t } = useT();
  return (
    <aside className="clip-rail" aria-labelledby="clip-rail-heading" data-testid="clip-rail">
      <h2 id="clip-rail-heading">{t('calendar.rail.heading')}</h2>
      <p className="muted rail-help">{t('calendar.rail.help')}</p>
      {clips.length === 0 ? <p className="muted">{t('calendar.rail.empty')}</p> : null}
      <ul>
        {clips.map((clip) => (
          <RailClip
            key={clip.id}
            clip={clip}
            picking={pickingId === clip.id}
            onKeyDown={onKeyDown}
            onBlur={onBlur}
          />
        ))}
      </ul>
    </aside>
  );
}

function RailClip({
  clip,
  picking,
  onKeyDown,
  onBlur,
}: {
  clip: Clip;
  picking: boolean;
  onKeyDown(event: KeyboardEvent, clip: Clip): void;
  onBlur(): void;
}) {
  const { t, locale } = useT();
  const { media } = useHost();
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: `clip:${clip.id}`,
    data: { kind: 'clip', clipId: clip.id },
  });
  const title = clip.title || t('clip.untitled');
  return (
    <li>
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        role="button"
        tabIndex={0}
        className="rail-clip"
        data-testid="rail-clip"
        data-clip-id={clip.id}
        data-dragging={isDragging ? 'true' : undefined}
        data-picking={picking ? 'true' : undefined}
        aria-roledescription={t('calendar.rail.role')}
        aria-label={t('calendar.rail.label', { title })}
        onKeyDown={(e) => onKeyDown(e, clip)}
        onBlur={onBlur}
      >
        <img className="rail-cover" src={media.thumbnailUrl(clip.videoId)} alt="" draggable={false} />
        <span className="rail-text">
          <span className="rail-title">{title}</span>
          <span className="muted">{formatNumber(clip.duration, locale, 1)} s</span>
        </span>
      </div>
    </li>
  );
}
