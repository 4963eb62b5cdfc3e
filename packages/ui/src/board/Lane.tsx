import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Clip, ClipStatus } from '../api/api-types.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import { SortableClip } from './SortableClip.js';

export interface LaneProps {
  status: ClipStatus;
  ids: readonly string[];
  clips: Readonly<Record<string, Clip>>;
  selection: ReadonlySet<string>;
  focusId: string | null;
  over: boolean;
  onCardClick(id: string, event: MouseEvent): void;
  onCardKeyDown(id: string, event: KeyboardEvent): void;
  onCardFocus(id: string): void;
  onMove(id: string, to: ClipStatus): void;
  onEdit(id: string): void;
}

const ESTIMATED_CARD_HEIGHT = 124;

/** One lane: a droppable, sortable, virtualised list, so a thousand cards cost only what is visible. */
export const Lane = memo(function Lane({
  status,
  ids,
  clips,
  selection,
  focusId,
  over,
  ...handlers
}: LaneProps) {
  const { t } = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef } = useDroppable({ id: `lane:${status}`, data: { lane: status } });
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 6,
    getItemKey: (index) => ids[index] ?? index,
    initialRect: { width: 320, height: 800 },
  });

  // Keyboard focus may move to a card scrolled out of view (and so not rendered): bring it in first.
  const focusIndex = focusId ? ids.indexOf(focusId) : -1;
  useEffect(() => {
    if (focusIndex < 0 || !focusId) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-clip-id="${CSS.escape(focusId)}"]`);
    if (element) {
      if (document.activeElement !== element) element.focus({ preventScroll: false });
      return;
    }
    virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
    const frame = requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-clip-id="${CSS.escape(focusId)}"]`)?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, [focusId, focusIndex, virtualizer]);

  const headingId = `lane-${status}-heading`;
  return (
    <section
      className="lane"
      data-testid={`lane-${status}`}
      data-over={over}
      style={{ ['--lane-color' as string]: `var(--lane-${status})` }}
      aria-labelledby={headingId}
    >
      <div className="lane-head">
        <h2 id={headingId}>{t(`board.lane.${status}` as MessageKey)}</h2>
        <span className="muted" data-testid="lane-count">
          {t('board.lane.count', { count: ids.length })}
        </span>
      </div>
      <div
        ref={(el) => {
          scrollRef.current = el;
          setNodeRef(el);
        }}
        className="lane-scroll"
        role="listbox"
        aria-multiselectable="true"
        aria-labelledby={headingId}
      >
        {ids.length === 0 ? <div className="lane-empty">{t('board.lane.empty')}</div> : null}
        <SortableContext id={status} items={ids as string[]} strategy={verticalListSortingStrategy}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const id = ids[item.index];
              const clip = id ? clips[id] : undefined;
              if (!id || !clip) return null;
              return (
                <SortableClip
                  key={id}
                  clip={clip}
                  index={item.index}
                  top={item.start}
                  measure={virtualizer.measureElement}
                  selected={selection.has(id)}
                  onClick={(e) => handlers.onCardClick(id, e)}
                  onKeyDown={(e) => handlers.onCardKeyDown(id, e)}
                  onFocus={() => handlers.onCardFocus(id)}
                  onMove={(to) => handlers.onMove(id, to)}
                  onEdit={() => handlers.onEdit(id)}
                />
              );
            })}
          </div>
        </SortableContext>
      </div>
    </section>
  );
});
