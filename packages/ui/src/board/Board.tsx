import {
  DndContext,
  DragOverlay,
  PointerSensor,
  closestCenter,
  pointerWithin,
  type CollisionDetection,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useMemo, useState } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { CLIP_STATUSES, type ClipStatus } from '../api/api-types.js';
import { laneOf, dropIndex } from './board-model.js';
import { createCardHandlers, movingIds } from './card-handlers.js';
import type { BoardState } from './board-store.js';
import type { Slot } from '../calendar/calendar-model.js';
import { ScheduleStrip } from './ScheduleStrip.js';
import { ClipCard } from './ClipCard.js';
import { Lane } from './Lane.js';

/** The card under the pointer if any, else the lane under it, else the nearest thing. */
const cardThenLane: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  const card = within.find((c) => !String(c.id).startsWith('lane:'));
  if (card) return [card];
  return within.length ? within : closestCenter(args);
};

/** Where the pointer is: a lane's empty space (`lane:<status>`) or a card (its id). */
function overTarget(
  state: BoardState,
  overId: string | null,
): { lane: ClipStatus; cardId: string | null } | null {
  if (!overId) return null;
  if (overId.startsWith('lane:')) return { lane: overId.slice(5) as ClipStatus, cardId: null };
  const lane = laneOf(state.lanes, overId);
  return lane ? { lane, cardId: overId } : null;
}

/** The coming week's times under the board, in the calendar's zone; an approved card dropped on one is scheduled. */
export interface BoardSchedule {
  zone: string;
  now: number;
  onDrop(clipId: string, slot: Slot): void;
}

export function Board({ store, schedule }: { store: StoreApi<BoardState>; schedule?: BoardSchedule | null }) {
  const lanes = useStore(store, (s) => s.lanes);
  const clips = useStore(store, (s) => s.clips);
  const selectionList = useStore(store, (s) => s.selection);
  const focusId = useStore(store, (s) => s.focusId);
  const selection = useMemo(() => new Set(selectionList), [selectionList]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overLane, setOverLane] = useState<ClipStatus | null>(null);
  // A short distance before a drag starts keeps clicks (select, buttons) working.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const onDragStart = (event: DragStartEvent) => {
    const id = String(event.active.id);
    if (!store.getState().selection.includes(id)) store.getState().select([id]);
    setActiveId(id);
  };
  const onDragOver = (event: DragOverEvent) => {
    setOverLane(overTarget(store.getState(), event.over ? String(event.over.id) : null)?.lane ?? null);
  };
  const onDragEnd = (event: DragEndEvent) => {
    setActiveId(null);
    setOverLane(null);
    const state = store.getState();
    const id = String(event.active.id);
    const slot = (event.over?.data.current as { slot?: Slot } | undefined)?.slot;
    if (slot) {
      if (laneOf(state.lanes, id) === 'approved') schedule?.onDrop(id, slot);
      return;
    }
    const target = overTarget(state, event.over ? String(event.over.id) : null);
    if (!target) return;
    const ids = movingIds(state, id);
    state.move(ids, target.lane, dropIndex(state.lanes, ids, id, target));
    state.focus(id);
  };

  // Stable across renders, so a lane re-renders only when its own cards or state change.
  const cardHandlers = useMemo(() => createCardHandlers(store), [store]);

  const active = activeId ? clips[activeId] : undefined;
  const draggingKind = activeId ? (laneOf(lanes, activeId) === 'approved' ? 'approved' : 'other') : null;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={cardThenLane}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => (setActiveId(null), setOverLane(null))}
    >
      {schedule ? <ScheduleStrip zone={schedule.zone} now={schedule.now} dragging={draggingKind} /> : null}
      <div className="board">
        {CLIP_STATUSES.map((status) => (
          <Lane
            key={status}
            status={status}
            ids={lanes[status]}
            clips={clips}
            selection={selection}
            focusId={focusId}
            over={overLane === status}
            {...cardHandlers}
          />
        ))}
      </div>
      <DragOverlay>
        {active ? (
          <div className="drag-overlay">
            <ClipCard clip={active} selected count={selection.has(active.id) ? selection.size : 1} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
