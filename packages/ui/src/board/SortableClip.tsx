import { useSortable } from '@dnd-kit/sortable';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { Clip } from '../api/api-types.js';
import { ClipCard } from './ClipCard.js';

export interface SortableClipProps {
  clip: Clip;
  top: number;
  selected: boolean;
  measure(element: HTMLElement | null): void;
  index: number;
  onClick(event: MouseEvent): void;
  onKeyDown(event: KeyboardEvent): void;
  onFocus(): void;
  onMove(to: Clip['status']): void;
  onEdit(): void;
}

/** A card placed by the virtualiser (top) and moved by dnd-kit (transform). */
export function SortableClip({ clip, top, selected, measure, index, ...handlers }: SortableClipProps) {
  const { setNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: clip.id,
  });
  const { role: _role, tabIndex: _tabIndex, ...dragAttributes } = attributes;
  return (
    <div
      ref={measure}
      data-index={index}
      style={{ position: 'absolute', top, left: 0, right: 0, paddingBottom: 8 }}
    >
      <ClipCard
        clip={clip}
        selected={selected}
        dragging={isDragging}
        cardRef={setNodeRef}
        style={{
          transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
          transition,
        }}
        dragProps={{ ...dragAttributes, ...listeners }}
        {...handlers}
      />
    </div>
  );
}
