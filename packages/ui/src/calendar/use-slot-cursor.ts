import { useState, type KeyboardEvent } from 'react';
import type { Clip, Post } from '../api/api-types.js';
import { cursorKeyAction } from './calendar-keys.js';
import { isMovable, moveTime, type CalendarView } from './calendar-model.js';

/** The keyboard's pick of a slot: for a post being moved, or a rail clip being scheduled. */
export type SlotCursor =
  { kind: 'post'; postId: string; at: string } | { kind: 'clip'; clipId: string; at: string };

/** One step from `at`; a step into a skipped hour goes on past it. */
function stepped(at: string, zone: string, by: { days?: number; hours?: number }) {
  return (
    moveTime(at, zone, by) ??
    moveTime(at, zone, { days: (by.days ?? 0) * 2, hours: (by.hours ?? 0) * 2 }) ??
    at
  );
}

/**
 * Arrow keys on a focused chip pick its new slot (Enter moves it there, Escape leaves it); Enter on
 * a rail clip starts at `startAt()`, arrows pick, Enter opens the form for that time.
 */
export function useSlotCursor(options: {
  view: CalendarView;
  zone: string;
  startAt(): string;
  onMove(postId: string, at: string): void;
  onSchedule(clip: Clip, at: string): void;
  onReveal(at: string): void;
}) {
  const [cursor, setCursorState] = useState<SlotCursor | null>(null);
  const setCursor = (next: SlotCursor | null) => {
    setCursorState(next);
    if (next) options.onReveal(next.at);
  };

  const onChipKeyDown = (event: KeyboardEvent, post: Post) => {
    if (!isMovable(post) || !post.at || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = cursorKeyAction(event.key, options.view);
    if (!action) return;
    const mine = cursor?.kind === 'post' && cursor.postId === post.id ? cursor : null;
    if (action.type === 'step') {
      setCursor({ kind: 'post', postId: post.id, at: stepped(mine?.at ?? post.at, options.zone, action.by) });
    } else if (!mine) return;
    else if (action.type === 'confirm') {
      setCursorState(null);
      options.onMove(post.id, mine.at);
    } else setCursorState(null);
    event.preventDefault();
    event.stopPropagation();
  };

  const onClipKeyDown = (event: KeyboardEvent, clip: Clip) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const mine = cursor?.kind === 'clip' && cursor.clipId === clip.id ? cursor : null;
    const action = cursorKeyAction(event.key === ' ' ? 'Enter' : event.key, options.view);
    if (!action) return;
    if (!mine) {
      if (action.type !== 'confirm') return;
      setCursor({ kind: 'clip', clipId: clip.id, at: options.startAt() });
    } else if (action.type === 'step') setCursor({ ...mine, at: stepped(mine.at, options.zone, action.by) });
    else if (action.type === 'confirm') {
      setCursorState(null);
      options.onSchedule(clip, mine.at);
    } else setCursorState(null);
    event.preventDefault();
    event.stopPropagation();
  };

  return { cursor, onChipKeyDown, onClipKeyDown, clear: () => setCursorState(null) };
}
