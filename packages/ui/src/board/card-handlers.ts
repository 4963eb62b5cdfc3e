import type { KeyboardEvent, MouseEvent } from 'react';
import type { StoreApi } from 'zustand';
import type { ClipStatus } from '../api/api-types.js';
import { inBoardOrder, laneOf } from './board-model.js';
import { boardKeyAction } from './board-keys.js';
import type { BoardState } from './board-store.js';

/** The clips a gesture on `id` moves: the selection when `id` is in it, else `id` alone. */
export function movingIds(state: BoardState, id: string): string[] {
  return state.selection.includes(id) ? [...state.selection] : [id];
}

/** What clicks, keys and card buttons do; they read the store when called, so they never go stale. */
export function createCardHandlers(store: StoreApi<BoardState>) {
  return {
    onCardClick(id: string, event: MouseEvent) {
      const state = store.getState();
      if (event.metaKey || event.ctrlKey) state.toggleSelected(id);
      else if (event.shiftKey && state.focusId) {
        const lane = laneOf(state.lanes, id);
        const ids = lane ? state.lanes[lane] : [];
        const [a, b] = [ids.indexOf(state.focusId), ids.indexOf(id)].sort((x, y) => x - y);
        if (a !== undefined && b !== undefined && a >= 0)
          state.select([...state.selection, ...ids.slice(a, b + 1)]);
      } else state.select([id]);
      state.focus(id);
    },
    onCardKeyDown(id: string, event: KeyboardEvent) {
      if (event.target !== event.currentTarget) return;
      const state = store.getState();
      const action = boardKeyAction(event, state.lanes, id, state.selection);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      switch (action.type) {
        case 'focus':
          return state.focus(action.id);
        case 'toggle':
          return state.toggleSelected(action.id);
        case 'clear':
          return state.select([]);
        case 'edit':
          return state.openEditor(action.id);
        case 'undo':
          return state.undo();
        case 'redo':
          return state.redo();
        case 'move':
          state.move(action.ids, action.to, action.index);
          return state.focus(action.focus);
      }
    },
    onCardFocus(id: string) {
      store.getState().focus(id);
    },
    onMove(id: string, to: ClipStatus) {
      const state = store.getState();
      state.move(inBoardOrder(state.lanes, movingIds(state, id)), to, state.lanes[to].length);
    },
    onEdit(id: string) {
      store.getState().openEditor(id);
    },
  };
}
