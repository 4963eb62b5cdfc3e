import type { CSSProperties, KeyboardEvent, MouseEvent, Ref } from 'react';
import type { Clip } from '../api/api-types.js';
import { formatNumber, formatTimecode } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';

export interface ClipCardProps {
  clip: Clip;
  selected: boolean;
  dragging?: boolean;
  /** Shown on the drag overlay when several cards move together. */
  count?: number;
  cardRef?: Ref<HTMLDivElement>;
  style?: CSSProperties;
  dragProps?: Record<string, unknown>;
  onClick?(event: MouseEvent): void;
  onKeyDown?(event: KeyboardEvent): void;
  onFocus?(): void;
  onMove?(to: Clip['status']): void;
  onEdit?(): void;
}

export function ClipCard({
  clip,
  selected,
  dragging,
  count,
  cardRef,
  style,
  dragProps,
  onClick,
  onKeyDown,
  onFocus,
  onMove,
  onEdit,
}: ClipCardProps) {
  const { t, locale } = useT();
  const title = clip.title || t('clip.untitled');
  const range = t('clip.range', { start: formatTimecode(clip.start), end: formatTimecode(clip.end) });
  return (
    <div
      ref={cardRef}
      style={style}
      className="clip-card"
      data-testid="clip-card"
      data-clip-id={clip.id}
      data-dragging={dragging ? 'true' : undefined}
      role="option"
      aria-selected={selected}
      aria-label={`${title}, ${t('clip.score', { score: formatNumber(clip.score, locale) })}, ${range}`}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      {...dragProps}
    >
      <div className="clip-top">
        <span className="clip-title">{title}</span>
        <span className="score">
          {count && count > 1 ? `×${count} · ` : ''}
          {t('clip.score', { score: formatNumber(clip.score, locale) })}
        </span>
      </div>
      <div className="clip-range">
        {range} · {formatNumber(clip.duration, locale, 1)} s
      </div>
      {clip.reasons.length ? (
        <ul className="reasons">
          {clip.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {onMove ? (
        <div className="clip-actions">
          {clip.status !== 'approved' ? (
            <button
              type="button"
              className="btn btn-small"
              tabIndex={-1}
              onClick={(e) => (e.stopPropagation(), onMove('approved'))}
            >
              {t('board.approve')}
            </button>
          ) : null}
          {clip.status !== 'rejected' ? (
            <button
              type="button"
              className="btn btn-small"
              tabIndex={-1}
              onClick={(e) => (e.stopPropagation(), onMove('rejected'))}
            >
              {t('board.reject')}
            </button>
          ) : null}
          {clip.status !== 'proposed' ? (
            <button
              type="button"
              className="btn btn-small"
              tabIndex={-1}
              onClick={(e) => (e.stopPropagation(), onMove('proposed'))}
            >
              {t('board.propose')}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-small"
            tabIndex={-1}
            onClick={(e) => (e.stopPropagation(), onEdit?.())}
          >
            {t('board.edit')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
