import type { CalendarView } from './calendar-model.js';

/** What a key does while a chip or a rail clip picks its slot: a step, confirm, or give up. */
export type CursorKeyAction =
  { type: 'step'; by: { days?: number; hours?: number } } | { type: 'confirm' } | { type: 'cancel' };

/**
 * Arrow keys move by a slot: an hour row up and down and a day sideways in the week view, a day
 * sideways and a week up and down in the month view. Enter confirms, Escape gives up.
 */
export function cursorKeyAction(key: string, view: CalendarView): CursorKeyAction | null {
  const hourRows = view === 'week';
  switch (key) {
    case 'ArrowUp':
      return { type: 'step', by: hourRows ? { hours: -1 } : { days: -7 } };
    case 'ArrowDown':
      return { type: 'step', by: hourRows ? { hours: 1 } : { days: 7 } };
    case 'ArrowLeft':
      return { type: 'step', by: { days: -1 } };
    case 'ArrowRight':
      return { type: 'step', by: { days: 1 } };
    case 'Enter':
      return { type: 'confirm' };
    case 'Escape':
      return { type: 'cancel' };
    default:
      return null;
  }
}
