import { CLIP_STATUSES, type ClipStatus } from '../api/api-types.js';
import { laneOf, type Lanes } from './board-model.js';

export type BoardKeyAction =
  | { type: 'focus'; id: string }
  | { type: 'toggle'; id: string }
  | { type: 'move'; ids: string[]; to: ClipStatus; index: number; focus: string }
  | { type: 'edit'; id: string }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'redo' };

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const MOVE_KEYS: Record<string, ClipStatus> = { a: 'approved', r: 'rejected', p: 'proposed' };

/** What a key press on a focused card does: the keyboard equivalent of every drag. */
export function boardKeyAction(
  press: KeyPress,
  lanes: Lanes,
  focusedId: string,
  selection: readonly string[],
): BoardKeyAction | null {
  const lane = laneOf(lanes, focusedId);
  if (!lane) return null;
  const ids = lanes[lane];
  const index = ids.indexOf(focusedId);
  const command = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const moving = selection.includes(focusedId) ? [...selection] : [focusedId];
  if (command && key === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (command && key === 'y') return { type: 'redo' };
  if (command) return null;
  if (press.altKey) {
    const laneIndex = CLIP_STATUSES.indexOf(lane);
    if (key === 'ArrowUp' && index > 0)
      return { type: 'move', ids: moving, to: lane, index: index - 1, focus: focusedId };
    if (key === 'ArrowDown' && index < ids.length - 1)
      return { type: 'move', ids: moving, to: lane, index: index + 1, focus: focusedId };
    const side = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
    const to = side ? CLIP_STATUSES[laneIndex + side] : undefined;
    if (to)
      return { type: 'move', ids: moving, to, index: Math.min(index, lanes[to].length), focus: focusedId };
    return null;
  }
  if (key === 'ArrowUp' && index > 0) return { type: 'focus', id: ids[index - 1]! };
  if (key === 'ArrowDown' && index < ids.length - 1) return { type: 'focus', id: ids[index + 1]! };
  if (key === ' ') return { type: 'toggle', id: focusedId };
  if (key === 'Enter') return { type: 'edit', id: focusedId };
  if (key === 'Escape') return { type: 'clear' };
  const to = MOVE_KEYS[key];
  if (to && to !== lane) {
    // The focus follows to the next card of the lane being worked through.
    const rest = ids.filter((id) => !moving.includes(id));
    const next = rest[Math.min(index, rest.length - 1)] ?? focusedId;
    return { type: 'move', ids: moving, to, index: lanes[to].length, focus: next };
  }
  return null;
}
